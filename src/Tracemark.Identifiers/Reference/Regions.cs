using System.Collections.Frozen;

namespace Tracemark.Identifiers.Reference;

/// <summary>
/// Every GB/T 2260 code that any revision since 1980 listed (the union, so that codes retired since an ID
/// was issued still resolve). Loaded once from the embedded regions.tsv; lookups do not allocate.
/// </summary>
public static class Regions
{
    /// <summary>The newest revision in the table (yyyymm): the Ministry of Civil Affairs' list for 2024.</summary>
    public const int LatestRevision = 202412;

    /// <summary>The newest list of the statistics bureau's own codes (development zones, 市辖区 rows) in the table.</summary>
    public const int LatestStatisticsRevision = 202306;

    private static readonly FrozenDictionary<int, Region> ByCode = Load();

    /// <summary>All codes, ascending.</summary>
    public static IReadOnlyList<Region> All { get; } = ByCodeOrder();

    /// <summary>Looks a six-digit code up.</summary>
    public static bool TryGet(int code, out Region region) => ByCode.TryGetValue(code, out region!);

    /// <summary>Looks up six ASCII digits; false when they are not digits or not a code.</summary>
    public static bool TryGet(ReadOnlySpan<char> sixDigits, out Region region)
    {
        region = null!;
        return Ascii.TryParseDigits(sixDigits, out var code) && sixDigits.Length == 6 && TryGet(code, out region);
    }

    /// <summary>True when the code is in some revision.</summary>
    public static bool Contains(int code) => ByCode.ContainsKey(code);

    // Sorted in place rather than with LINQ's OrderBy, whose generic sorter is compiled at start-up (issue 16, scan set-up).
    private static Region[] ByCodeOrder()
    {
        Region[] all = [.. ByCode.Values];
        Array.Sort(all, static (a, b) => a.Code.CompareTo(b.Code));
        return all;
    }

    private static FrozenDictionary<int, Region> Load()
    {
        var map = new Dictionary<int, Region>();
        foreach (var row in Tsv.Read("regions.tsv"))
        {
            var code = int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture);
            map[code] = new Region(
                code,
                row[1],
                int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var region in map.Values)
        {
            var province = map.GetValueOrDefault(region.Code / 10000 * 10000);
            region.Province = province?.Name ?? region.Name;
            if (region.Level == RegionLevel.Province)
            {
                continue;
            }

            var prefecture = region.Level == RegionLevel.County ? map.GetValueOrDefault(region.Code / 100 * 100) : null;
            var prefectureName = prefecture is not null && !IsPlaceholder(prefecture.Name) ? prefecture.Name : null;
            region.Prefecture = region.Level == RegionLevel.Prefecture ? (IsPlaceholder(region.Name) ? null : region.Name) : prefectureName;
            region.FullName = region.Level == RegionLevel.Prefecture
                ? region.Province + (IsPlaceholder(region.Name) ? string.Empty : region.Name)
                : region.Province + prefectureName + region.Name;
        }

        return map.ToFrozenDictionary();
    }

    // Prefecture-level rows that only group counties (e.g. 110100 市辖区, 429000 省直辖县级行政区划) are not place names.
    internal static bool IsPlaceholder(string name) =>
        name is "市辖区" or "县" || name.EndsWith("直辖县级行政区划", StringComparison.Ordinal) || name.EndsWith("直辖行政单位", StringComparison.Ordinal);
}
