using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a home-return permit number tells.</summary>
public readonly record struct HomeReturnPermitFacts(string Residence, int? IssueCount);

/// <summary>
/// Mainland Travel Permit for Hong Kong and Macao Residents (回乡证): H (Hong Kong) or M (Macau) + 8 digits,
/// printed with a 2-digit issue count that is not part of the holder's number. Canonical form: the 9 characters.
/// </summary>
public static class HomeReturnPermit
{
    /// <summary>Canonical length.</summary>
    public const int Length = 9;

    /// <summary>Folds and validates; writes the 9 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.HomeReturnPermit;
        Span<char> buf = stackalloc char[16];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Parentheses | Strip.Upper);
        if (n == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        if (n is not (Length or Length + 2) || buf[0] is not ('H' or 'M') || !Ascii.AllDigits(buf[1..n]))
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        buf[..Length].CopyTo(canonical);
        return Verdict.Valid(kind, Length);
    }

    /// <summary>Residence and issue count of a raw, valid number.</summary>
    public static HomeReturnPermitFacts Describe(ReadOnlySpan<char> raw)
    {
        Span<char> buf = stackalloc char[16];
        var n = Fold.Compact(raw, buf, Strip.Spaces | Strip.Dashes | Strip.Parentheses | Strip.Upper);
        var residence = buf[0] == 'H' ? "Hong Kong" : "Macau";
        return new HomeReturnPermitFacts(residence, n == Length + 2 ? Ascii.Digits(buf[9..11]) : null);
    }
}
