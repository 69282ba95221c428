using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>
/// Hong Kong identity card number: one or two letters + 6 digits + check digit (0–9 or A), usually printed with
/// the check in parentheses, e.g. A123456(3). Check: a one-letter prefix counts as a leading space (36); letters
/// A=10…Z=35; weights 9…2 over the 8 positions; check = (11 − Σ mod 11) mod 11, 10 written A.
/// Canonical form: "A123456(3)".
/// </summary>
public static class HongKongId
{
    /// <summary>Longest canonical form: two letters, 6 digits, check in parentheses.</summary>
    public const int MaxLength = 11;

    /// <summary>Folds and validates; writes the canonical form to <paramref name="canonical"/> (at least 11 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.HongKongId;
        Span<char> buf = stackalloc char[16];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Parentheses | Strip.Upper);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        var s = buf[..Math.Max(n, 0)];
        var letters = s.Length > 0 && Ascii.IsUpper(s[0]) ? (s.Length > 1 && Ascii.IsUpper(s[1]) ? 2 : 1) : 0;
        if (n < 0 || letters == 0 || s.Length != letters + 7 || !Ascii.AllDigits(s.Slice(letters, 6))
            || !(Ascii.IsDigit(s[^1]) || s[^1] == 'A'))
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        var expected = CheckCharacter(s[..letters], s.Slice(letters, 6));
        if (s[^1] != expected)
        {
            return Verdict.Fail(kind, Problem.CheckCharacter, expected);
        }

        s[..^1].CopyTo(canonical);
        var len = s.Length - 1;
        canonical[len++] = '(';
        canonical[len++] = expected;
        canonical[len++] = ')';
        return Verdict.Valid(kind, len);
    }

    /// <summary>The check character for a letter prefix (1–2 letters) and 6 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> letters, ReadOnlySpan<char> digits)
    {
        var first = letters.Length == 2 ? letters[0] - 'A' + 10 : 36;
        var second = letters[^1] - 'A' + 10;
        var sum = (9 * first) + (8 * second);
        for (var i = 0; i < 6; i++)
        {
            sum += (7 - i) * (digits[i] - '0');
        }

        var check = (11 - (sum % 11)) % 11;
        return check == 10 ? 'A' : (char)('0' + check);
    }
}
