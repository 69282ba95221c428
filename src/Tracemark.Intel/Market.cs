using System.Globalization;
using Tracemark.Identifiers;

namespace Tracemark.Intel;

/// <summary>
/// The market view: offers by month, goods, category and freshness with the median, lowest and highest unit price and
/// the volume offered; and sample identifiers by month — new, recycled (shown in an earlier post) or in a known leak.
/// Built as posts arrive; it holds one price per priced offer (8 bytes) and the sample identifiers seen.
/// </summary>
internal static class Market
{
    public static string Month(DateTimeOffset? time) => time?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "undated";

    internal sealed class Builder
    {
        private readonly Dictionary<(string, string, string, string), Cell> _cells = [];
        private readonly HashSet<(IdentifierKind, string)> _seen = [];
        private readonly SortedDictionary<string, (int New, int Recycled, int Known)> _samples = new(StringComparer.Ordinal);

        public void Add(IntelPost post, IReadOnlyList<(IdentifierKind Kind, string Value)> samples, HashSet<(IdentifierKind, string)>? known)
        {
            var month = Month(post.Time);
            if (samples.Count > 0)
            {
                var row = _samples.GetValueOrDefault(month);
                foreach (var value in samples)
                {
                    row.Known += known?.Contains(value) == true ? 1 : 0;
                    if (_seen.Add(value))
                    {
                        row.New++;
                    }
                    else
                    {
                        row.Recycled++;
                    }
                }

                _samples[month] = row;
            }

            if (post.Type is not ("offer" or "service"))
            {
                return;
            }

            if (post.Categories.Count == 0)
            {
                Cell(month, post, "-").Add(post);
            }

            foreach (var category in post.Categories)
            {
                Cell(month, post, category).Add(post);
            }
        }

        private Cell Cell(string month, IntelPost post, string category)
        {
            var key = (month, post.Goods, category, post.Freshness ?? "-");
            if (!_cells.TryGetValue(key, out var cell))
            {
                _cells[key] = cell = new Cell();
            }

            return cell;
        }

        public List<MarketRow> Rows()
        {
            var rows = new List<MarketRow>(_cells.Count);
            foreach (var ((month, goods, category, freshness), cell) in _cells)
            {
                var prices = cell.Prices;
                prices.Sort();
                double? median = prices.Count == 0 ? null : prices.Count % 2 == 1 ? prices[prices.Count / 2] : (prices[(prices.Count / 2) - 1] + prices[prices.Count / 2]) / 2;
                rows.Add(new MarketRow(month, goods, category, freshness, cell.Offers, prices.Count, median, prices.Count == 0 ? null : prices[0], prices.Count == 0 ? null : prices[^1], cell.Volume));
            }

            return [.. rows.OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Goods, StringComparer.Ordinal).ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Freshness, StringComparer.Ordinal)];
        }

        public List<SampleRow> SampleRows() => [.. _samples.Select(r => new SampleRow(r.Key, r.Value.New, r.Value.Recycled, r.Value.Known))];
    }

    private sealed class Cell
    {
        public int Offers { get; private set; }

        public long Volume { get; private set; }

        public List<double> Prices { get; } = [];

        public void Add(IntelPost post)
        {
            Offers++;
            Volume += post.Quantity ?? 0;
            if (post.UnitPriceYuan is { } price)
            {
                Prices.Add(price);
            }
        }
    }
}
