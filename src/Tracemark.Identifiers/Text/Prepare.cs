namespace Tracemark.Identifiers.Text;

/// <summary>Whether folded characters have a kind's shape.</summary>
internal delegate bool ShapeTest(ReadOnlySpan<char> folded);

/// <summary>The check character of a number's leading characters.</summary>
internal delegate char CheckCharacterOf(ReadOnlySpan<char> leading);

/// <summary>The first steps every kind's Check shares: fold into a buffer, then reject overflow, empty and non-digits.</summary>
internal static class Prepare
{
    /// <summary>
    /// Folds <paramref name="raw"/> into <paramref name="buffer"/>. Fails with Length when it does not fit and Empty
    /// when nothing is left; otherwise returns a passing verdict and the folded characters.
    /// </summary>
    public static Verdict Folded(IdentifierKind kind, ReadOnlySpan<char> raw, Span<char> buffer, Strip strip, out Span<char> folded)
    {
        var n = Fold.Compact(raw, buffer, strip);
        folded = n > 0 ? buffer[..n] : default;
        return n switch
        {
            < 0 => Verdict.Fail(kind, Problem.Length, raw.Length),
            0 => Verdict.Fail(kind, Problem.Empty),
            _ => default,
        };
    }

    /// <summary>As <see cref="Folded"/>, then fails on the first non-digit and on a count outside [min, max].</summary>
    public static Verdict Digits(IdentifierKind kind, ReadOnlySpan<char> raw, Span<char> buffer, Strip strip, int min, int max, out Span<char> digits)
    {
        var verdict = Folded(kind, raw, buffer, strip, out digits);
        if (verdict.Problem != Problem.None)
        {
            return verdict;
        }

        var bad = Ascii.IndexOfNonDigit(digits);
        if (bad >= 0)
        {
            return Verdict.Fail(kind, Problem.Character, bad + 1, digits[bad]);
        }

        return digits.Length < min || digits.Length > max ? Verdict.Fail(kind, Problem.Length, digits.Length) : default;
    }

    /// <summary>
    /// For document numbers of one length (passports, permits, Taiwan numbers): folds spaces, dashes and case, then
    /// fails with Empty, or Shape when the length or <paramref name="shape"/> says no; with <paramref name="check"/>,
    /// the last character must be the check character of the others. Writes the folded number on success.
    /// </summary>
    public static Verdict Document(IdentifierKind kind, ReadOnlySpan<char> raw, Span<char> canonical, int length, ShapeTest shape, CheckCharacterOf? check = null)
    {
        Span<char> buf = stackalloc char[16];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Upper);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        if (n != length || !shape(buf[..n]))
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        if (check is not null && check(buf[..(n - 1)]) is var expected && buf[n - 1] != expected)
        {
            return Verdict.Fail(kind, Problem.CheckCharacter, expected);
        }

        buf[..n].CopyTo(canonical);
        return Verdict.Valid(kind, n);
    }
}
