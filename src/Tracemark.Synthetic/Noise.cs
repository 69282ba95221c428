using System.Globalization;
using System.Text;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Synthetic.Truth;

namespace Tracemark.Synthetic;

/// <summary>
/// The ways leaked files disfigure identifiers, with what each does to the truth: reformatting keeps a value valid
/// (same canonical form), masking makes it partial, a typo makes it invalid, and a missing value leaves nothing.
/// Typos are chosen so that the result is structurally invalid (a dropped digit, or a substitution that a check
/// digit catches), never another person's valid identifier.
/// </summary>
internal static class Noise
{
    public readonly record struct Outcome(string Written, IdentifierKind Kind, string Value, ItemStatus Status);

    /// <summary>Applies noise at <paramref name="rate"/>; null when the value goes missing.</summary>
    public static Outcome? Apply(IdentifierKind kind, string canonical, double rate, ref SynthRandom rng)
    {
        if (!rng.Chance(rate))
        {
            return new Outcome(canonical, kind, canonical, ItemStatus.Valid);
        }

        var roll = rng.NextDouble();
        if (roll < 0.15)
        {
            return null;
        }

        if (roll < 0.40 && Mask(kind, canonical) is { } masked)
        {
            return new Outcome(masked.Written, masked.Kind, masked.Written, ItemStatus.Masked);
        }

        if (roll < 0.55 && Typo(kind, canonical, ref rng) is { } typo)
        {
            return new Outcome(typo, kind, typo, ItemStatus.Invalid);
        }

        return new Outcome(Reformat(kind, canonical, ref rng), kind, canonical, ItemStatus.Valid);
    }

    /// <summary>A written form with the same canonical value.</summary>
    public static string Reformat(IdentifierKind kind, string canonical, ref SynthRandom rng)
    {
        var fullWidth = rng.Chance(0.25);
        var text = kind switch
        {
            IdentifierKind.Mobile => rng.Next(6) switch
            {
                0 => "+86 " + canonical,
                1 => "+86-" + canonical,
                2 => "0086" + canonical,
                3 => $"{canonical[..3]}-{canonical[3..7]}-{canonical[7..]}",
                4 => $"{canonical[..3]} {canonical[3..7]} {canonical[7..]}",
                _ => "(+86)" + canonical,
            },
            IdentifierKind.ResidentId => rng.Next(3) switch
            {
                0 when canonical[17] == 'X' => canonical[..17] + "x",
                1 when canonical.AsSpan(6, 2) is "19" => canonical[..6] + canonical[8..17], // legacy 15-digit form
                _ => $"{canonical[..6]} {canonical[6..14]} {canonical[14..]}",
            },
            IdentifierKind.BankCard => Group(canonical, 4, ' '),
            IdentifierKind.Email => rng.Chance(0.5) ? canonical.ToUpperInvariant() : canonical.Replace("@", "＠", StringComparison.Ordinal),
            IdentifierKind.Name => canonical.Length == 2 ? $"{canonical[0]} {canonical[1]}" : canonical,
            IdentifierKind.Landline => rng.Chance(0.5) ? $"({canonical.Replace("-", ")", StringComparison.Ordinal)}" : canonical.Replace('-', ' '),
            IdentifierKind.VehiclePlate => $"{canonical[..2]}·{canonical[2..]}",
            _ => canonical,
        };
        return fullWidth && kind is not (IdentifierKind.Email or IdentifierKind.Name) ? ToFullWidth(text) : text;
    }

    /// <summary>The masked form exports print, with its masked kind; null for kinds that are not masked.</summary>
    public static (string Written, IdentifierKind Kind)? Mask(IdentifierKind kind, string canonical) => kind switch
    {
        IdentifierKind.Mobile => (canonical[..3] + "****" + canonical[7..], IdentifierKind.MobileMasked),
        IdentifierKind.ResidentId => (canonical[..6] + "********" + canonical[14..], IdentifierKind.ResidentIdMasked),
        IdentifierKind.BankCard => (canonical[..6] + new string('*', canonical.Length - 10) + canonical[^4..], IdentifierKind.BankCardMasked),
        IdentifierKind.Email => (MaskEmail(canonical), IdentifierKind.EmailMasked),
        IdentifierKind.Name => (canonical[..1] + new string('*', canonical.Length - 1), IdentifierKind.NameMasked),
        _ => null,
    };

    /// <summary>A mistyped, structurally invalid form; null for kinds without a check that would catch it.</summary>
    public static string? Typo(IdentifierKind kind, string canonical, ref SynthRandom rng)
    {
        switch (kind)
        {
            case IdentifierKind.Mobile:
                {
                    var at = rng.Next(3, canonical.Length);
                    return canonical.Remove(at, 1);
                }

            case IdentifierKind.ResidentId:
            case IdentifierKind.BankCard:
                {
                    // One substituted digit: ISO 7064 MOD 11-2 and Luhn both catch every single substitution. For IDs,
                    // re-roll results that pass Luhn, which a scanner would rightly call a card number in free text.
                    for (var attempt = 0; attempt < 20; attempt++)
                    {
                        var chars = canonical.ToCharArray();
                        var at = rng.Next(kind == IdentifierKind.ResidentId ? 17 : chars.Length);
                        chars[at] = (char)('0' + ((chars[at] - '0' + rng.Next(1, 10)) % 10));
                        var typo = new string(chars);
                        if (kind == IdentifierKind.BankCard || !PassesLuhn(typo))
                        {
                            return typo;
                        }
                    }

                    return null;
                }

            case IdentifierKind.Email:
                return canonical.Replace("@", string.Empty, StringComparison.Ordinal);
            default:
                return null;
        }
    }

    public static string ToFullWidth(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c);
        }

        return sb.ToString();
    }

    private static string Group(string digits, int size, char separator)
    {
        var sb = new StringBuilder(digits.Length + (digits.Length / size));
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && i % size == 0)
            {
                sb.Append(separator);
            }

            sb.Append(digits[i]);
        }

        return sb.ToString();
    }

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var keep = at >= 3 ? 2 : 1;
        return email[..keep] + "***" + email[at..];
    }

    private static bool PassesLuhn(string digits)
    {
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return digits.Length is >= 16 and <= 19 && BankCard.LuhnCheckDigit(digits.AsSpan(0, digits.Length - 1)) == digits[^1] - '0';
    }

    public static string Digits(ref SynthRandom rng, int count)
    {
        var sb = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            sb.Append((char)('0' + rng.Next(10)));
        }

        return sb.ToString();
    }

    public static string Time(ref SynthRandom rng, int fromYear, int toYear)
    {
        var start = new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var seconds = rng.NextLong((long)(new DateTime(toYear, 12, 31, 23, 59, 59, DateTimeKind.Unspecified) - start).TotalSeconds);
        return start.AddSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
