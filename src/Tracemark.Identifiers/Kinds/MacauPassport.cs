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
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical) =>
        Prepare.Document(IdentifierKind.MacauPassport, raw, canonical, Length, static s =>
            s[0] == 'M' && s[1] is 'A' or 'B' && Ascii.AllDigits(s[2..]));
}
