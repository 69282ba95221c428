using System.Globalization;
using Tracemark.Identifiers.Kinds;
using Tracemark.Identifiers.Reference;

namespace Tracemark.Scanning.Analysis;

/// <summary>Who the victims are, from their resident ID numbers: province, age band and sex.</summary>
/// <param name="Ids">Distinct resident IDs counted.</param>
/// <param name="ByProvince">Province name → IDs.</param>
/// <param name="ByAgeBand">Age band ("0-13", "14-17", "18-29" …) → IDs.</param>
/// <param name="BySex">"female"/"male" → IDs.</param>
/// <param name="Minors">Under 14: sensitive personal information under PIPL Art. 28.</param>
public sealed record Demographics(long Ids, IReadOnlyDictionary<string, long> ByProvince, IReadOnlyDictionary<string, long> ByAgeBand, IReadOnlyDictionary<string, long> BySex, long Minors)
{
    private static readonly (int Below, string Band)[] Bands = [(14, "0-13"), (18, "14-17"), (30, "18-29"), (40, "30-39"), (50, "40-49"), (60, "50-59"), (70, "60-69")];

    internal static Demographics From(IEnumerable<long> keys, DateOnly today) =>
        From(keys.Where(IdentifierKey.IsResidentId).Select(Traits), today);

    /// <summary>What an ID number says of its holder: the province digits, the birth date and the sex.</summary>
    internal static (int Province, DateOnly Birth, bool Male) Traits(long key)
    {
        Span<char> digits = stackalloc char[17];
        IdentifierKey.IdDigits(key, digits);
        var province = digits[0] == '9' ? Identifiers.Ascii.Digits(digits[1..3]) : Identifiers.Ascii.Digits(digits[..2]);
        var birth = new DateOnly(Identifiers.Ascii.Digits(digits[6..10]), Identifiers.Ascii.Digits(digits[10..12]), Identifiers.Ascii.Digits(digits[12..14]));
        return (province, birth, (digits[16] - '0') % 2 == 1);
    }

    internal static Demographics From(IEnumerable<(int Province, DateOnly Birth, bool Male)> holders, DateOnly today)
    {
        var byProvince = new Dictionary<string, long>();
        var byAge = new Dictionary<string, long>();
        var bySex = new Dictionary<string, long>();
        long ids = 0, minors = 0;
        foreach (var (provinceDigits, birth, male) in holders)
        {
            ids++;
            var provinceCode = provinceDigits * 10000;
            var province = Regions.TryGet(provinceCode, out var region) ? region.Name : provinceCode.ToString("D6", CultureInfo.InvariantCulture);
            byProvince[province] = byProvince.GetValueOrDefault(province) + 1;
            var age = ResidentId.AgeOn(birth, today);
            if (age < 14)
            {
                minors++;
            }

            var band = Bands.FirstOrDefault(b => age < b.Below).Band ?? "70+";
            byAge[band] = byAge.GetValueOrDefault(band) + 1;
            var sex = male ? "male" : "female";
            bySex[sex] = bySex.GetValueOrDefault(sex) + 1;
        }

        return new Demographics(ids, byProvince, byAge, bySex, minors);
    }
}
