using System.Globalization;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;

namespace Tracemark.Synthetic;

/// <summary>
/// Non-personal numbers built to pass an identifier's validation: order and tracking numbers that are valid resident
/// IDs, payment serials that pass Luhn with a UnionPay prefix, SKUs in real mobile segments, millisecond timestamps,
/// IMEIs. They sit under headers that say what they are, and a correct scanner reports none of them.
/// </summary>
internal static class Decoys
{
    /// <summary>What is written, the valid identifier it is or contains, and that identifier's kind.</summary>
    public readonly record struct Decoy(string Written, string LooksLike, IdentifierKind Imitates)
    {
        public static implicit operator Decoy((string Value, IdentifierKind Imitates) whole) => new(whole.Value, whole.Value, whole.Imitates);
    }

    private static readonly Region[] Counties = [.. Regions.All.Where(r => r.Level == RegionLevel.County && r.IsCurrent && r.Name != "市辖区")];
    private static readonly Region[] Fujian = [.. Counties.Where(r => r.Code / 10000 == 35)];
    private static readonly MobileSegment[] Segments = [.. MobileSegments.All.Where(s => s.Use == SegmentUse.Mobile && s.Prefix.Length == 3)];

    /// <summary>An 18-digit number that is a valid resident ID.</summary>
    public static (string Value, IdentifierKind Imitates) IdShaped(ref SynthRandom rng)
    {
        var region = Counties[rng.Next(Counties.Length)].Code;
        var birth = new DateOnly(1950, 1, 1).AddDays(rng.Next(20_000));
        Span<char> id = stackalloc char[18];
        string.Create(CultureInfo.InvariantCulture, $"{region:D6}{birth:yyyyMMdd}{rng.Next(1000):D3}").CopyTo(id);
        id[17] = ResidentId.CheckCharacter(id);

        // Digit-only: an X would make it obviously not an order number.
        return id[17] == 'X' ? IdShaped(ref rng) : (new string(id), IdentifierKind.ResidentId);
    }

    /// <summary>A 19-digit serial starting 62 that passes Luhn.</summary>
    public static (string Value, IdentifierKind Imitates) CardShaped(ref SynthRandom rng) =>
        (WithLuhn("62" + Noise.Digits(ref rng, 16)), IdentifierKind.BankCard);

    /// <summary>A 16-digit order number starting with a date that passes Luhn.</summary>
    public static (string Value, IdentifierKind Imitates) DatedOrderNumber(ref SynthRandom rng)
    {
        var date = new DateOnly(2021, 1, 1).AddDays(rng.Next(1500));
        return (WithLuhn(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Noise.Digits(ref rng, 7)), IdentifierKind.BankCard);
    }

    /// <summary>An 11-digit SKU in a real mobile segment.</summary>
    public static (string Value, IdentifierKind Imitates) MobileShaped(ref SynthRandom rng) =>
        (Segments[rng.Next(Segments.Length)].Prefix + Noise.Digits(ref rng, 8), IdentifierKind.Mobile);

    /// <summary>
    /// A 13-digit Unix time in milliseconds (2020-09 to 2023-11: "16" + 11 digits) whose last 11 digits are a number
    /// in a real mobile segment: a scanner matching 11 digits without digit boundaries would report a mobile.
    /// </summary>
    public static Decoy MillisecondTimestamp(ref SynthRandom rng)
    {
        var (mobile, kind) = MobileShaped(ref rng);
        return new Decoy("16" + mobile, mobile, kind);
    }

    /// <summary>
    /// A 15-digit IMEI that is also a valid legacy resident ID: type allocation codes starting 35 coincide with
    /// Fujian's region codes, so region 35xxxx + YYMMDD + order whose last digit completes the IMEI's Luhn check.
    /// </summary>
    public static (string Value, IdentifierKind Imitates) Imei(ref SynthRandom rng)
    {
        var region = Fujian[rng.Next(Fujian.Length)].Code;
        var birth = new DateOnly(1950, 1, 1).AddDays(rng.Next(18_000));
        return (WithLuhn(string.Create(CultureInfo.InvariantCulture, $"{region:D6}{birth:yyMMdd}{rng.Next(100):D2}")), IdentifierKind.ResidentId);
    }

    private static string WithLuhn(string payload) =>
        payload + (char)('0' + BankCard.LuhnCheckDigit(payload));
}
