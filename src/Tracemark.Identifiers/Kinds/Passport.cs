using Tracemark.Identifiers.Text;

namespace Tracemark.Identifiers.Kinds;

/// <summary>Passport type given by the number's prefix.</summary>
public enum PassportType
{
    /// <summary>Ordinary e-passport (E + 8 characters, since 2012).</summary>
    OrdinaryElectronic,
    /// <summary>Ordinary passport of the G series (G + 8 digits).</summary>
    Ordinary,
    /// <summary>Diplomatic (DE + 7 digits).</summary>
    Diplomatic,
    /// <summary>Service (SE + 7 digits).</summary>
    Service,
    /// <summary>Public affairs (PE + 7 digits).</summary>
    PublicAffairs,
}

/// <summary>
/// People's Republic of China passport number: E + [A-HJ-NP-Z0-9] + 7 digits, G + 8 digits, or DE/SE/PE + 7 digits.
/// No check digit is published, so validity is the shape. Canonical form: upper case, 9 characters.
/// </summary>
public static class Passport
{
    /// <summary>Number length.</summary>
    public const int Length = 9;

    /// <summary>Folds and validates; writes the 9 characters to <paramref name="canonical"/>.</summary>
    public static Verdict Check(ReadOnlySpan<char> raw, Span<char> canonical) =>
        Prepare.Document(IdentifierKind.Passport, raw, canonical, Length, static s => TryType(s, out _));

    /// <summary>The passport type of a canonical number.</summary>
    public static PassportType Describe(ReadOnlySpan<char> canonical) =>
        TryType(canonical, out var type) ? type : throw new ArgumentException("not a valid passport number", nameof(canonical));

    private static bool TryType(ReadOnlySpan<char> s, out PassportType type)
    {
        type = default;
        if (s.Length != Length)
        {
            return false;
        }

        if (s[1] == 'E' && Ascii.AllDigits(s[2..]))
        {
            switch (s[0])
            {
                case 'D':
                    type = PassportType.Diplomatic;
                    return true;
                case 'S':
                    type = PassportType.Service;
                    return true;
                case 'P':
                    type = PassportType.PublicAffairs;
                    return true;
                default:
                    break;
            }
        }

        if (s[0] == 'E' && (Ascii.IsDigit(s[1]) || (Ascii.IsUpper(s[1]) && s[1] is not ('I' or 'O'))) && Ascii.AllDigits(s[2..]))
        {
            type = PassportType.OrdinaryElectronic;
            return true;
        }

        if (s[0] == 'G' && Ascii.AllDigits(s[1..]))
        {
            type = PassportType.Ordinary;
            return true;
        }

        return false;
    }
}
