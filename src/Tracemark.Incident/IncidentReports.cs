using System.Globalization;
using Tracemark.Incident.Rules;
using Tracemark.Store.Incidents;

namespace Tracemark.Incident;

/// <summary>Applies the rules to an incident and its evidence: the grade, the clock, the reports, the notice and the criminal view.</summary>
internal static class IncidentReports
{
    private const string Fill = "【待填写】";

    /// <summary>What docs/incident-law.md marks ⚠️ or ❌ among the rules every report applies.</summary>
    public static readonly IReadOnlyList<UnconfirmedView> Unconfirmed =
    [
        new(
            "《国家网络安全事件报告管理办法》第四条: the 1 / 2 / 4 hours run from discovery (发现或获知)",
            "❌ the text does not say when the hours start; discovery is the safe reading, taken here",
            "deadlines[cac_initial].due"),
        new(
            "2017 SPC/SPP interpretation Art. 5 ¶2: ten times the ¶1 (三)–(八) figures make 情节特别严重",
            "⚠️ read in a summary only, not in the verbatim text",
            "criminal.bands[].especially_serious, criminal.ratio_especially_serious, criminal.level"),
        new(
            "PIPL Art. 57: the authority must be told even where the individuals need not be",
            "⚠️ a reading: the exemption in the text names the individuals only; the text does not say the authority has none",
            "deadlines[pipl_authority], notice.exemption"),
        new(
            "《网络安全事件分级指南》: the qualitative clauses (较大量 / 大量 / 海量公民个人信息 …)",
            "⚠️ the words between the quoted parts were not read verbatim, and no number defines 较大量 / 大量 / 海量",
            "grade_basis.needs_judgement"),
    ];

    public static IncidentReport Build(IncidentRecord incident, IReadOnlyList<EvidenceFacts> evidence, IReadOnlyDictionary<CriminalBand, long> counts, long ownerCustomers, bool ownerData, DateTimeOffset now, bool insider, decimal? income, IReadOnlyList<string> measures, string? cause)
    {
        var c = CultureInfo.InvariantCulture;
        if (!IncidentTime.TryParse(incident.Discovered, out var discovered, out var problem) || !Deadlines.TryParseOperator(incident.Operator, out var type))
        {
            throw new Store.StoreException($"incident '{incident.Name}' holds a discovery time or operator type this program cannot read ({problem}{incident.Operator})");
        }

        DateTimeOffset? ended = incident.Ended is { } e && IncidentTime.TryParse(e, out var end, out _) ? end : null;
        decimal? loss = incident.Loss is null ? null : decimal.Parse(incident.Loss, c);
        var people = evidence.Sum(x => x.View.NewPersons);
        var grade = Grading.Grade(people, loss);

        var deadlines = Deadlines.For(type, discovered, grade.Level, ended).Select(d => new DeadlineView(
            d.Report,
            d.Title,
            d.To,
            d.Due is { } due ? IncidentTime.Format(due) : null,
            d.Due is { } b ? IncidentTime.Format(b.ToOffset(Deadlines.Beijing)) : null,
            d.Due is { } r ? IncidentTime.Remaining(r, now) : null,
            d.Due is { } o ? o < now : null,
            d.Rule,
            d.Quote,
            d.Source,
            d.Mandatory)).ToList();

        var kinds = evidence.SelectMany(x => x.View.Kinds.Keys).Distinct(StringComparer.Ordinal).ToList();
        var notice = Notices.Build(kinds, cause, measures, incident.OwnerContact, offeredForSale: evidence.Count > 0);
        var categories = string.Join("、", notice.Categories.Select(x => x.Chinese));
        var sms = Notices.Sms(incident.Entity ?? string.Empty, notice.Categories, incident.OwnerContact);

        var criminal = CriminalTiers.Assess(counts, insider, income);
        var traces = evidence.Where(x => x.View.Trace is not null).Select(x => x.View.Trace!).ToList();
        var leads = traces.Count == 0
            ? ownerData ? "样本未能与本单位客户匹配 (the samples matched none of the owner's customers)" : "未导入本单位数据，无法溯源 (no owner data imported: run `tracemark owner import` and add the evidence again)"
            : string.Join("；", traces.Select(t => $"溯源结论 {t.Verdict}：{(t.Leading.Count == 0 ? "无法确定渠道" : string.Join(" + ", t.Leading))}（{t.Probability.ToString("P0", c)}），样本{t.Records}条中{t.Matched}条匹配本单位客户"));
        var measuresText = notice.Measures.Count > 0 ? string.Join("；", notice.Measures) : Fill;
        var impact = $"{people.ToString("N0", c)}人的个人信息（{(categories.Length > 0 ? categories : "种类待定")}）{(ownerData ? $"，其中本单位客户{ownerCustomers.ToString("N0", c)}人" : string.Empty)}";
        var item1Complete = !string.IsNullOrWhiteSpace(incident.Entity) && !string.IsNullOrWhiteSpace(incident.System);
        var items = new List<ReportItemView>
        {
            new(1, Reports.InitialHeadings[0], $"涉事单位：{incident.Entity ?? Fill}；涉事系统或设施：{incident.System ?? Fill}", item1Complete ? "complete" : "partial"),
            new(2, Reports.InitialHeadings[1], $"发现时间：{incident.Discovered}；地点：{incident.Entity ?? Fill}{(incident.System is null ? string.Empty : "的" + incident.System)}（泄露数据在外部被发现）；类型：数据安全事件 — 个人信息泄露；级别：{grade.Name}（{GradeLine(grade)}）；已造成的影响：{impact}；已采取的措施及效果：{measuresText}", incident.Entity is null ? "partial" : "complete"),
            new(3, Reports.InitialHeadings[2], $"泄露数据在外流通，可能被继续转售并用于诈骗；新鲜度：{string.Join("、", evidence.Select(x => x.View.Freshness).Distinct(StringComparer.Ordinal))}；已知泄露重合：{string.Join("、", evidence.SelectMany(x => x.View.Datasets).Distinct(StringComparer.Ordinal).DefaultIfEmpty("无"))}", Reports.ToFollow),
            new(4, Reports.InitialHeadings[3], traces.Count > 0 ? "初步判断为内部渠道泄露，见第五项线索；" + Fill : Fill, Reports.ToFollow),
            new(5, Reports.InitialHeadings[4], leads, traces.Count > 0 ? "partial" : Reports.ToFollow),
            new(6, Reports.InitialHeadings[5], "收紧相关账号的客户可见范围与导出权限（见 `tracemark audit`）；通知受影响个人；" + Fill, Reports.ToFollow),
            new(7, Reports.InitialHeadings[6], $"泄露样本{evidence.Count}份已保全（SHA-256 记录于 Tracemark 事件库），访问日志保留；" + Fill, Reports.ToFollow),
            new(8, Reports.InitialHeadings[7], $"涉嫌侵犯公民个人信息罪（刑法第二百五十三条之一），刑事计数：{criminal.Level}；" + Fill, Reports.ToFollow),
        };
        var closing = new ClosingReportView(
            deadlines.Single(d => d.Report == "cac_closing").Due,
            deadlines.Single(d => d.Report == "cac_closing").To,
            [.. Reports.ClosingHeadings.Select((h, i) => new ReportItemView(i + 1, h, Fill, Reports.ToFollow))]);

        var note = grade.Mandatory
            ? $"{grade.Name}: the CAC report of the Measures Art. 4 is mandatory — see the deadlines"
            : "一般: below 较大 the CAC report of the Measures is not mandatory; PIPL Art. 57 still requires notifying the authority and the individuals immediately, and a suspected crime is reported to the police";
        return new IncidentReport(
            IncidentReport.Version,
            incident.Name,
            incident.Entity,
            incident.System,
            incident.Operator,
            incident.Discovered,
            incident.Ended,
            IncidentTime.Format(now.ToOffset(discovered.Offset)),
            grade.Name,
            Grading.English(grade.Level),
            new GradeBasis(
                "people whose personal information leaked (distinct persons) and direct economic loss, thresholds inclusive (“以上”均包括本数); the highest level any indicator reaches",
                Grading.Source,
                [.. grade.Indicators.Select(i => new GradeIndicator(i.Indicator, i.Value, Grading.Chinese(i.Reached), i.Threshold, i.Quote))],
                Grading.NeedsJudgement,
                note),
            people,
            ownerData ? ownerCustomers : null,
            loss,
            deadlines,
            new InitialReportView("items 1–2 within the deadline; items 3–8 “及时补报” (Measures Art. 7)", items),
            closing,
            new NoticeView(
                Deadlines.PiplSource,
                [.. notice.Categories.Select(x => new CategoryView(x.Code, x.Chinese, x.English))],
                notice.Cause,
                notice.Harms,
                notice.Measures,
                notice.IndividualActions,
                notice.Contact,
                notice.Contact.Length > 0,
                notice.Exemption,
                sms),
            new CriminalView(
                CriminalTiers.Source,
                insider,
                [.. criminal.Bands.Select(b => new BandView(b.Band, b.Label, b.Count, b.Serious, b.EspeciallySerious))],
                decimal.Round(criminal.RatioSerious, 4),
                decimal.Round(criminal.RatioEspeciallySerious, 4),
                criminal.Level,
                evidence.Select(x => x.View.Buyer ?? string.Empty).Distinct(StringComparer.Ordinal).Count(),
                CriminalTiers.Caveats),
            [.. evidence.Select(x => x.View)],
            Unconfirmed);
    }

    private static string GradeLine(GradeResult grade) =>
        string.Join("；", grade.Indicators.Select(i => $"{(i.Indicator == "people" ? "泄露人数" : "直接经济损失")} {i.Value?.ToString("N0", CultureInfo.InvariantCulture)}：{i.Quote}"));
}
