using System.Globalization;
using Tracemark.Identifiers;

namespace Tracemark.Intel;

/// <summary>
/// The market view: offers by month, goods, category and freshness with the median, lowest and highest unit price and
/// the volume offered; and sample identifiers by month — new, recycled (in an earlier post) or in a known leak.
/// </summary>
internal static class Market
{
    public static List<MarketRow> Build(IReadOnlyList<IntelPost> posts)
    {
        var cells = new Dictionary<(string, string, string, string), List<IntelPost>>();
        foreach (var p in posts)
        {
            if (p.Type != "offer" && p.Type != "service")
            {
                continue;
            }

            var month = Month(p.Time);
            IEnumerable<string> categories = p.Categories.Count > 0 ? p.Categories : ["-"];
            foreach (var category in categories)
            {
                var key = (month, p.Goods, category, p.Freshness ?? "-");
                if (!cells.TryGetValue(key, out var list))
                {
                    cells[key] = list = [];
                }

                list.Add(p);
            }
        }

        var rows = new List<MarketRow>(cells.Count);
        foreach (var ((month, goods, category, freshness), list) in cells)
        {
            var prices = list.Where(p => p.UnitPriceYuan is not null).Select(p => p.UnitPriceYuan!.Value).Order().ToList();
            rows.Add(new MarketRow(
                month,
                goods,
                category,
                freshness,
                list.Count,
                prices.Count,
                prices.Count == 0 ? null : prices.Count % 2 == 1 ? prices[prices.Count / 2] : (prices[(prices.Count / 2) - 1] + prices[prices.Count / 2]) / 2,
                prices.Count == 0 ? null : prices[0],
                prices.Count == 0 ? null : prices[^1],
                list.Sum(p => p.Quantity ?? 0)));
        }

        return [.. rows.OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Goods, StringComparer.Ordinal).ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Freshness, StringComparer.Ordinal)];
    }

    public static List<SampleRow> SampleRows(IReadOnlyList<IntelPost> posts, HashSet<(IdentifierKind, string)>? known)
    {
        var seen = new HashSet<(IdentifierKind, string)>();
        var rows = new SortedDictionary<string, (int New, int Recycled, int Known)>(StringComparer.Ordinal);
        foreach (var p in posts.Where(p => p.SampleValues.Count > 0).OrderBy(p => p.Time ?? DateTimeOffset.MaxValue))
        {
            var month = Month(p.Time);
            var row = rows.GetValueOrDefault(month);
            foreach (var value in p.SampleValues)
            {
                if (known?.Contains(value) == true)
                {
                    row.Known++;
                }

                if (seen.Add(value))
                {
                    row.New++;
                }
                else
                {
                    row.Recycled++;
                }
            }

            rows[month] = row;
        }

        return [.. rows.Select(r => new SampleRow(r.Key, r.Value.New, r.Value.Recycled, r.Value.Known))];
    }

    public static string Month(DateTimeOffset? time) => time?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "undated";
}
