using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>What a Taiwan resident certificate number tells.</summary>
/// <param name="Place">Where it was issued (the first letter, as in Taiwan ID numbers).</param>
/// <param name="Sex">The holder's sex.</param>
/// <param name="OldFormat">True for the two-letter numbers issued before 2021.</param>
/// <param name="Holder">Who holds it, when the old format's second letter says so.</param>
public readonly record struct TaiwanResidentCertificateFacts(string Place, Sex Sex, bool OldFormat, string? Holder);

/// <summary>
/// Taiwan resident certificate number (居留證統一證號) of foreigners, mainland, Hong Kong and Macau residents and
/// nationals without household registration. Before 2021: a place letter + a second letter (A/B: nationals without
/// household registration, mainland, Hong Kong and Macau residents; C/D: foreigners and stateless; A/C male, B/D
/// female) + 8 digits, the second letter entering the check by the last digit of its code (A=10 → 0). Since 2021
/// the one-letter format of the national ID with 8 (male) or 9 (female) as second character. The check is that of
/// <see cref="TaiwanId"/>. Canonical form: upper case, 10 characters.
/// </summary>
public static class TaiwanResidentCertificate
{
    /// <summary>Number length.</summary>
    public const int Length = 10;

    /// <summary>Folds and validates; writes the 10 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical) =>
        Prepare.Document(IdentifierKind.TaiwanResidentCertificate, raw, canonical, Length, static s =>
            Ascii.IsUpper(s[0]) && s[1] is (>= 'A' and <= 'D') or '8' or '9' && Ascii.AllDigits(s[2..]), CheckDigit);

    /// <summary>Check digit for the first nine characters (either format).</summary>
    public static char CheckDigit(ReadOnlySpan<char> first9)
    {
        Span<char> digits = stackalloc char[9];
        first9.CopyTo(digits);
        if (Ascii.IsUpper(first9[1]))
        {
            // The old format's second letter counts as the last digit of its two-digit code (A=10 … D=13).
            digits[1] = (char)('0' + ((first9[1] - 'A' + 10) % 10));
        }

        return TaiwanId.CheckDigit(digits);
    }

    /// <summary>Place, sex, format and holder of a canonical number.</summary>
    public static TaiwanResidentCertificateFacts Describe(ReadOnlySpan<char> canonical)
    {
        var place = TaiwanId.Place(canonical[0]);
        return canonical[1] switch
        {
            '8' => new(place, Sex.Male, false, null),
            '9' => new(place, Sex.Female, false, null),
            'A' => new(place, Sex.Male, true, "national without household registration, mainland, Hong Kong or Macau resident"),
            'B' => new(place, Sex.Female, true, "national without household registration, mainland, Hong Kong or Macau resident"),
            'C' => new(place, Sex.Male, true, "foreigner or stateless person"),
            _ => new(place, Sex.Female, true, "foreigner or stateless person"),
        };
    }
}
