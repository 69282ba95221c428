using System.Collections.Frozen;
using System.Globalization;

namespace Tracemark.Identifiers.Reference;

/// <summary>One landline area code: the lengths its local numbers have, the digits they start with, the city.</summary>
/// <param name="Code">The area code with its trunk 0, e.g. "0571".</param>
/// <param name="LocalLengths">Bit n set when local numbers of n digits exist.</param>
/// <param name="FirstDigits">Bit d set when local numbers may start with digit d.</param>
/// <param name="City">Where it rings, from libphonenumber's geocoder (e.g. 浙江省杭州市).</param>
internal sealed record AreaCode(string Code, int LocalLengths, int FirstDigits, string City);

/// <summary>
/// China's landline area codes from area-codes.tsv, generated from libphonenumber's CN fixed-line metadata by
/// scripts/refdata/phone/areas.cs (321 codes: 010, 02x and the assigned 03xx–09xx; 0571 takes 8-digit local
/// numbers, most smaller cities 7). Keyed by the code's digits after the 0 (10, 571): 2-digit codes are 10–29 and
/// 3-digit ones 300–999, so the number alone tells the code.
/// </summary>
internal static class AreaCodes
{
    private static readonly FrozenDictionary<int, AreaCode> ByNumber = Load();

    public static bool TryGet(int digitsAfterZero, out AreaCode code) => ByNumber.TryGetValue(digitsAfterZero, out code!);

    /// <summary>"7", "8" or "7 or 8".</summary>
    public static string LengthsText(AreaCode code) =>
        string.Join(" or ", Enumerable.Range(0, 16).Where(n => (code.LocalLengths & (1 << n)) != 0).Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static FrozenDictionary<int, AreaCode> Load()
    {
        var map = new Dictionary<int, AreaCode>();
        foreach (var row in Tsv.Read("area-codes.tsv"))
        {
            var number = int.Parse(row[0].AsSpan(1), CultureInfo.InvariantCulture);
            var first = row[2].Aggregate(0, (mask, d) => mask | (1 << (d - '0')));
            var length = 1 << int.Parse(row[1], CultureInfo.InvariantCulture);
            map[number] = map.TryGetValue(number, out var seen)
                ? seen with { LocalLengths = seen.LocalLengths | length, FirstDigits = seen.FirstDigits | first }
                : new AreaCode(row[0], length, first, row[3]);
        }

        return map.ToFrozenDictionary();
    }
}
