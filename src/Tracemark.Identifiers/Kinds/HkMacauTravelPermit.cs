using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>The form of a travel permit to Hong Kong and Macau, told by its number.</summary>
public enum TravelPermitForm
{
    /// <summary>Card permit (since 2014): C + 8 digits.</summary>
    Card,
    /// <summary>Card permit numbered with a second letter: C + letter + 7 digits.</summary>
    CardLettered,
    /// <summary>Booklet permit (before 2014): W + 8 digits.</summary>
    Booklet,
}

/// <summary>
/// Exit-entry permit for mainland residents travelling to Hong Kong and Macau (往来港澳通行证): the card issued
/// since 2014 is numbered C + 8 digits, or C + a letter (not I or O) + 7 digits once a series ran out; the older
/// booklet W + 8 digits. No check digit is published, so validity is the shape. Not the home-return permit of
/// Hong Kong and Macau residents (H/M + 8 digits, <see cref="HomeReturnPermit"/>). Canonical form: upper case, 9 characters.
/// </summary>
public static class HkMacauTravelPermit
{
    /// <summary>Number length.</summary>
    public const int Length = 9;

    /// <summary>Folds and validates; writes the 9 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical) =>
        Prepare.Document(IdentifierKind.HkMacauTravelPermit, raw, canonical, Length, static s => TryForm(s, out _));

    /// <summary>The form of a canonical number.</summary>
    public static TravelPermitForm Describe(ReadOnlySpan<char> canonical) =>
        TryForm(canonical, out var form) ? form : throw new ArgumentException("not a valid travel permit number", nameof(canonical));

    private static bool TryForm(ReadOnlySpan<char> s, out TravelPermitForm form)
    {
        form = default;
        if (s.Length != Length || !Ascii.AllDigits(s[2..]))
        {
            return false;
        }

        switch (s[0])
        {
            case 'C' when Ascii.IsDigit(s[1]):
                form = TravelPermitForm.Card;
                return true;
            case 'C' when Ascii.IsUpper(s[1]) && s[1] is not ('I' or 'O'):
                form = TravelPermitForm.CardLettered;
                return true;
            case 'W' when Ascii.IsDigit(s[1]):
                form = TravelPermitForm.Booklet;
                return true;
            default:
                return false;
        }
    }
}
