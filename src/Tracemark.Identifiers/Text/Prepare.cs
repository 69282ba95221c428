namespace Tracemark.Identifiers.Text;

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
}
