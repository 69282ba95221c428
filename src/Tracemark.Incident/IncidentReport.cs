namespace Tracemark.Incident;

/// <summary>One indicator of the CAC grading guide with its figure and the level it reaches.</summary>
public sealed record GradeIndicator(string Indicator, decimal? Value, string Reached, decimal? Threshold, string Quote);

/// <summary>Why the grade is what it is.</summary>
/// <param name="Rule">The rule in plain words.</param>
/// <param name="Source">Where the rule is.</param>
/// <param name="Indicators">Each indicator's figure and level.</param>
/// <param name="NeedsJudgement">Clauses the figures cannot decide.</param>
/// <param name="Note">What the grade means for the reports.</param>
public sealed record GradeBasis(string Rule, string Source, IReadOnlyList<GradeIndicator> Indicators, IReadOnlyList<string> NeedsJudgement, string Note);

/// <summary>One report due: to whom, by when (ISO 8601 with offset; null when the law gives no figure), and the rule.</summary>
public sealed record DeadlineView(string Report, string Title, string To, string? Due, string? DueBeijing, string? Remaining, bool? Overdue, string Rule, string Quote, string Source, bool Mandatory);

/// <summary>One item of the initial or closing report.</summary>
public sealed record ReportItemView(int Item, string Heading, string Content, string Status);

/// <summary>The Art. 7 initial report.</summary>
public sealed record InitialReportView(string Minimum, IReadOnlyList<ReportItemView> Items);

/// <summary>The Art. 8 closing report skeleton.</summary>
public sealed record ClosingReportView(string? Due, string To, IReadOnlyList<ReportItemView> Items);

/// <summary>A category of personal information named in the notice.</summary>
public sealed record CategoryView(string Code, string Zh, string En);

/// <summary>The PIPL Art. 57 notice to the authority and the individuals.</summary>
public sealed record NoticeView(
    string Source,
    IReadOnlyList<CategoryView> Categories,
    string Cause,
    IReadOnlyList<string> Harms,
    IReadOnlyList<string> Measures,
    IReadOnlyList<string> IndividualActions,
    string Contact,
    bool Ready,
    string Exemption,
    string SmsExample);

/// <summary>One band of the 2017 interpretation with its count (Art. 11) and thresholds.</summary>
public sealed record BandView(string Band, string Label, long Count, decimal Serious, decimal EspeciallySerious);

/// <summary>The criminal view for police.</summary>
public sealed record CriminalView(string Source, bool Insider, IReadOnlyList<BandView> Bands, decimal RatioSerious, decimal RatioEspeciallySerious, string Level, int Buyers, IReadOnlyList<string> Caveats);

/// <summary>What a trace of one evidence said.</summary>
public sealed record TraceView(string Verdict, int Records, int Matched, IReadOnlyList<string> Leading, double Probability);

/// <summary>One evidence as added.</summary>
public sealed record EvidenceView(
    string Files,
    string Added,
    string? Buyer,
    long Records,
    long Persons,
    long NewPersons,
    long Identifiers,
    long Known,
    IReadOnlyList<string> Datasets,
    string Freshness,
    IReadOnlyDictionary<string, long> Kinds,
    TraceView? Trace,
    long Customers,
    int Problems);

/// <summary>
/// `tracemark incident report` (docs/incident.md): the versioned JSON contract "tracemark.incident/1" and what the
/// terminal and HTML reports show.
/// </summary>
public sealed record IncidentReport(
    string Contract,
    string Name,
    string? Entity,
    string? System,
    string Operator,
    string Discovered,
    string? HandlingEnded,
    string Generated,
    string Grade,
    string GradeEn,
    GradeBasis GradeBasis,
    long People,
    long? OwnerCustomers,
    decimal? Loss,
    IReadOnlyList<DeadlineView> Deadlines,
    InitialReportView InitialReport,
    ClosingReportView ClosingReport,
    NoticeView Notice,
    CriminalView Criminal,
    IReadOnlyList<EvidenceView> Evidence,
    IReadOnlyList<UnconfirmedView> Unconfirmed)
{
    public const string Version = "tracemark.incident/1";
}

/// <summary>
/// A rule the report applies whose words were not read verbatim, or a reading the text does not state
/// (docs/incident-law.md marks it ⚠️ or ❌): shown as unconfirmed, not as law.
/// </summary>
/// <param name="Rule">The rule as applied.</param>
/// <param name="Status">Why it is unconfirmed.</param>
/// <param name="Applies">The report fields it sets.</param>
public sealed record UnconfirmedView(string Rule, string Status, string Applies);

/// <summary>An incident as opened.</summary>
public sealed record IncidentInfo(string Name, string Discovered, string Operator, decimal? Loss, string? OwnerContact, string? Entity, string? System, string? HandlingEnded);

/// <summary>What `incident add` did.</summary>
/// <param name="Outcome">"added", or "unchanged" when the same content was added before.</param>
/// <param name="Evidence">The evidence as stored.</param>
/// <param name="Problems">Scan problems, each with file and record.</param>
public sealed record EvidenceResult(string Outcome, EvidenceView? Evidence, IReadOnlyList<string> Problems);
