using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tracemark.Reports;

/// <summary>
/// Writes the contracts: indented, snake_case names, non-ASCII text (Chinese) as it is rather than \u escapes, the
/// serialisation code generated at build time (no reflection, trimming-safe). Every JSON a command prints or a server
/// answers goes through here, so one change of settings cannot make the CLI and the servers drift apart.
/// </summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ReportsContext.Default,
    };

    private static readonly JsonSerializerOptions Compact = new(Indented) { WriteIndented = false };

    // The team server answers as ASP.NET Core writes JSON by default (one line, HTML-sensitive and non-ASCII characters
    // escaped as \u003C, \u5408): the bytes its clients and pages have always been sent.
    private static readonly JsonSerializerOptions Escaped = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = ReportsContext.Default,
    };

    /// <summary>Every contract's serialisation metadata, for a host's own settings (the team server's OpenAPI document).</summary>
    public static IJsonTypeInfoResolver Contracts => ReportsContext.Default;

    /// <summary>
    /// A contract's metadata for writing on one line with HTML-sensitive and non-ASCII characters escaped: how the team
    /// server answers (Results.Json, server-sent events, `tracemark server … --json`).
    /// </summary>
    public static JsonTypeInfo<T> EscapedInfo<T>() => Info<T>(Escaped);

    /// <summary>The report as indented JSON text (what --json prints).</summary>
    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Info<T>(Indented));

    /// <summary>The report on one line (JSON Lines, server answers).</summary>
    public static string SerializeLine<T>(T report) => JsonSerializer.Serialize(report, Info<T>(Compact));

    /// <summary>Writes the report to a stream as UTF-8, indented or on one line.</summary>
    public static void Write<T>(T report, Stream output, bool indented = true) =>
        JsonSerializer.Serialize(output, report, Info<T>(indented ? Indented : Compact));

    /// <summary>
    /// A writer for <see cref="Write{T}(T, Utf8JsonWriter)"/> with the one-line settings every contract line is written
    /// with (non-ASCII text as it is), for callers that reuse one writer over a buffer line after line.
    /// </summary>
    public static Utf8JsonWriter LineWriter(IBufferWriter<byte> output) =>
        new(output, new JsonWriterOptions { Encoder = Compact.Encoder, SkipValidation = true });

    /// <summary>
    /// Writes the report into a writer the caller owns and reuses (identify's JSON Lines, written part by part on
    /// every core); the writer's own settings (indentation, escaping) apply.
    /// </summary>
    public static void Write<T>(T report, Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, report, Info<T>(Compact));

    /// <summary>Writes the report to a stream as UTF-8 on one line, asynchronously (server answers).</summary>
    public static Task WriteLineAsync<T>(T report, Stream output, CancellationToken cancellation = default) =>
        JsonSerializer.SerializeAsync(output, report, Info<T>(Compact), cancellation);

    /// <summary>Reads back a report written on one line (the guard's alert ledger).</summary>
    public static T ReadLine<T>(string json) => JsonSerializer.Deserialize(json, Info<T>(Compact))
        ?? throw new JsonException($"a {typeof(T).Name} is null");

    private static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) =>
        options.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a contract: add it to ReportsContext");
}

/// <summary>The generated serialisation code of every contract record (add each new report here).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ProblemsReport))]
[JsonSerializable(typeof(ScanReport))]
[JsonSerializable(typeof(ScanWithStoreReport))]
[JsonSerializable(typeof(IngestReport))]
[JsonSerializable(typeof(IReadOnlyList<ComparisonReport>))]
[JsonSerializable(typeof(IReadOnlyList<DatasetReport>))]
[JsonSerializable(typeof(PublishReport))]
[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(AttributionReport))]
[JsonSerializable(typeof(FraudLinkReport))]
[JsonSerializable(typeof(IReadOnlyList<FraudWhoReport>))]
[JsonSerializable(typeof(FraudSampleReport))]
[JsonSerializable(typeof(FraudImportReport))]
// identify, eval trace/guard, incident, audit (IdentifyReports.cs, EvaluationReports.cs, IncidentReports.cs)
[JsonSerializable(typeof(EvalTraceReport))]
[JsonSerializable(typeof(IReadOnlyList<EvalGuardReport>))]
[JsonSerializable(typeof(IncidentDocument))]
[JsonSerializable(typeof(IReadOnlyList<IncidentListEntry>))]
[JsonSerializable(typeof(AuditDocument))]
[JsonSerializable(typeof(IdentifyReport))]
[JsonSerializable(typeof(IReadOnlyList<IdentifyReport>))]
// guard (GuardReports.cs)
[JsonSerializable(typeof(GuardAlertReport))]
[JsonSerializable(typeof(GuardTruthReport))]

// intel (IntelReports.cs)
[JsonSerializable(typeof(IntelPostReport))]
[JsonSerializable(typeof(IReadOnlyList<ActorReport>))]
[JsonSerializable(typeof(IntelMarketReport))]
[JsonSerializable(typeof(IntelEvalReport))]
[JsonSerializable(typeof(LabelledEvalReport))]
[JsonSerializable(typeof(CrossValidationEvalReport))]
[JsonSerializable(typeof(ActorGraphReport))]
// synth (SynthReports.cs)
[JsonSerializable(typeof(SynthManifestReport))]
[JsonSerializable(typeof(CredentialManifestReport))]
[JsonSerializable(typeof(FraudManifestReport))]
[JsonSerializable(typeof(IReadOnlyList<OwnerScenarioReport>))]
[JsonSerializable(typeof(PostTruthReport))]
[JsonSerializable(typeof(RecordTruthReport))]
[JsonSerializable(typeof(CredentialTruthReport))]
// the team server (WorkspaceReports.cs)
[JsonSerializable(typeof(WorkspaceCreated))]
[JsonSerializable(typeof(IReadOnlyList<WorkspaceCase>))]
[JsonSerializable(typeof(WorkspaceCaseDetail))]
[JsonSerializable(typeof(IReadOnlyList<WorkspaceFile>))]
[JsonSerializable(typeof(WorkspaceUpload))]
[JsonSerializable(typeof(WorkspaceJob))]
[JsonSerializable(typeof(WorkspaceReveal))]
[JsonSerializable(typeof(IReadOnlyList<WorkspaceFinding>))]
[JsonSerializable(typeof(WorkspaceComparison))]
[JsonSerializable(typeof(IReadOnlyList<WorkspaceTraceCaveat>))]
[JsonSerializable(typeof(WorkspaceIntelView))]
[JsonSerializable(typeof(WorkspaceIncidentOpened))]
[JsonSerializable(typeof(IReadOnlyList<WorkspaceAuditEntry>))]
[JsonSerializable(typeof(WorkspaceError))]
[JsonSerializable(typeof(UserAdded))]
[JsonSerializable(typeof(AuditVerified))]
internal sealed partial class ReportsContext : JsonSerializerContext;
