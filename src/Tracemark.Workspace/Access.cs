namespace Tracemark.Workspace;

/// <summary>What a request wants to do; each is allowed to some roles only (<see cref="Access.Allows"/>).</summary>
internal enum Operation
{
    CreateCase,
    ReadCase,
    SetMember,
    ReadFiles,
    Upload,
    ReadJob,
    ReadSummary,
    ReadTrace,
    ReadIntel,
    Reveal,
    ReadAudit,
    OpenIncident,
    ReadIncident,
}

/// <summary>
/// The roles and what each may do. A user's own role (from `user add`) decides only who may open cases (leads); in a
/// case, the role the user holds there decides the rest. Auditors read the audit log and not the case's data; viewers
/// read masked results and reveal nothing.
/// </summary>
internal static class Access
{
    public const string Analyst = "analyst";
    public const string Lead = "lead";
    public const string Auditor = "auditor";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> Roles = [Analyst, Lead, Auditor, Viewer];

    public static bool IsRole(string? role) => role is not null && Roles.Contains(role, StringComparer.Ordinal);

    public static bool Allows(string role, Operation operation) => operation switch
    {
        Operation.CreateCase => role == Lead,
        Operation.ReadCase => true,
        Operation.SetMember or Operation.OpenIncident => role == Lead,
        Operation.ReadFiles or Operation.ReadJob or Operation.ReadSummary or Operation.ReadTrace or Operation.ReadIntel or Operation.ReadIncident => role is Lead or Analyst or Viewer,
        Operation.Upload or Operation.Reveal => role is Lead or Analyst,
        Operation.ReadAudit => role is Lead or Auditor,
        _ => false,
    };
}
