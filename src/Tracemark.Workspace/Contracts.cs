using System.Text.Json.Serialization;

namespace Tracemark.Workspace;

/// <summary>POST /api/cases.</summary>
internal sealed record NewCase(string? Name);

/// <summary>An id the server gave.</summary>
internal sealed record Created(long Id);

/// <summary>A case as the asking member sees it.</summary>
internal sealed record CaseJson(long Id, string Name, string Role, string Created);

/// <summary>GET /api/cases/{id}.</summary>
internal sealed record CaseDetailJson(long Id, string Name, string Role, string Created, IReadOnlyList<MemberJson> Members);

internal sealed record MemberJson(string User, string Role);

/// <summary>POST /api/cases/{id}/members.</summary>
internal sealed record NewMember(string? User, string? Role);

internal sealed record FileJson(long Id, string Name, long Bytes, string Sha256, string Uploaded, string UploadedBy);

/// <summary>POST /api/cases/{id}/files: the scan job and the stored files.</summary>
internal sealed record UploadJson(long Job, IReadOnlyList<long> Files);

/// <summary>GET /api/jobs/{id} and each server-sent event.</summary>
internal sealed record JobJson(long Id, string State, double Progress, string? Error);

/// <summary>POST /api/cases/{id}/reveal.</summary>
internal sealed record RevealRequest(string? Finding);

internal sealed record RevealJson(string Finding, string Kind, string Value);

/// <summary>A finding of the summary: its name for reveal, its kind, and the value masked.</summary>
internal sealed record FindingJson(string Finding, string Kind, string Masked);

/// <summary>The known-leak comparison beside a case's summary (`compare`'s figures).</summary>
internal sealed record ComparisonJson(long Identifiers, long Known, long New, string? SameAs, string? EarliestFirstSeen, string Freshness, IReadOnlyList<string> FreshnessReasons, IReadOnlyList<OverlapJson> Datasets);

internal sealed record OverlapJson(string Name, string Category, string Seen, long Overlap, double ShareOfInput);

/// <summary>
/// The intel view of a case's posts files (`tracemark intel` of them): posts by goods and type, the actors with their
/// offers and prices (handles masked as `intel` masks them without --reveal), and the market by month.
/// </summary>
internal sealed record IntelViewJson(long Posts, long TradePosts, IReadOnlyList<IntelFileJson> Files, IReadOnlyList<GoodsJson> Goods, long SampleIdentifiers, long SamplesKnown, IReadOnlyList<IntelActorJson> Actors, IReadOnlyList<MarketJson> Market, IReadOnlyList<IntelProblemJson> Problems);

internal sealed record IntelFileJson(string Name, string Format);

internal sealed record GoodsJson(string Goods, long Offers, long Requests, long Services, long Priced, long WithSamples);

internal sealed record IntelActorJson(string Id, int Accounts, int Posts, int Offers, int Requests, int Services, IReadOnlyDictionary<string, int> Goods, IReadOnlyDictionary<string, int> Categories, long Volume, double? PriceMin, double? PriceMax, string? FirstSeen, string? LastSeen, IReadOnlyList<HandleJson> Handles);

internal sealed record HandleJson(string Kind, string Value, bool Escrow);

internal sealed record MarketJson(string Month, string Goods, string Category, string Freshness, int Offers, int Priced, double? MedianPrice, double? MinPrice, double? MaxPrice, long Volume);

internal sealed record IntelProblemJson(string Source, string Where, string Message);

/// <summary>POST /api/cases/{id}/incident: what `tracemark incident open` takes (the name defaults to case-ID).</summary>
internal sealed record NewIncident(string? Name, string? Discovered, string? Operator, decimal? Loss, string? OwnerContact, string? Entity, string? System);

/// <summary>The incident opened for a case, and the job that adds the case's evidence files to it (null when it has none yet).</summary>
internal sealed record IncidentOpened(string Incident, long? Job);

/// <summary>
/// A case's incident (DATA/results/case-ID.incident.json): its name in the known-leak store, the evidence files
/// already added to it, and what the last additions could not read.
/// </summary>
internal sealed record CaseIncidentJson(string Name, IReadOnlyList<long> Files, IReadOnlyList<string> Problems);

internal sealed record AuditJson(long Id, string At, string Actor, long? Case, string Action, string Detail, string Hash);

/// <summary>`tracemark server user add --json`.</summary>
public sealed record UserAdded(string User, string Token);

/// <summary>`tracemark server audit verify --json`.</summary>
public sealed record AuditVerified(bool Intact, long Entries, long? BrokenAt, string? Problem);

internal sealed record ErrorJson(string Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NewCase))]
[JsonSerializable(typeof(Created))]
[JsonSerializable(typeof(CaseJson))]
[JsonSerializable(typeof(IReadOnlyList<CaseJson>))]
[JsonSerializable(typeof(CaseDetailJson))]
[JsonSerializable(typeof(NewMember))]
[JsonSerializable(typeof(IReadOnlyList<FileJson>))]
[JsonSerializable(typeof(UploadJson))]
[JsonSerializable(typeof(JobJson))]
[JsonSerializable(typeof(RevealRequest))]
[JsonSerializable(typeof(RevealJson))]
[JsonSerializable(typeof(IReadOnlyList<FindingJson>))]
[JsonSerializable(typeof(ComparisonJson))]
[JsonSerializable(typeof(IntelViewJson))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
[JsonSerializable(typeof(IReadOnlyList<AuditJson>))]
[JsonSerializable(typeof(UserAdded))]
[JsonSerializable(typeof(AuditVerified))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(NewIncident))]
[JsonSerializable(typeof(IncidentOpened))]
[JsonSerializable(typeof(CaseIncidentJson))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WorkspaceJson : JsonSerializerContext;
