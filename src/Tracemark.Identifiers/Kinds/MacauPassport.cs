using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>
/// Macau SAR passport number: MA or MB + 7 digits. No check digit is published, so validity is the shape.
/// M + 8 digits is the home-return permit of a Macau resident (<see cref="HomeReturnPermit"/>), not a passport.
/// Canonical form: upper case, 9 characters.
/// </summary>
public static class MacauPassport
{
    /// <summary>Number length.</summary>
    public const int Length = 9;

    /// <summary>Folds and validates; writes the 9 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.MacauPassport;
        Span<char> buf = stackalloc char[16];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Upper);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        var s = buf[..Math.Max(n, 0)];
        if (n != Length || s[0] != 'M' || s[1] is not ('A' or 'B') || !Ascii.AllDigits(s[2..]))
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        s.CopyTo(canonical);
        return Verdict.Valid(kind, n);
    }
}
