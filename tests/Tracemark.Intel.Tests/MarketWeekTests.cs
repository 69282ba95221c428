using System.Text;
using FsCheck.Fluent;
using Tracemark.Intel.Output;
using Tracemark.Intel.Posts;
using Tracemark.Tests;

namespace Tracemark.Intel.Tests;

/// <summary>The market week by week (issue 15 item 7): weeks, quartiles, distinct actors, shares, gaps.</summary>
public sealed class MarketWeekTests
{
    [Theory]
    [InlineData("2026-03-02T10:00:00+08:00", "2026-03-02")] // a Monday is its own week
    [InlineData("2026-03-08T23:59:00+08:00", "2026-03-02")] // Sunday night belongs to the Monday before
    [InlineData("2026-03-09T00:00:00+08:00", "2026-03-09")]
    [InlineData("2025-01-01T08:00:00+08:00", "2024-12-30")] // a week that spans New Year starts in the old year
    public void A_post_belongs_to_the_week_of_its_Monday_in_its_own_time_zone(string time, string week) =>
        Assert.Equal(week, Market.Name(Market.WeekOf(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Iso_week_names_follow_ISO_8601() =>
        Assert.Equal("2025-W01", Market.IsoName(new DateOnly(2024, 12, 30)));

    [Fact]
    public void Quartiles_interpolate_between_order_statistics()
    {
        List<double> values = [1, 2, 3, 4];
        Assert.Equal(1.75, Market.Quantile(values, 0.25));
        Assert.Equal(2.5, Market.Quantile(values, 0.5));
        Assert.Equal(3.25, Market.Quantile(values, 0.75));
        Assert.Equal(7, Market.Quantile([7], 0.25));
        Assert.Null(Market.Quantile([], 0.5));
    }

    [Fact]
    public void Quantiles_lie_within_the_values_and_grow_with_q() =>
        Properties.Hold(Gen.Zip(Gen.Choose(1, 200).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 100_000), n)), Gen.Zip(Gen.Choose(0, 100), Gen.Choose(0, 100))), t =>
        {
            var sorted = t.Item1.Select(v => v / 1000.0).Order().ToList();
            var (a, b) = (Math.Min(t.Item2.Item1, t.Item2.Item2) / 100.0, Math.Max(t.Item2.Item1, t.Item2.Item2) / 100.0);
            var qa = Market.Quantile(sorted, a)!.Value;
            var qb = Market.Quantile(sorted, b)!.Value;
            return qa >= sorted[0] && qb <= sorted[^1] && qa <= qb;
        }, 2000);

    [Fact]
    public void Weeks_run_from_the_first_to_the_last_post_with_empty_weeks_as_gaps()
    {
        using var dir = new TempDir("intel-weeks");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("posts.jsonl");
        File.WriteAllLines(path,
        [
            // Week of 2026-03-02: two accounts of one seller (the same Telegram handle), one buyer, one chat line.
            """{"time":"2026-03-02 10:00","author":"老李","text":"出实时快递数据，一手源头，可测，0.3一条，飞机@kdsell01"}""",
            """{"time":"2026-03-04 11:00","author":"老李2号","text":"实时快递数据，0.5一条，飞机@kdsell01"}""",
            """{"time":"2026-03-05 12:00","author":"买家","text":"求购贷款数据 网贷客户 当天的 高价收 微信 loanbuy77"}""",
            """{"time":"2026-03-06 12:00","author":"阿芳","text":"今天晚上一起吃饭吗，我带点水果过去"}""",
            // Nothing in the week of 2026-03-09.
            """{"time":"2026-03-17 09:00","author":"老李","text":"实时快递数据，0.4一条，飞机@kdsell01"}""",
            // No time stamp: in the posts, not in the weeks.
            """{"author":"老王","text":"出实时快递数据，0.9一条，飞机@wang88x"}""",
        ]);
        using var result = IntelRun.Run(new IntelOptions { Paths = [path], Format = PostFormat.JsonLines });

        Assert.Equal(["2026-03-02", "2026-03-09", "2026-03-16"], result.Weeks.Select(w => w.Week));
        var first = result.Weeks[0];
        Assert.Equal((2, 1, 0), (first.Offers, first.Requests, first.Services));
        Assert.Equal(2, first.Actors); // the seller's two accounts are one actor, plus the buyer
        Assert.Equal(0.5, first.FirstHandShare);
        Assert.Equal(0.5, first.TestedShare);

        var empty = result.Weeks[1];
        Assert.Equal((0, 0, 0, 0), (empty.Offers, empty.Requests, empty.Services, empty.Actors));
        Assert.Null(empty.FirstHandShare);
        Assert.Null(empty.TestedShare);

        var courier = result.Weekly.Where(r => r.Goods == "personal_data" && r.Category == "courier" && r.Freshness == "real-time").ToList();
        Assert.Equal(["2026-03-02", "2026-03-16"], courier.Select(r => r.Week)); // no row for the empty week
        Assert.Equal((0.35, 0.4, 0.45), (courier[0].LowerQuartile!.Value, courier[0].MedianPrice!.Value, courier[0].UpperQuartile!.Value), new Close());
        Assert.Equal(0.4, courier[1].MedianPrice);
    }

    [Fact]
    public void A_missing_week_breaks_the_price_line_instead_of_dropping_to_zero()
    {
        var html = new StringBuilder();
        IntelReport.Line(html, [(10, 1.0), (20, null), (30, 2.0), (40, 3.0)], v => 100 - v, "#000");
        var svg = html.ToString();
        Assert.Equal(1, Count(svg, "<circle")); // the lone point before the gap
        Assert.Equal(1, Count(svg, "<polyline"));
        Assert.Contains("points=\"30.0,98.0 40.0,97.0\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("20.0,", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_draws_the_weeks()
    {
        using var dir = new TempDir("intel-weeks-report");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("posts.jsonl");
        File.WriteAllLines(path,
        [
            """{"time":"2026-03-02 10:00","author":"老李","text":"出实时快递数据，一手源头，0.3一条，飞机@kdsell01"}""",
            """{"time":"2026-03-23 10:00","author":"老李","text":"出实时快递数据，一手源头，0.2一条，飞机@kdsell01"}""",
        ]);
        using var result = IntelRun.Run(new IntelOptions { Paths = [path], Format = PostFormat.JsonLines });
        IntelReport.Write(dir.File("r.html"), result, reveal: false);
        var html = File.ReadAllText(dir.File("r.html"));

        Assert.Contains("Week by week", html, StringComparison.Ordinal);
        Assert.Contains("4 weeks from 2026-03-02 to 2026-03-23", html, StringComparison.Ordinal);
        Assert.Contains("快递 courier <span class=\"muted\">(2 priced offers)", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, " actors</title></rect>")); // one bar per week with posts, none for the two empty weeks
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private sealed class Close : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) x, (double, double, double) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9 && Math.Abs(x.Item3 - y.Item3) < 1e-9;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}
