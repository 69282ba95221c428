using FsCheck.Fluent;
using Tracemark.Incident.Rules;
using Tracemark.Tests;

namespace Tracemark.Incident.Tests;

public sealed class GradingTests
{
    [Theory]
    [InlineData(0, "一般")]
    [InlineData(999_999, "一般")]
    [InlineData(1_000_000, "较大")]
    [InlineData(1_000_001, "较大")]
    [InlineData(9_999_999, "较大")]
    [InlineData(10_000_000, "重大")]
    [InlineData(99_999_999, "重大")]
    [InlineData(100_000_000, "特别重大")]
    [InlineData(1_400_000_000, "特别重大")]
    public void People_thresholds_are_inclusive(long people, string grade)
    {
        var g = Grading.Grade(people, null);
        Assert.Equal(grade, g.Name);
        Assert.Equal(grade != "一般", g.Mandatory);
        Assert.Single(g.Indicators);
    }

    [Theory]
    [InlineData("4999999.99", "一般")]
    [InlineData("5000000", "较大")]
    [InlineData("19999999", "较大")]
    [InlineData("20000000", "重大")]
    [InlineData("99999999.99", "重大")]
    [InlineData("100000000", "特别重大")]
    public void Loss_thresholds_are_inclusive(string yuan, string grade)
    {
        var g = Grading.Grade(10, decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(grade, g.Name);
        var loss = g.Indicators.Single(i => i.Indicator == "direct_loss");
        Assert.Equal(grade, Grading.Chinese(loss.Reached));
    }

    [Fact]
    public void The_highest_level_any_indicator_reaches_decides_and_names_its_rule()
    {
        var g = Grading.Grade(1_200_000, 25_000_000m);
        Assert.Equal("重大", g.Name);
        Assert.Equal(Grade.Larger, g.Indicators.Single(i => i.Indicator == "people").Reached);
        var loss = g.Indicators.Single(i => i.Indicator == "direct_loss");
        Assert.Equal(20_000_000m, loss.Threshold);
        Assert.Contains("2000万元以上", loss.Quote, StringComparison.Ordinal);

        // The other way round: people decide when the loss is small.
        var h = Grading.Grade(10_000_000, 1m);
        Assert.Equal("重大", h.Name);
    }

    [Fact]
    public void Negative_figures_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Grading.Grade(-1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grading.Grade(1, -1m));
    }

    [Fact]
    public void Grade_is_monotone_in_people_and_loss()
    {
        var gen = from a in Gen.Choose(0, 200_000_000)
                  from b in Gen.Choose(0, 200_000_000)
                  from la in Gen.Choose(0, 150_000_000)
                  from lb in Gen.Choose(0, 150_000_000)
                  select (Math.Min(a, b), Math.Max(a, b), Math.Min(la, lb), Math.Max(la, lb));
        Properties.Hold(gen, t =>
        {
            var (p1, p2, l1, l2) = t;
            // More people or more loss never lowers the grade (a lower enum value is more severe).
            return Grading.Grade(p2, l2).Level <= Grading.Grade(p1, l1).Level
                && Grading.Grade(p2, null).Level <= Grading.Grade(p1, null).Level
                && Grading.Grade(p1, l1).Level <= Grading.Grade(p1, null).Level;
        }, 3000);
    }
}

public sealed class DeadlineTests
{
    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("cii", "2026-12-06T23:30:00+08:00", "2026-12-07T00:30:00+08:00")]
    [InlineData("central", "2026-12-06T23:30:00+08:00", "2026-12-07T01:30:00+08:00")]
    [InlineData("other", "2026-12-06T23:30:00+08:00", "2026-12-07T03:30:00+08:00")]
    [InlineData("other", "2026-12-31T21:15:00+08:00", "2027-01-01T01:15:00+08:00")]
    [InlineData("cii", "2026-12-06T12:00:00Z", "2026-12-06T13:00:00+00:00")]
    [InlineData("other", "2026-06-30T22:00:00-05:00", "2026-07-01T02:00:00-05:00")]
    public void Initial_report_is_due_hours_after_discovery_in_the_discovery_offset(string type, string discovered, string due)
    {
        Assert.True(Deadlines.TryParseOperator(type, out var op));
        var d = Deadlines.For(op, T(discovered), Grade.Larger, null).Single(x => x.Report == "cac_initial");
        Assert.True(d.Mandatory);
        Assert.Equal(due, IncidentTime.Format(d.Due!.Value));
        Assert.Equal(T(discovered).ToOffset(TimeSpan.Zero) + Deadlines.InitialWithin(op), d.Due.Value.ToOffset(TimeSpan.Zero));
    }

    [Fact]
    public void Each_operator_type_reports_to_its_own_body()
    {
        Assert.Contains("公安机关", Deadlines.For(OperatorType.Cii, T("2026-01-01T00:00:00+08:00"), Grade.Major, null)[0].To, StringComparison.Ordinal);
        Assert.Contains("本部门网信工作机构", Deadlines.For(OperatorType.Central, T("2026-01-01T00:00:00+08:00"), Grade.Major, null)[0].To, StringComparison.Ordinal);
        Assert.Contains("属地省级网信部门", Deadlines.For(OperatorType.Other, T("2026-01-01T00:00:00+08:00"), Grade.Major, null)[0].To, StringComparison.Ordinal);
    }

    [Fact]
    public void A_general_incident_has_no_mandatory_cac_report_but_pipl_notices_stay()
    {
        var list = Deadlines.For(OperatorType.Other, T("2026-12-06T10:00:00+08:00"), Grade.General, T("2026-12-08T10:00:00+08:00"));
        var initial = list.Single(d => d.Report == "cac_initial");
        Assert.False(initial.Mandatory);
        Assert.Null(initial.Due);
        Assert.Contains("not mandatory", initial.Rule, StringComparison.Ordinal);
        Assert.Null(list.Single(d => d.Report == "cac_closing").Due);
        Assert.True(list.Single(d => d.Report == "pipl_authority").Mandatory);
        Assert.True(list.Single(d => d.Report == "pipl_individuals").Mandatory);
    }

    [Fact]
    public void Closing_report_is_due_thirty_calendar_days_after_handling_ends()
    {
        var list = Deadlines.For(OperatorType.Other, T("2026-12-06T10:00:00+08:00"), Grade.Larger, T("2027-01-20T18:00:00+08:00"));
        Assert.Equal("2027-02-19T18:00:00+08:00", IncidentTime.Format(list.Single(d => d.Report == "cac_closing").Due!.Value));
        var open = Deadlines.For(OperatorType.Other, T("2026-12-06T10:00:00+08:00"), Grade.Larger, null);
        Assert.Null(open.Single(d => d.Report == "cac_closing").Due);
    }

    [Theory]
    [InlineData("2026-12-06T23:10:00+08:00", "2026-12-06T23:10:00+08:00")]
    [InlineData("2026-12-06T23:10+08:00", "2026-12-06T23:10:00+08:00")]
    [InlineData("2026-12-06 23:10:05", "2026-12-06T23:10:05+08:00")]
    [InlineData("2026-12-06T15:10:00Z", "2026-12-06T15:10:00+00:00")]
    [InlineData("2026-12-06T15:10:00.5-05:00", "2026-12-06T15:10:00-05:00")]
    public void Times_are_read_with_their_offset_or_as_beijing_time(string text, string expected)
    {
        Assert.True(IncidentTime.TryParse(text, out var t, out _));
        Assert.Equal(expected, IncidentTime.Format(t));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T10:00:00+08:00")]
    [InlineData("2026-12-06")]
    [InlineData("2026-12-06T25:00:00")]
    [InlineData("06/12/2026 10:00")]
    [InlineData("2026-12-06T10:00:00+25:00")]
    public void Bad_times_are_refused_with_why(string text)
    {
        Assert.False(IncidentTime.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Unknown_operator_types_are_refused()
    {
        Assert.False(Deadlines.TryParseOperator("CII ", out _));
        Assert.False(Deadlines.TryParseOperator("bank", out _));
    }

    [Fact]
    public void Formatted_times_read_back_to_the_same_instant_and_offset()
    {
        var gen = from seconds in Gen.Choose(0, int.MaxValue)
                  from quarter in Gen.Choose(-48, 56)
                  select new DateTimeOffset(new DateTime(2000, 1, 1).AddSeconds(seconds), TimeSpan.FromMinutes(quarter * 15));
        Properties.Hold(gen, t => IncidentTime.TryParse(IncidentTime.Format(t), out var back, out _) && back == t && back.Offset == t.Offset, 3000);
    }

    [Fact]
    public void Remaining_time_reads_left_or_overdue()
    {
        var due = T("2026-12-07T03:30:00+08:00");
        Assert.Equal("3 h 05 min left", IncidentTime.Remaining(due, T("2026-12-07T00:25:00+08:00")));
        Assert.Equal("overdue by 0 h 30 min", IncidentTime.Remaining(due, T("2026-12-07T04:00:00+08:00")));
        Assert.Equal("2 d 1 h left", IncidentTime.Remaining(due, T("2026-12-05T02:30:00+08:00")));
    }
}

public sealed class CriminalTierTests
{
    private static Dictionary<CriminalBand, long> Counts(long sensitive, long personal, long other) =>
        new() { [CriminalBand.Sensitive] = sensitive, [CriminalBand.Personal] = personal, [CriminalBand.Other] = other };

    [Theory]
    [InlineData(49, 0, 0, false, "未达到数量标准")]
    [InlineData(50, 0, 0, false, "情节严重")]
    [InlineData(499, 0, 0, false, "情节严重")]
    [InlineData(500, 0, 0, false, "情节特别严重")]
    [InlineData(0, 499, 0, false, "未达到数量标准")]
    [InlineData(0, 500, 0, false, "情节严重")]
    [InlineData(0, 5000, 0, false, "情节特别严重")]
    [InlineData(0, 0, 4999, false, "未达到数量标准")]
    [InlineData(0, 0, 5000, false, "情节严重")]
    [InlineData(0, 0, 50_000, false, "情节特别严重")]
    [InlineData(24, 0, 0, true, "未达到数量标准")]
    [InlineData(25, 0, 0, true, "情节严重")]
    [InlineData(250, 0, 0, true, "情节特别严重")]
    [InlineData(0, 250, 0, true, "情节严重")]
    [InlineData(0, 0, 2500, true, "情节严重")]
    [InlineData(0, 0, 24_999, true, "情节严重")]
    [InlineData(0, 0, 25_000, true, "情节特别严重")]
    public void Counts_meet_the_thresholds_halved_for_insiders(long sensitive, long personal, long other, bool insider, string level) =>
        Assert.Equal(level, CriminalTiers.Assess(Counts(sensitive, personal, other), insider).Level);

    [Fact]
    public void Mixed_bands_add_up_in_proportion()
    {
        // 25/50 + 250/500 = 1: serious, though no band alone reaches its threshold.
        var a = CriminalTiers.Assess(Counts(25, 250, 0), insider: false);
        Assert.Equal(1m, a.RatioSerious);
        Assert.Equal("情节严重", a.Level);
        // 24/50 + 250/500 + 100/5000 = 1.0 as well.
        Assert.Equal("情节严重", CriminalTiers.Assess(Counts(24, 250, 100), false).Level);
        Assert.Equal("未达到数量标准", CriminalTiers.Assess(Counts(24, 250, 99), false).Level);
        // Insider, mixed: 12.5 + 125 would be half each; 13/25 + 120/250 = 0.52 + 0.48 = 1.
        Assert.Equal("情节严重", CriminalTiers.Assess(Counts(13, 120, 0), true).Level);
        Assert.Equal("未达到数量标准", CriminalTiers.Assess(Counts(12, 120, 0), true).Level);
    }

    [Fact]
    public void Illegal_income_alone_can_decide()
    {
        Assert.Equal("情节严重", CriminalTiers.Assess(Counts(0, 0, 0), false, 5_000m).Level);
        Assert.Equal("未达到数量标准", CriminalTiers.Assess(Counts(0, 0, 0), false, 4_999m).Level);
        Assert.Equal("情节严重", CriminalTiers.Assess(Counts(0, 0, 0), true, 2_500m).Level);
        Assert.Equal("情节特别严重", CriminalTiers.Assess(Counts(0, 0, 0), false, 50_000m).Level);
        Assert.Equal("情节特别严重", CriminalTiers.Assess(Counts(0, 0, 0), true, 25_000m).Level);
    }

    [Fact]
    public void Article_11_counts_duplicates_once_and_each_sale_to_another_buyer_again()
    {
        var records = new[]
        {
            new CriminalRecord(null, "p1", CriminalBand.Other),
            new CriminalRecord(null, "p1", CriminalBand.Other), // obtained, then the same record again: once
            new CriminalRecord("buyer-a", "p2", CriminalBand.Other),
            new CriminalRecord("buyer-b", "p2", CriminalBand.Other), // sold to another buyer: counted again
            new CriminalRecord("buyer-b", "p2", CriminalBand.Sensitive), // same buyer, a record with credit data: its band rises
            new CriminalRecord("buyer-a", "p3", CriminalBand.Personal),
        };
        var counts = CriminalTiers.Count(records);
        Assert.Equal(2, counts[CriminalBand.Other]); // p1 (seized), p2 to buyer-a
        Assert.Equal(1, counts[CriminalBand.Sensitive]); // p2 to buyer-b
        Assert.Equal(1, counts[CriminalBand.Personal]); // p3 to buyer-a
    }

    [Fact]
    public void Scanner_categories_fall_into_their_bands()
    {
        Assert.Equal(CriminalBand.Sensitive, CriminalTiers.BandOf("credit"));
        Assert.Equal(CriminalBand.Sensitive, CriminalTiers.BandOf("whereabouts"));
        Assert.Equal(CriminalBand.Personal, CriminalTiers.BandOf("accommodation"));
        Assert.Equal(CriminalBand.Other, CriminalTiers.BandOf("other"));
    }

    [Fact]
    public void More_records_never_lower_the_level_and_insiders_never_fare_better()
    {
        static int Rank(string level) => level switch { "情节特别严重" => 2, "情节严重" => 1, _ => 0 };
        var gen = from s in Gen.Choose(0, 600)
                  from p in Gen.Choose(0, 6000)
                  from o in Gen.Choose(0, 60_000)
                  from extra in Gen.Choose(0, 3)
                  from more in Gen.Choose(1, 5000)
                  select (s, p, o, extra, more);
        Properties.Hold(gen, t =>
        {
            var (s, p, o, extra, more) = t;
            var baseCounts = Counts(s, p, o);
            var bigger = Counts(s + (extra == 0 ? more : 0), p + (extra == 1 ? more : 0), o + (extra >= 2 ? more : 0));
            var a = Rank(CriminalTiers.Assess(baseCounts, false).Level);
            return Rank(CriminalTiers.Assess(bigger, false).Level) >= a && Rank(CriminalTiers.Assess(baseCounts, true).Level) >= a;
        }, 3000);
    }

    [Fact]
    public void Article_11_count_never_exceeds_records_nor_falls_below_distinct_persons()
    {
        var gen = from n in Gen.Choose(0, 60)
                  from rs in Gen.ListOf(from b in Gen.Elements<string?>(null, "a", "b") from person in Gen.Choose(0, 20) from band in Gen.Elements(CriminalBand.Sensitive, CriminalBand.Personal, CriminalBand.Other) select new CriminalRecord(b, person.ToString(System.Globalization.CultureInfo.InvariantCulture), band), n)
                  select rs.ToList();
        Properties.Hold(gen, records =>
        {
            var total = CriminalTiers.Count(records).Values.Sum();
            return total <= records.Count && total >= records.Select(r => r.Person).Distinct().Count()
                && total == records.Select(r => (r.Buyer, r.Person)).Distinct().Count();
        }, 2000);
    }
}

public sealed class NoticeTests
{
    [Fact]
    public void The_notice_carries_the_three_items_of_article_57()
    {
        var n = Notices.Build(["mobile", "cn_id", "name", "address", "mobile_masked"], null, [], "客服热线 95000", offeredForSale: true);
        Assert.Equal(["姓名", "手机号码", "身份证号码", "地址"], n.Categories.Select(c => c.Chinese));
        Assert.Contains("调查中", n.Cause, StringComparison.Ordinal);
        Assert.Equal(4, n.Harms.Count);
        Assert.NotEmpty(n.Measures);
        Assert.Contains(n.IndividualActions, a => a.Contains("验证码", StringComparison.Ordinal));
        Assert.Equal("客服热线 95000", n.Contact);
        Assert.StartsWith("不适用", n.Exemption, StringComparison.Ordinal);
        Assert.StartsWith("可能适用", Notices.Build(["mobile"], "cause", ["recovered"], null, offeredForSale: false).Exemption, StringComparison.Ordinal);
    }

    [Fact]
    public void Sms_names_what_leaked_and_where_to_ask()
    {
        var text = Notices.Sms("顺达快递", Notices.Categories(["name", "mobile", "address"]), "95000");
        Assert.Equal("【顺达快递】您的姓名、手机号码、地址可能已泄露。谨防冒充客服来电，勿透露验证码。咨询95000", text);
        Assert.True(text.Length <= Notices.SmsLimit);
    }

    [Fact]
    public void Sms_drops_categories_before_it_grows_past_seventy_characters()
    {
        var all = Notices.Categories(["name", "mobile", "cn_id", "address", "bank_card", "email", "qq", "plate", "waybill"]);
        var text = Notices.Sms("一个名字很长很长的数据处理者公司", all, "400-800-1234 转 5678 或 service@example.com");
        Assert.True(text.Length <= Notices.SmsLimit, text);
        Assert.Contains("等信息", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sms_is_never_longer_than_seventy_characters()
    {
        var kinds = new[] { "name", "mobile", "cn_id", "address", "bank_card", "email", "qq", "plate", "waybill", "hk_id", "cn_passport" };
        var text = Gen.Elements("顺", "达", "快", "递", "A", "1", "-", " ", "𠀀", "公司").ListOf().Select(l => string.Concat(l));
        var gen = from sender in text
                  from contact in text
                  from ks in Gen.SubListOf(kinds)
                  select (sender, contact, ks);
        Properties.Hold(gen, t =>
        {
            var sms = Notices.Sms(t.sender, Notices.Categories(t.ks), t.contact);
            return sms.Length <= Notices.SmsLimit && sms.Contains("可能已泄露", StringComparison.Ordinal) && !char.IsHighSurrogate(sms[^1]);
        }, 3000);
    }
}

/// <summary>
/// Every quotation the report and the audit print is, word for word, in docs/incident-law.md (which names where each
/// was read and marks what is unconfirmed); text left out is marked "…".
/// </summary>
public sealed class QuotationTests
{
    private static readonly string Law = Normal(File.ReadAllText(Path.Combine(NodeScript.Repository(), "docs", "incident-law.md")));

    private static string Normal(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static IEnumerable<string> Quotations()
    {
        var discovered = DateTimeOffset.Parse("2026-12-06T21:40:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var type in new[] { OperatorType.Cii, OperatorType.Central, OperatorType.Other })
        {
            foreach (var d in Deadlines.For(type, discovered, Grade.Larger, discovered.AddDays(3)))
            {
                // The initial report's quotation is Art. 4's first sentence followed by the operator type's.
                foreach (var part in d.Quote.Split("按以下程序报告："))
                {
                    yield return part;
                }
            }
        }

        foreach (var (people, loss) in new[] { (0L, (decimal?)0m), (1_000_000L, 5_000_000m), (10_000_000L, 20_000_000m), (100_000_000L, 100_000_000m) })
        {
            foreach (var i in Grading.Grade(people, loss).Indicators)
            {
                // "未达到“…”": the words inside the quotation marks are the guide's.
                yield return i.Quote.StartsWith("未达到“", StringComparison.Ordinal) ? i.Quote[4..^1] : i.Quote;
            }
        }

        foreach (var judgement in Grading.NeedsJudgement)
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(judgement, "“([^”]+)”"))
            {
                yield return m.Groups[1].Value;
            }
        }

        yield return Tracemark.Incident.Audit.OwnerAudit.Art6;
        yield return Tracemark.Incident.Audit.OwnerAudit.Art19;
        yield return Tracemark.Incident.Audit.OwnerAudit.Art51;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(Notices.Build(["mobile"], null, [], null, offeredForSale: true).Exemption, "“([^”]+)”"))
        {
            yield return m.Groups[1].Value;
        }
    }

    [Fact]
    public void Every_quotation_printed_is_word_for_word_in_the_law_notes()
    {
        var quotes = Quotations().ToList();
        Assert.True(quotes.Count >= 15, $"only {quotes.Count} quotations found");
        foreach (var quote in quotes)
        {
            foreach (var part in quote.Split('…').Select(Normal).Where(p => p.Length >= 4))
            {
                Assert.True(Law.Contains(part, StringComparison.Ordinal), $"not in docs/incident-law.md: {part}");
            }
        }
    }

    [Fact]
    public void A_changed_word_is_caught()
    {
        // The check above can fail: one character changed in a real quotation is not found.
        Assert.DoesNotContain(Normal("其他网络运营者应当及时向属地省级网信部门报告，最迟不得超过5小时。"), Law, StringComparison.Ordinal);
        Assert.Contains(Normal("其他网络运营者应当及时向属地省级网信部门报告，最迟不得超过4小时。"), Law, StringComparison.Ordinal);
    }
}
