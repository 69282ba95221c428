using Tracemark.Identifiers.Reference;
using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>
/// Mainland mobile number: 11 digits in an allocated segment. Accepts +86 / 0086 / 86 prefixes, spaces, dashes,
/// dots, parentheses around the country code and full-width digits. Canonical form: the 11 digits.
/// </summary>
public static class MobileNumber
{
    /// <summary>Canonical length.</summary>
    public const int Length = 11;

    /// <summary>Folds and validates; writes the 11 digits to <paramref name="canonical"/> (at least 11 long).</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical)
    {
        const IdentifierKind kind = IdentifierKind.Mobile;
        Span<char> buf = stackalloc char[24];
        var n = Fold.Compact(raw, buf, Strip.Numeric | Strip.Parentheses);
        if (n < 0)
        {
            return Verdict.Fail(kind, Problem.Length, raw.Length);
        }

        var digits = StripCountryCode(buf[..n]);
        if (digits.Length == 0)
        {
            return Verdict.Fail(kind, Problem.Empty);
        }

        var bad = Ascii.IndexOfNonDigit(digits);
        if (bad >= 0)
        {
            return Verdict.Fail(kind, Problem.Character, bad + 1, digits[bad]);
        }

        if (digits[0] != '1')
        {
            return Verdict.Fail(kind, Problem.Shape);
        }

        if (digits.Length != Length)
        {
            return Verdict.Fail(kind, Problem.Length, digits.Length);
        }

        if (!MobileSegments.TryFind(digits, out var segment))
        {
            return Verdict.Fail(kind, Problem.UnassignedSegment, UnassignedPrefix(digits, out var len), len);
        }

        if (segment.Use == SegmentUse.Iot13)
        {
            return Verdict.Fail(kind, Problem.IotSegment, Ascii.Digits(segment.Prefix), segment.Prefix.Length);
        }

        digits.CopyTo(canonical);
        return Verdict.Valid(kind, Length);
    }

    /// <summary>The segment of a canonical number.</summary>
    public static MobileSegment Describe(ReadOnlySpan<char> canonical) =>
        MobileSegments.TryFind(canonical, out var segment)
            ? segment
            : throw new ArgumentException("not a valid canonical mobile number", nameof(canonical));

    // +86 / 0086 / 86 followed by 11 digits starting with 1. A bare 86 is only a country code when 13 digits remain.
    internal static ReadOnlySpan<char> StripCountryCode(ReadOnlySpan<char> s)
    {
        if (s.StartsWith("+86"))
        {
            return s[3..];
        }

        if (s.StartsWith("0086"))
        {
            return s[4..];
        }

        if (s.Length == 13 && s.StartsWith("861"))
        {
            return s[2..];
        }

        return s;
    }

    // Names the prefix to blame: 5 digits for 174xx, 4 for 1440-1449 (only 1440x exists), else 3.
    private static int UnassignedPrefix(ReadOnlySpan<char> digits, out int length)
    {
        length = digits.StartsWith("174") ? 5 : digits.StartsWith("144") ? 4 : 3;
        return Ascii.Digits(digits[..length]);
    }
}
