using System.Text.Json.Serialization;
using Tracemark.Incident;
using Tracemark.Incident.Audit;

namespace Tracemark.Reports;

/// <summary>
/// What `tracemark incident report --json` prints: the versioned contract "tracemark.incident/1" (docs/incident.md).
/// The field names and values are those the report had when it was serialised by reflection in Tracemark.Incident.
/// </summary>
public sealed record IncidentDocument(
    string Contract,
    string Name,
    string? Entity,
    string? System,
    IncidentOperator Operator,
    string Discovered,
    string? HandlingEnded,
    string Generated,
    IncidentGrade Grade,
    string GradeEn,
    IncidentGradeBasis GradeBasis,
    long People,
    long? OwnerCustomers,
    decimal? Loss,
    IReadOnlyList<IncidentDeadline> Deadlines,
    IncidentInitialReport InitialReport,
    IncidentClosingReport ClosingReport,
    IncidentNotice Notice,
    IncidentCriminal Criminal,
    IReadOnlyList<IncidentEvidence> Evidence,
    IReadOnlyList<IncidentUnconfirmed> Unconfirmed)
{
    /// <summary>The contract of an incident report.</summary>
    public static IncidentDocument From(IncidentReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = r.GradeBasis;
        var n = r.Notice;
        var c = r.Criminal;
        return new(
            r.Contract,
            r.Name,
            r.Entity,
            r.System,
            IncidentValues.Operator(r.Operator),
            r.Discovered,
            r.HandlingEnded,
            r.Generated,
            IncidentValues.Grade(r.Grade),
            r.GradeEn,
            new IncidentGradeBasis(b.Rule, b.Source, [.. b.Indicators.Select(i => new IncidentGradeIndicator(IncidentValues.Indicator(i.Indicator), i.Value, IncidentValues.Grade(i.Reached), i.Threshold, i.Quote))], b.NeedsJudgement, b.Note),
            r.People,
            r.OwnerCustomers,
            r.Loss,
            [.. r.Deadlines.Select(d => new IncidentDeadline(IncidentValues.Deadline(d.Report), d.Title, d.To, d.Due, d.DueBeijing, d.Remaining, d.Overdue, d.Rule, d.Quote, d.Source, d.Mandatory))],
            new IncidentInitialReport(r.InitialReport.Minimum, Items(r.InitialReport.Items)),
            new IncidentClosingReport(r.ClosingReport.Due, r.ClosingReport.To, Items(r.ClosingReport.Items)),
            new IncidentNotice(n.Source, [.. n.Categories.Select(x => new IncidentCategory(x.Code, x.Zh, x.En))], n.Cause, n.Harms, n.Measures, n.IndividualActions, n.Contact, n.Ready, n.Exemption, n.SmsExample),
            new IncidentCriminal(c.Source, c.Insider, [.. c.Bands.Select(x => new IncidentBand(IncidentValues.Band(x.Band), x.Label, x.Count, x.Serious, x.EspeciallySerious))], c.RatioSerious, c.RatioEspeciallySerious, IncidentValues.Level(c.Level), c.Buyers, c.Caveats),
            [.. r.Evidence.Select(IncidentEvidence.From)],
            [.. r.Unconfirmed.Select(u => new IncidentUnconfirmed(u.Rule, u.Status, u.Applies))]);
    }

    private static IReadOnlyList<IncidentReportItem> Items(IReadOnlyList<ReportItemView> items) =>
        [.. items.Select(i => new IncidentReportItem(i.Item, i.Heading, i.Content, IncidentValues.Status(i.Status)))];
}

/// <summary>One indicator of the CAC grading guide with its figure and the level it reaches.</summary>
public sealed record IncidentGradeIndicator(IncidentIndicator Indicator, decimal? Value, IncidentGrade Reached, decimal? Threshold, string Quote);

/// <summary>Why the grade is what it is: the rule, where it is, each indicator, what needs a person's judgement.</summary>
public sealed record IncidentGradeBasis(string Rule, string Source, IReadOnlyList<IncidentGradeIndicator> Indicators, IReadOnlyList<string> NeedsJudgement, string Note);

/// <summary>One report due: to whom, by when (null when the law gives no figure), and the rule.</summary>
public sealed record IncidentDeadline(IncidentDeadlineReport Report, string Title, string To, string? Due, string? DueBeijing, string? Remaining, bool? Overdue, string Rule, string Quote, string Source, bool Mandatory);

/// <summary>One item of the initial or closing report.</summary>
public sealed record IncidentReportItem(int Item, string Heading, string Content, ReportItemStatus Status);

/// <summary>The Art. 7 initial report.</summary>
public sealed record IncidentInitialReport(string Minimum, IReadOnlyList<IncidentReportItem> Items);

/// <summary>The Art. 8 closing report skeleton.</summary>
public sealed record IncidentClosingReport(string? Due, string To, IReadOnlyList<IncidentReportItem> Items);

/// <summary>A category of personal information named in the notice.</summary>
public sealed record IncidentCategory(string Code, string Zh, string En);

/// <summary>The PIPL Art. 57 notice to the authority and the individuals.</summary>
public sealed record IncidentNotice(
    string Source,
    IReadOnlyList<IncidentCategory> Categories,
    string Cause,
    IReadOnlyList<string> Harms,
    IReadOnlyList<string> Measures,
    IReadOnlyList<string> IndividualActions,
    string Contact,
    bool Ready,
    string Exemption,
    string SmsExample);

/// <summary>One band of the 2017 interpretation with its count and thresholds.</summary>
public sealed record IncidentBand(CriminalBandCode Band, string Label, long Count, decimal Serious, decimal EspeciallySerious);

/// <summary>The criminal view for police.</summary>
public sealed record IncidentCriminal(string Source, bool Insider, IReadOnlyList<IncidentBand> Bands, decimal RatioSerious, decimal RatioEspeciallySerious, CriminalLevel Level, int Buyers, IReadOnlyList<string> Caveats);

/// <summary>What a trace of one evidence said.</summary>
public sealed record IncidentTrace(TraceVerdict Verdict, int Records, int Matched, IReadOnlyList<string> Leading, double Probability);

/// <summary>One evidence as added.</summary>
public sealed record IncidentEvidence(
    string Files,
    string Added,
    string? Buyer,
    long Records,
    long Persons,
    long NewPersons,
    long Identifiers,
    long Known,
    IReadOnlyList<string> Datasets,
    FreshnessGrade Freshness,
    IReadOnlyDictionary<string, long> Kinds,
    IncidentTrace? Trace,
    long Customers,
    int Problems)
{
    internal static IncidentEvidence From(EvidenceView e) => new(
        e.Files, e.Added, e.Buyer, e.Records, e.Persons, e.NewPersons, e.Identifiers, e.Known, e.Datasets, ReportValues.Freshness(e.Freshness), e.Kinds,
        e.Trace is { } t ? new IncidentTrace(ReportValues.Trace(t.Verdict), t.Records, t.Matched, t.Leading, t.Probability) : null,
        e.Customers, e.Problems);
}

/// <summary>A rule the report applies whose words were not read verbatim, shown as unconfirmed, not as law.</summary>
public sealed record IncidentUnconfirmed(string Rule, string Status, string Applies);

/// <summary>One incident as `tracemark incident list --json` prints it.</summary>
public sealed record IncidentListEntry(string Name, string Discovered, IncidentOperator Operator, decimal? Loss, string? OwnerContact, string? Entity, string? System, string? HandlingEnded)
{
    /// <summary>The contract of the incident list.</summary>
    public static IReadOnlyList<IncidentListEntry> List(IEnumerable<IncidentInfo> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        return [.. incidents.Select(i => new IncidentListEntry(i.Name, i.Discovered, IncidentValues.Operator(i.Operator), i.Loss, i.OwnerContact, i.Entity, i.System, i.HandlingEnded))];
    }
}

/// <summary>What `tracemark audit --json` prints: the contract "tracemark.audit/1" (docs/audit.md).</summary>
public sealed record AuditDocument(string Contract, string AsOf, int Days, int RetentionDays, long Customers, long Channels, IReadOnlyList<AuditFindingReport> Findings, IReadOnlyList<string> Caveats)
{
    /// <summary>The contract of an audit.</summary>
    public static AuditDocument From(AuditReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Contract,
            r.AsOf,
            r.Days,
            r.RetentionDays,
            r.Customers,
            r.Channels,
            [.. r.Findings.Select(f => new AuditFindingReport(IncidentValues.Finding(f.Code), f.Title, f.Basis, f.Quote, f.Count, f.Unit, f.Change, [.. f.Items.Select(i => new AuditItemReport(i.Channel, ReportValues.Channel(i.Kind), i.Unit, i.Count, i.Detail))], f.Assessed))],
            r.Caveats);
    }
}

/// <summary>One finding of the audit: what can leak, its basis, how much, and what to change.</summary>
public sealed record AuditFindingReport(AuditFindingCode Code, string Title, string Basis, string Quote, long Count, string Unit, string Change, IReadOnlyList<AuditItemReport> Items, bool Assessed);

/// <summary>One channel behind a finding.</summary>
public sealed record AuditItemReport(string Channel, ChannelKind Kind, string? Unit, long Count, string Detail);

/// <summary>The four levels of the CAC grading guide, by their Chinese names as the report writes them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentGrade>))]
public enum IncidentGrade
{
    /// <summary>特别重大 (I).</summary>
    [JsonStringEnumMemberName("特别重大")]
    ParticularlyMajor,

    /// <summary>重大 (II).</summary>
    [JsonStringEnumMemberName("重大")]
    Major,

    /// <summary>较大 (III).</summary>
    [JsonStringEnumMemberName("较大")]
    Larger,

    /// <summary>一般 (IV).</summary>
    [JsonStringEnumMemberName("一般")]
    General,
}

/// <summary>How far an item of the initial or closing report is filled in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportItemStatus>))]
public enum ReportItemStatus
{
    /// <summary>Everything the item asks for is known.</summary>
    [JsonStringEnumMemberName("complete")]
    Complete,

    /// <summary>Some of it is known.</summary>
    [JsonStringEnumMemberName("partial")]
    Partial,

    /// <summary>To be supplied in a later report.</summary>
    [JsonStringEnumMemberName("to_follow")]
    ToFollow,
}

/// <summary>
/// The operator type an incident was opened with (`incident open --operator`): it decides the CAC report's deadline
/// and recipient. The store holds the word given, which `IncidentBook.Validate` has allowed only from this list since
/// incidents exist.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentOperator>))]
public enum IncidentOperator
{
    /// <summary>Critical information infrastructure (关键信息基础设施运营者).</summary>
    [JsonStringEnumMemberName("cii")]
    Cii,

    /// <summary>Central state organs and their units (中央和国家机关各部门及其直属单位).</summary>
    [JsonStringEnumMemberName("central")]
    Central,

    /// <summary>Any other network operator.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}

/// <summary>Which report a deadline is for (Tracemark.Incident's Deadlines).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentDeadlineReport>))]
public enum IncidentDeadlineReport
{
    /// <summary>The CAC's initial incident report (Measures Art. 4, 7).</summary>
    [JsonStringEnumMemberName("cac_initial")]
    CacInitial,

    /// <summary>Telling the authority under PIPL Art. 57.</summary>
    [JsonStringEnumMemberName("pipl_authority")]
    PiplAuthority,

    /// <summary>Telling the individuals under PIPL Art. 57.</summary>
    [JsonStringEnumMemberName("pipl_individuals")]
    PiplIndividuals,

    /// <summary>Reporting to the police where a crime is suspected (Measures Art. 4).</summary>
    [JsonStringEnumMemberName("police")]
    Police,

    /// <summary>Supplementing the CAC report as facts become known.</summary>
    [JsonStringEnumMemberName("cac_supplement")]
    CacSupplement,

    /// <summary>The CAC's closing report after handling ends.</summary>
    [JsonStringEnumMemberName("cac_closing")]
    CacClosing,

    /// <summary>The sector regulator's own reporting rules (their deadlines are not confirmed here).</summary>
    [JsonStringEnumMemberName("sector")]
    Sector,
}

/// <summary>An indicator of the CAC grade (the grading guide's quantitative ones).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentIndicator>))]
public enum IncidentIndicator
{
    /// <summary>People whose personal information leaked (distinct persons).</summary>
    [JsonStringEnumMemberName("people")]
    People,

    /// <summary>Direct economic loss in yuan.</summary>
    [JsonStringEnumMemberName("direct_loss")]
    DirectLoss,
}

/// <summary>A band of the 2017 SPC/SPP interpretation's Art. 5 counts, named by its 情节严重 threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriminalBandCode>))]
public enum CriminalBandCode
{
    /// <summary>Whereabouts, communication content, credit, property: serious from 50.</summary>
    [JsonStringEnumMemberName("sensitive_50")]
    Sensitive50,

    /// <summary>Accommodation, call records, health, transactions: serious from 500.</summary>
    [JsonStringEnumMemberName("personal_500")]
    Personal500,

    /// <summary>Other personal information: serious from 5,000.</summary>
    [JsonStringEnumMemberName("other_5000")]
    Other5000,
}

/// <summary>Where the counts put a case under Art. 5 of the 2017 SPC/SPP interpretation, in its Chinese words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriminalLevel>))]
public enum CriminalLevel
{
    /// <summary>未达到数量标准: no band reaches its count.</summary>
    [JsonStringEnumMemberName("未达到数量标准")]
    BelowThreshold,

    /// <summary>情节严重: a band (or the income) reaches its count.</summary>
    [JsonStringEnumMemberName("情节严重")]
    Serious,

    /// <summary>情节特别严重: ten times a count.</summary>
    [JsonStringEnumMemberName("情节特别严重")]
    EspeciallySerious,
}

/// <summary>A finding of `tracemark audit` (tracemark.audit/1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditFindingCode>))]
public enum AuditFindingCode
{
    /// <summary>Channels that can see far more customers than they need.</summary>
    [JsonStringEnumMemberName("blast_radius")]
    BlastRadius,

    /// <summary>Customers kept past the retention period with no access since.</summary>
    [JsonStringEnumMemberName("retention")]
    Retention,

    /// <summary>Full identifiers fetched where a masked one served.</summary>
    [JsonStringEnumMemberName("full_identifiers")]
    FullIdentifiers,

    /// <summary>Partners receiving more fields than their contract.</summary>
    [JsonStringEnumMemberName("partner_fields")]
    PartnerFields,
}

/// <summary>Reads the incident report's string values into the contract enums; an unknown value is a bug, not input.</summary>
public static class IncidentValues
{
    /// <summary>A grade's Chinese name.</summary>
    public static IncidentGrade Grade(string grade) => grade switch
    {
        "特别重大" => IncidentGrade.ParticularlyMajor,
        "重大" => IncidentGrade.Major,
        "较大" => IncidentGrade.Larger,
        "一般" => IncidentGrade.General,
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "not an incident grade"),
    };

    /// <summary>An operator type as `incident open` took it.</summary>
    public static IncidentOperator Operator(string type) => type switch
    {
        "cii" => IncidentOperator.Cii,
        "central" => IncidentOperator.Central,
        "other" => IncidentOperator.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an operator type"),
    };

    /// <summary>A deadline's report code.</summary>
    public static IncidentDeadlineReport Deadline(string report) => report switch
    {
        "cac_initial" => IncidentDeadlineReport.CacInitial,
        "pipl_authority" => IncidentDeadlineReport.PiplAuthority,
        "pipl_individuals" => IncidentDeadlineReport.PiplIndividuals,
        "police" => IncidentDeadlineReport.Police,
        "cac_supplement" => IncidentDeadlineReport.CacSupplement,
        "cac_closing" => IncidentDeadlineReport.CacClosing,
        "sector" => IncidentDeadlineReport.Sector,
        _ => throw new ArgumentOutOfRangeException(nameof(report), report, "not a deadline's report"),
    };

    /// <summary>The criminal level's Chinese words.</summary>
    public static CriminalLevel Level(string level) => level switch
    {
        "未达到数量标准" => CriminalLevel.BelowThreshold,
        "情节严重" => CriminalLevel.Serious,
        "情节特别严重" => CriminalLevel.EspeciallySerious,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a criminal level"),
    };

    /// <summary>An audit finding's code.</summary>
    public static AuditFindingCode Finding(string code) => code switch
    {
        "blast_radius" => AuditFindingCode.BlastRadius,
        "retention" => AuditFindingCode.Retention,
        "full_identifiers" => AuditFindingCode.FullIdentifiers,
        "partner_fields" => AuditFindingCode.PartnerFields,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not an audit finding"),
    };

    /// <summary>"people" or "direct_loss".</summary>
    public static IncidentIndicator Indicator(string indicator) => indicator switch
    {
        "people" => IncidentIndicator.People,
        "direct_loss" => IncidentIndicator.DirectLoss,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "not a grade indicator"),
    };

    /// <summary>A criminal count band's code.</summary>
    public static CriminalBandCode Band(string band) => band switch
    {
        "sensitive_50" => CriminalBandCode.Sensitive50,
        "personal_500" => CriminalBandCode.Personal500,
        "other_5000" => CriminalBandCode.Other5000,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "not a criminal count band"),
    };

    /// <summary>"complete", "partial" or "to_follow".</summary>
    public static ReportItemStatus Status(string status) => status switch
    {
        "complete" => ReportItemStatus.Complete,
        "partial" => ReportItemStatus.Partial,
        "to_follow" => ReportItemStatus.ToFollow,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a report item status"),
    };
}
