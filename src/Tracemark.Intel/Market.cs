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
        private readonly Dictionary<DateOnly, WeekTally> _weeks = [];
        private readonly Dictionary<(DateOnly Week, string Goods, string Category, string Freshness), Cell> _weekCells = [];

        public void Add(IntelPost post, int account, IReadOnlyList<(IdentifierKind Kind, string Value)> samples, HashSet<(IdentifierKind, string)>? known)
        {
            var month = Month(post.Time);
            if (post.Time is { } time && post.Type is "offer" or "request" or "service")
            {
                AddWeek(WeekOf(time), post, account);
            }

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

        private void AddWeek(DateOnly week, IntelPost post, int account)
        {
            if (!_weeks.TryGetValue(week, out var w))
            {
                _weeks[week] = w = new WeekTally();
            }

            w.Accounts.Add(account);
            switch (post.Type)
            {
                case "request":
                    w.Requests++;
                    return;
                case "service":
                    w.Services++;
                    break;
                default:
                    w.Offers++;
                    w.FirstHand += post.FirstHand == true ? 1 : 0;
                    w.Tested += post.TestPolicy == "test_allowed" ? 1 : 0;
                    break;
            }

            foreach (var category in post.Categories.Count == 0 ? ["-"] : post.Categories)
            {
                var key = (week, post.Goods, category, post.Freshness ?? "-");
                if (!_weekCells.TryGetValue(key, out var cell))
                {
                    _weekCells[key] = cell = new Cell();
                }

                cell.Add(post);
            }
        }

        /// <summary>Every week from the first to the last dated trade post; a week without posts is listed with zeros and null shares.</summary>
        public List<MarketWeek> Weeks(Func<int, string> actorOf)
        {
            var list = new List<MarketWeek>();
            if (_weeks.Count == 0)
            {
                return list;
            }

            // A stray date (year 1, year 9999) must not make the list follow the calendar instead of the posts: past
            // ten years of span only the weeks with posts are listed.
            var first = _weeks.Keys.Min();
            var last = _weeks.Keys.Max();
            var all = last.DayNumber - first.DayNumber <= 7 * 520
                ? Enumerable.Range(0, ((last.DayNumber - first.DayNumber) / 7) + 1).Select(i => first.AddDays(7 * i))
                : _weeks.Keys.Order();
            foreach (var week in all)
            {
                var w = _weeks.GetValueOrDefault(week);
                var offers = w?.Offers ?? 0;
                list.Add(new MarketWeek(
                    Name(week),
                    IsoName(week),
                    offers,
                    w?.Requests ?? 0,
                    w?.Services ?? 0,
                    w is null ? 0 : w.Accounts.Select(actorOf).Distinct(StringComparer.Ordinal).Count(),
                    w?.FirstHand ?? 0,
                    w?.Tested ?? 0,
                    offers == 0 ? null : w!.FirstHand / (double)offers,
                    offers == 0 ? null : w!.Tested / (double)offers));
            }

            return list;
        }

        public List<MarketWeekRow> WeekRows()
        {
            var rows = new List<MarketWeekRow>(_weekCells.Count);
            foreach (var ((week, goods, category, freshness), cell) in _weekCells.OrderBy(c => c.Key.Week).ThenBy(c => c.Key.Goods, StringComparer.Ordinal).ThenBy(c => c.Key.Category, StringComparer.Ordinal).ThenBy(c => c.Key.Freshness, StringComparer.Ordinal))
            {
                var prices = cell.Prices;
                prices.Sort();
                rows.Add(new MarketWeekRow(
                    Name(week), goods, category, freshness, cell.Offers, prices.Count,
                    Quantile(prices, 0.25), Quantile(prices, 0.5), Quantile(prices, 0.75),
                    cell.Offers == 0 ? null : cell.FirstHand / (double)cell.Offers,
                    cell.Offers == 0 ? null : cell.Tested / (double)cell.Offers,
                    cell.Volume));
            }

            return rows;
        }

        public List<SampleRow> SampleRows() => [.. _samples.Select(r => new SampleRow(r.Key, r.Value.New, r.Value.Recycled, r.Value.Known))];
    }

    /// <summary>The Monday of the post's week, on the calendar of the time zone it was written in.</summary>
    public static DateOnly WeekOf(DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(time.DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    public static string Name(DateOnly week) => week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string IsoName(DateOnly week)
    {
        var date = week.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date).ToString(CultureInfo.InvariantCulture)}-W{ISOWeek.GetWeekOfYear(date).ToString("00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The q-quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7, as R and numpy default); null for none.</summary>
    public static double? Quantile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private sealed class WeekTally
    {
        public HashSet<int> Accounts { get; } = [];

        public int Offers { get; set; }

        public int Requests { get; set; }

        public int Services { get; set; }

        public int FirstHand { get; set; }

        public int Tested { get; set; }
    }

    private sealed class Cell
    {
        public int Offers { get; private set; }

        public int FirstHand { get; private set; }

        public int Tested { get; private set; }

        public long Volume { get; private set; }

        public List<double> Prices { get; } = [];

        public void Add(IntelPost post)
        {
            Offers++;
            FirstHand += post.FirstHand == true ? 1 : 0;
            Tested += post.TestPolicy == "test_allowed" ? 1 : 0;
            Volume += post.Quantity ?? 0;
            if (post.UnitPriceYuan is { } price)
            {
                Prices.Add(price);
            }
        }
    }
}
