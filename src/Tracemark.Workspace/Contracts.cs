using System.Text.Json.Serialization;

namespace Tracemark.Workspace;

// The server's answers are Tracemark.Reports records (WorkspaceReports.cs), written through ReportJson. What stays here
// is what is not an output: the request bodies it reads and the case state files it keeps in its data folder.

/// <summary>POST /api/cases.</summary>
internal sealed record NewCase(string? Name);

/// <summary>POST /api/cases/{id}/members.</summary>
internal sealed record NewMember(string? User, string? Role);

/// <summary>POST /api/cases/{id}/reveal.</summary>
internal sealed record RevealRequest(string? Finding);

/// <summary>POST /api/cases/{id}/incident: what `tracemark incident open` takes (the name defaults to case-ID).</summary>
internal sealed record NewIncident(string? Name, string? Discovered, string? Operator, decimal? Loss, string? OwnerContact, string? Entity, string? System);

/// <summary>
/// A case's incident (DATA/results/case-ID.incident.json): its name in the known-leak store, the evidence files
/// already added to it, and what the last additions could not read.
/// </summary>
internal sealed record CaseIncidentJson(string Name, IReadOnlyList<long> Files, IReadOnlyList<string> Problems);

/// <summary>The request bodies and the case state files (DATA/results/…): inputs, read and written only here.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NewCase))]
[JsonSerializable(typeof(NewMember))]
[JsonSerializable(typeof(RevealRequest))]
[JsonSerializable(typeof(NewIncident))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
[JsonSerializable(typeof(CaseIncidentJson))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WorkspaceJson : JsonSerializerContext;
