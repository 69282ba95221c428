using System.Text.Json.Serialization;

namespace Tracemark.Reports;

// The team server's (Tracemark.Workspace) answers. Its request bodies (NewCase, NewMember, RevealRequest, NewIncident)
// stay in the server: they are inputs, not outputs. The server writes these through ReportJson.Escaped, so that its
// bytes stay what ASP.NET Core always sent (one line, HTML-sensitive and non-ASCII characters escaped), except the
// summary, which is `scan --summary-json`'s text with these parts beside it (Chinese as it is).

/// <summary>A member's role in a case (what they may read, upload, reveal and audit: docs/server.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseRole>))]
public enum CaseRole
{
    /// <summary>Reads results and uploads evidence; reveals values (audited).</summary>
    [JsonStringEnumMemberName("analyst")]
    Analyst,

    /// <summary>Everything an analyst does, and sets members, opens the incident and reads the audit log.</summary>
    [JsonStringEnumMemberName("lead")]
    Lead,

    /// <summary>Reads the audit log, not the case's data.</summary>
    [JsonStringEnumMemberName("auditor")]
    Auditor,

    /// <summary>Reads masked results and reveals nothing.</summary>
    [JsonStringEnumMemberName("viewer")]
    Viewer,
}

/// <summary>Where a scan job of the team server is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    /// <summary>Waiting for a worker.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    /// <summary>Reading its files (progress is the share of bytes read).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Finished; the case's summary holds its result.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>Stopped on an error (the error says which).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>Which signal a freshness reason reports (Tracemark.Store's FreshnessSignal, as the team server sends it).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FreshnessSignalCode>))]
public enum FreshnessSignalCode
{
    /// <summary>The share of the identifiers already in known leaks.</summary>
    [JsonStringEnumMemberName("known_share")]
    KnownShare,

    /// <summary>The data carries no record times: its age is unknown.</summary>
    [JsonStringEnumMemberName("no_record_times")]
    NoRecordTimes,

    /// <summary>The newest record's time and its age in days on the date seen.</summary>
    [JsonStringEnumMemberName("newest_record")]
    NewestRecord,

    /// <summary>The newest record is after the date seen: times may be forged or the date wrong.</summary>
    [JsonStringEnumMemberName("newest_after_seen")]
    NewestAfterSeen,

    /// <summary>Older than the overnight limit.</summary>
    [JsonStringEnumMemberName("older")]
    Older,

    /// <summary>The known share is at least what a fresher grade allows.</summary>
    [JsonStringEnumMemberName("too_much_known")]
    TooMuchKnown,
}

/// <summary>Which limit of a trace a caveat states (Tracemark.Tracing's TraceCaveatKind, as the team server sends it).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceCaveatCode>))]
public enum TraceCaveatCode
{
    /// <summary>Probabilities assume the leaker took records it accessed at random.</summary>
    [JsonStringEnumMemberName("random_taking")]
    RandomTaking,

    /// <summary>Records that match none of the owner's customers.</summary>
    [JsonStringEnumMemberName("unmatched")]
    Unmatched,

    /// <summary>The evidence does not separate the candidates.</summary>
    [JsonStringEnumMemberName("not_separated")]
    NotSeparated,

    /// <summary>Few matched records: overlapping channels cannot be told apart reliably.</summary>
    [JsonStringEnumMemberName("few_matched")]
    FewMatched,

    /// <summary>How many channels were considered; a channel not in the owner's list cannot be named.</summary>
    [JsonStringEnumMemberName("channels_considered")]
    ChannelsConsidered,
}

/// <summary>
/// What a member did, as the team server's audit log records it (the database keeps the wire string). The log is a
/// legal record that no release may rewrite, so reading it never refuses a stored action: one no member names (written
/// by a newer server, or by hand) reads as "unrecognised", with its text as stored in the entry's recorded_action.
/// The server writes only the named members.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkspaceAuditAction>))]
public enum WorkspaceAuditAction
{
    /// <summary>Opened the case.</summary>
    [JsonStringEnumMemberName("case.create")]
    CaseCreate,

    /// <summary>Read the case and its members (API).</summary>
    [JsonStringEnumMemberName("case.read")]
    CaseRead,

    /// <summary>Opened the case page.</summary>
    [JsonStringEnumMemberName("case.page")]
    CasePage,

    /// <summary>Added a member or changed a member's role.</summary>
    [JsonStringEnumMemberName("member.set")]
    MemberSet,

    /// <summary>Listed the evidence files.</summary>
    [JsonStringEnumMemberName("files.read")]
    FilesRead,

    /// <summary>Uploaded evidence or posts files (and queued their scan).</summary>
    [JsonStringEnumMemberName("files.upload")]
    FilesUpload,

    /// <summary>Read the masked summary.</summary>
    [JsonStringEnumMemberName("summary.read")]
    SummaryRead,

    /// <summary>Read the trace.</summary>
    [JsonStringEnumMemberName("trace.read")]
    TraceRead,

    /// <summary>Read the intel view of the case's posts.</summary>
    [JsonStringEnumMemberName("intel.read")]
    IntelRead,

    /// <summary>Opened the case's incident.</summary>
    [JsonStringEnumMemberName("incident.open")]
    IncidentOpen,

    /// <summary>Read the incident report.</summary>
    [JsonStringEnumMemberName("incident.read")]
    IncidentRead,

    /// <summary>Revealed a finding's value in clear.</summary>
    [JsonStringEnumMemberName("reveal")]
    Reveal,

    /// <summary>Read the audit log (API or page).</summary>
    [JsonStringEnumMemberName("audit.read")]
    AuditRead,

    /// <summary>A stored action no member names; the entry's recorded_action holds it as stored.</summary>
    [JsonStringEnumMemberName("unrecognised")]
    Unrecognised,
}

/// <summary>The format a posts file of the intel view was read as (Tracemark.Intel's PostFormat, lower case, as the server always sent it).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntelFileFormat>))]
public enum IntelFileFormat
{
    /// <summary>Telegram Desktop's JSON export.</summary>
    [JsonStringEnumMemberName("telegram")]
    Telegram,

    /// <summary>QQ's text chat export.</summary>
    [JsonStringEnumMemberName("qq")]
    Qq,

    /// <summary>JSON Lines, one post a line (`intel --format jsonl` on the command line).</summary>
    [JsonStringEnumMemberName("jsonlines")]
    JsonLines,

    /// <summary>Plain text, one post per line.</summary>
    [JsonStringEnumMemberName("plain")]
    Plain,

    /// <summary>A WeChat export by MemoTrace (CSV or TXT).</summary>
    [JsonStringEnumMemberName("wechat")]
    WeChat,
}

/// <summary>Reads the team server's stored strings (roles, job states and audit actions in its database) and the
/// libraries' codes into the contract enums, and back.</summary>
public static class WorkspaceValues
{
    /// <summary>A freshness reason's signal as the team server sends it.</summary>
    public static FreshnessSignalCode Signal(Tracemark.Store.FreshnessSignal signal) => signal switch
    {
        Tracemark.Store.FreshnessSignal.KnownShare => FreshnessSignalCode.KnownShare,
        Tracemark.Store.FreshnessSignal.NoRecordTimes => FreshnessSignalCode.NoRecordTimes,
        Tracemark.Store.FreshnessSignal.NewestRecord => FreshnessSignalCode.NewestRecord,
        Tracemark.Store.FreshnessSignal.NewestAfterSeen => FreshnessSignalCode.NewestAfterSeen,
        Tracemark.Store.FreshnessSignal.Older => FreshnessSignalCode.Older,
        Tracemark.Store.FreshnessSignal.TooMuchKnown => FreshnessSignalCode.TooMuchKnown,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a freshness signal"),
    };

    /// <summary>A trace caveat's kind as the team server sends it.</summary>
    public static TraceCaveatCode Caveat(Tracemark.Tracing.Owner.TraceCaveatKind kind) => kind switch
    {
        Tracemark.Tracing.Owner.TraceCaveatKind.RandomTaking => TraceCaveatCode.RandomTaking,
        Tracemark.Tracing.Owner.TraceCaveatKind.Unmatched => TraceCaveatCode.Unmatched,
        Tracemark.Tracing.Owner.TraceCaveatKind.NotSeparated => TraceCaveatCode.NotSeparated,
        Tracemark.Tracing.Owner.TraceCaveatKind.FewMatched => TraceCaveatCode.FewMatched,
        Tracemark.Tracing.Owner.TraceCaveatKind.ChannelsConsidered => TraceCaveatCode.ChannelsConsidered,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a trace caveat"),
    };
    /// <summary>A role as the server's database holds it.</summary>
    public static CaseRole Role(string role) => role switch
    {
        "analyst" => CaseRole.Analyst,
        "lead" => CaseRole.Lead,
        "auditor" => CaseRole.Auditor,
        "viewer" => CaseRole.Viewer,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a case role"),
    };

    /// <summary>A job state as the server's database holds it.</summary>
    public static JobState State(string state) => state switch
    {
        "queued" => JobState.Queued,
        "running" => JobState.Running,
        "done" => JobState.Done,
        "failed" => JobState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a job state"),
    };

    /// <summary>The format a posts file was read as; intel always judges one, so <c>Auto</c> here is a bug.</summary>
    public static IntelFileFormat Format(Tracemark.Intel.Posts.PostFormat format) => format switch
    {
        Tracemark.Intel.Posts.PostFormat.Telegram => IntelFileFormat.Telegram,
        Tracemark.Intel.Posts.PostFormat.Qq => IntelFileFormat.Qq,
        Tracemark.Intel.Posts.PostFormat.JsonLines => IntelFileFormat.JsonLines,
        Tracemark.Intel.Posts.PostFormat.Plain => IntelFileFormat.Plain,
        Tracemark.Intel.Posts.PostFormat.WeChat => IntelFileFormat.WeChat,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a format a posts file was read as"),
    };

    /// <summary>
    /// An audit action as the database holds it; one no member names is <see cref="WorkspaceAuditAction.Unrecognised"/>
    /// (never an error: see the enum), and the caller keeps the text.
    /// </summary>
    public static WorkspaceAuditAction Action(string action) => action switch
    {
        "case.create" => WorkspaceAuditAction.CaseCreate,
        "case.read" => WorkspaceAuditAction.CaseRead,
        "case.page" => WorkspaceAuditAction.CasePage,
        "member.set" => WorkspaceAuditAction.MemberSet,
        "files.read" => WorkspaceAuditAction.FilesRead,
        "files.upload" => WorkspaceAuditAction.FilesUpload,
        "summary.read" => WorkspaceAuditAction.SummaryRead,
        "trace.read" => WorkspaceAuditAction.TraceRead,
        "intel.read" => WorkspaceAuditAction.IntelRead,
        "incident.open" => WorkspaceAuditAction.IncidentOpen,
        "incident.read" => WorkspaceAuditAction.IncidentRead,
        "reveal" => WorkspaceAuditAction.Reveal,
        "audit.read" => WorkspaceAuditAction.AuditRead,
        _ => WorkspaceAuditAction.Unrecognised,
    };

    /// <summary>An audit action's wire string, as the server stores it; <see cref="WorkspaceAuditAction.Unrecognised"/> is never written.</summary>
    public static string Code(WorkspaceAuditAction action) => action switch
    {
        WorkspaceAuditAction.CaseCreate => "case.create",
        WorkspaceAuditAction.CaseRead => "case.read",
        WorkspaceAuditAction.CasePage => "case.page",
        WorkspaceAuditAction.MemberSet => "member.set",
        WorkspaceAuditAction.FilesRead => "files.read",
        WorkspaceAuditAction.FilesUpload => "files.upload",
        WorkspaceAuditAction.SummaryRead => "summary.read",
        WorkspaceAuditAction.TraceRead => "trace.read",
        WorkspaceAuditAction.IntelRead => "intel.read",
        WorkspaceAuditAction.IncidentOpen => "incident.open",
        WorkspaceAuditAction.IncidentRead => "incident.read",
        WorkspaceAuditAction.Reveal => "reveal",
        WorkspaceAuditAction.AuditRead => "audit.read",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an action the server records"),
    };

    /// <summary>An audit entry as the database holds it: the action as its member, and as text only when no member names it.</summary>
    public static WorkspaceAuditEntry Entry(long id, string at, string actor, long? caseId, string action, string detail, string hash) =>
        Action(action) is var named && named == WorkspaceAuditAction.Unrecognised
            ? new WorkspaceAuditEntry(id, at, actor, caseId, named, detail, hash, action)
            : new WorkspaceAuditEntry(id, at, actor, caseId, named, detail, hash);

    /// <summary>A job state's wire string (the pages' data-state attribute and the database's value).</summary>
    public static string Code(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Done => "done",
        JobState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a job state"),
    };
}

/// <summary>An id the server gave (POST /api/cases).</summary>
public sealed record WorkspaceCreated(long Id);

/// <summary>A case as the asking member sees it (GET /api/cases).</summary>
public sealed record WorkspaceCase(long Id, string Name, CaseRole Role, string Created);

/// <summary>GET /api/cases/{id}: the case and its members.</summary>
public sealed record WorkspaceCaseDetail(long Id, string Name, CaseRole Role, string Created, IReadOnlyList<WorkspaceMember> Members);

/// <summary>A member of a case and the role they hold in it.</summary>
public sealed record WorkspaceMember(string User, CaseRole Role);

/// <summary>An evidence file of a case (GET /api/cases/{id}/files).</summary>
public sealed record WorkspaceFile(long Id, string Name, long Bytes, string Sha256, string Uploaded, string UploadedBy);

/// <summary>POST /api/cases/{id}/files: the scan job and the stored files.</summary>
public sealed record WorkspaceUpload(long Job, IReadOnlyList<long> Files);

/// <summary>GET /api/jobs/{id} and each server-sent event.</summary>
public sealed record WorkspaceJob(long Id, JobState State, double Progress, string? Error);

/// <summary>POST /api/cases/{id}/reveal: one finding's value (audited before it is sent).</summary>
public sealed record WorkspaceReveal(string Finding, string Kind, string Value);

/// <summary>
/// A finding of the summary: its name for reveal, its kind's code and the value masked. The kind stays a code: a
/// finding of a column the scanner could not place has a kind no <see cref="Identifiers.IdentifierKind"/> names.
/// </summary>
public sealed record WorkspaceFinding(string Finding, string Kind, string Masked);

/// <summary>The known-leak comparison beside a case's summary (`compare`'s figures).</summary>
public sealed record WorkspaceComparison(long Identifiers, long Known, long New, string? SameAs, string? EarliestFirstSeen, FreshnessGrade Freshness, IReadOnlyList<string> FreshnessReasons, IReadOnlyList<WorkspaceOverlap> Datasets, IReadOnlyList<WorkspaceFreshnessSignal> FreshnessSignals);

/// <summary>
/// One freshness reason as data (Tracemark.Store's FreshnessReason: the signal in snake_case and its figures), one per
/// entry of freshness_reasons, so that the page words it in its own language.
/// </summary>
public sealed record WorkspaceFreshnessSignal(FreshnessSignalCode Signal, double Share, long Identifiers, string? Newest, int Days, string Seen, double Limit);

/// <summary>One caveat of the trace as data (Tracemark.Tracing's TraceCaveat), one per entry of the trace's caveats.</summary>
public sealed record WorkspaceTraceCaveat(TraceCaveatCode Caveat, int Count);

/// <summary>A known dataset the case's identifiers overlap.</summary>
public sealed record WorkspaceOverlap(string Name, string Category, string Seen, long Overlap, double ShareOfInput);

/// <summary>
/// The intel view of a case's posts files (`tracemark intel` of them): posts by goods and type, the actors with their
/// offers and prices (handles masked as `intel` masks them without --reveal), and the market by month.
/// </summary>
public sealed record WorkspaceIntelView(long Posts, long TradePosts, IReadOnlyList<WorkspaceIntelFile> Files, IReadOnlyList<WorkspaceGoods> Goods, long SampleIdentifiers, long SamplesKnown, IReadOnlyList<WorkspaceIntelActor> Actors, IReadOnlyList<WorkspaceMarket> Market, IReadOnlyList<WorkspaceIntelProblem> Problems);

/// <summary>A posts file of the intel view and the format it was read as.</summary>
public sealed record WorkspaceIntelFile(string Name, IntelFileFormat Format);

/// <summary>The trade posts of one kind of goods.</summary>
public sealed record WorkspaceGoods(GoodsKind Goods, long Offers, long Requests, long Services, long Priced, long WithSamples);

/// <summary>One actor of the intel view (its handles masked).</summary>
public sealed record WorkspaceIntelActor(string Id, int Accounts, int Posts, int Offers, int Requests, int Services, IReadOnlyDictionary<GoodsKind, int> Goods, IReadOnlyDictionary<TradeCategory, int> Categories, long Volume, double? PriceMin, double? PriceMax, string? FirstSeen, string? LastSeen, IReadOnlyList<WorkspaceHandle> Handles);

/// <summary>A contact or payment handle of an actor, masked.</summary>
public sealed record WorkspaceHandle(HandleKind Kind, string Value, bool Escrow);

/// <summary>The market of one month, goods, category and freshness.</summary>
public sealed record WorkspaceMarket(string Month, GoodsKind Goods, TradeCategory Category, OfferFreshness Freshness, int Offers, int Priced, double? MedianPrice, double? MinPrice, double? MaxPrice, long Volume);

/// <summary>What intel could not read in a posts file.</summary>
public sealed record WorkspaceIntelProblem(string Source, string Where, string Message);

/// <summary>The incident opened for a case, and the job that adds the case's evidence files to it (null when it has none yet).</summary>
public sealed record WorkspaceIncidentOpened(string Incident, long? Job);

/// <summary>
/// One entry of the audit log (GET /api/audit), chained by its hash. recorded_action is written only when the stored
/// action is none the server knows (action "unrecognised"): the entry is shown as it was recorded rather than refused.
/// </summary>
public sealed record WorkspaceAuditEntry(
    long Id,
    string At,
    string Actor,
    long? Case,
    WorkspaceAuditAction Action,
    string Detail,
    string Hash,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RecordedAction = null)
{
    /// <summary>The action's text as the log holds it (for the audit page).</summary>
    [JsonIgnore]
    public string ActionText => RecordedAction ?? WorkspaceValues.Code(Action);
}

/// <summary>Why the server refused or failed a request.</summary>
public sealed record WorkspaceError(string Error);

/// <summary>`tracemark server user add --json`.</summary>
public sealed record UserAdded(string User, string Token);

/// <summary>`tracemark server audit verify --json`.</summary>
public sealed record AuditVerified(bool Intact, long Entries, long? BrokenAt, string? Problem);
