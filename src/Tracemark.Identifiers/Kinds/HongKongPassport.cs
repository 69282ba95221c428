using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>
/// Hong Kong SAR passport number: K + 8 digits (issued since 1997) or KJ + 7 digits (electronic passports since
/// 2007). No check digit is published, so validity is the shape. H + 8 digits is the home-return permit of a Hong
/// Kong resident (<see cref="HomeReturnPermit"/>), not a passport. Canonical form: upper case, 9 characters.
/// </summary>
public static class HongKongPassport
{
    /// <summary>Number length.</summary>
    public const int Length = 9;

    /// <summary>Folds and validates; writes the 9 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical) =>
        Prepare.Document(IdentifierKind.HongKongPassport, raw, canonical, Length, static s =>
            s[0] == 'K' && (Ascii.AllDigits(s[1..]) || (s[1] == 'J' && Ascii.AllDigits(s[2..]))));

    /// <summary>True for an electronic passport number (KJ series).</summary>
    public static bool IsElectronic(ReadOnlySpan<char> canonical) => canonical.StartsWith("KJ");
}
