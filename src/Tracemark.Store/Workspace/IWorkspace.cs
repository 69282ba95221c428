namespace Tracemark.Store.Workspace;

/// <summary>A workspace user with the hashes of their API token and (optional) password, as stored.</summary>
public sealed record WorkspaceUser(long Id, string Name, string Role, string TokenHash, string? PasswordHash);

/// <summary>A case as one member sees it: <paramref name="Role"/> is that member's role in it.</summary>
public sealed record CaseRecord(long Id, string Name, string Created, string Role);

/// <summary>One member of a case and their role in it.</summary>
public sealed record CaseMember(string User, string Role);

/// <summary>An uploaded evidence file: its original name, size and SHA-256; the bytes are on disk under its id.</summary>
public sealed record EvidenceFile(long Id, long Case, string Name, long Bytes, string Sha256, string Uploaded, string UploadedBy);

/// <summary>
/// A scan job: state queued|running|done|failed, progress 0–1, a plain error, and the masked result JSON once done.
/// </summary>
public sealed record JobRecord(long Id, long Case, string State, double Progress, string? Error, string Created, string? Finished, string? Result);

/// <summary>One audit entry: who did what to which case, and the hash chaining it to the entry before.</summary>
public sealed record AuditEntry(long Id, string At, string Actor, long? Case, string Action, string Detail, string PreviousHash, string Hash);

/// <summary>An audit entry to append: who did what to which case, and when.</summary>
public sealed record AuditRecord(string Actor, long? Case, string Action, string Detail, string At);

/// <summary>Where the audit chain is broken, and how.</summary>
public sealed record AuditBreak(long Entry, string Reason);

/// <summary>
/// The investigator workspace's tables (docs/server.md): users, cases and their members, evidence files, scan jobs,
/// and an append-only, hash-chained audit log. PostgreSQL only — the workspace is a team service. Safe to call from
/// many threads: each call takes its own pooled connection.
/// </summary>
public interface IWorkspace : IDisposable
{
    /// <summary>"PostgreSQL host:port/db", for messages.</summary>
    string Description { get; }

    /// <summary>
    /// Adds a user; a name already taken is refused with a <see cref="StoreException"/>. The token's id (its public
    /// part) finds the user; only a hash of the token's secret is kept.
    /// </summary>
    long AddUser(string name, string role, string tokenId, string tokenHash, string? passwordHash, string created);

    WorkspaceUser? FindUser(string name);

    WorkspaceUser? FindUser(long id);

    WorkspaceUser? FindUserByToken(string tokenId);

    /// <summary>Opens a case with its creator as lead; a name already taken is refused.</summary>
    long CreateCase(string name, long creator, string created);

    /// <summary>The cases <paramref name="user"/> is a member of, with their role in each.</summary>
    IReadOnlyList<CaseRecord> Cases(long user);

    /// <summary>The case as <paramref name="user"/> sees it, or null when they are not a member (or it does not exist).</summary>
    CaseRecord? FindCase(long caseId, long user);

    /// <summary>Adds a member or changes their role.</summary>
    void SetMember(long caseId, long user, string role);

    IReadOnlyList<CaseMember> Members(long caseId);

    long AddFile(long caseId, string name, long bytes, string sha256, string uploaded, long uploadedBy);

    IReadOnlyList<EvidenceFile> Files(long caseId);

    long QueueJob(long caseId, string created);

    JobRecord? Job(long id);

    IReadOnlyList<JobRecord> Jobs(long caseId);

    /// <summary>Jobs queued or left running by a stopped server, oldest first.</summary>
    IReadOnlyList<JobRecord> Unfinished();

    void UpdateJob(long id, string state, double progress, string? problem, string? result, string? finished);

    /// <summary>The newest job of the case that finished, or null.</summary>
    JobRecord? LatestDone(long caseId);

    /// <summary>
    /// Appends one entry, chained to the last: hash = SHA-256(previous hash ‖ the entry's fields). Entries are
    /// serialised by a table lock so the chain has no forks.
    /// </summary>
    AuditEntry Append(string actor, long? caseId, string action, string detail, string at);

    /// <summary>
    /// Appends the entries in their order, chained one to the next and to the last entry before them, in one
    /// transaction: all are written or none. Under the same table lock as <see cref="Append(string, long?, string, string, string)"/>, taken once.
    /// </summary>
    IReadOnlyList<AuditEntry> Append(IReadOnlyList<AuditRecord> entries);

    /// <summary>The case as <paramref name="user"/> sees it, or null (as <see cref="FindCase"/>), without holding a thread while the database answers.</summary>
    Task<CaseRecord?> FindCaseAsync(long caseId, long user, CancellationToken cancellation);

    /// <summary>The newest finished job of the case (as <see cref="LatestDone"/>), without holding a thread while the database answers.</summary>
    Task<JobRecord?> LatestDoneAsync(long caseId, CancellationToken cancellation);

    /// <summary>The case's entries, newest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<AuditEntry> Audit(long caseId, int limit);

    /// <summary>Walks the whole chain; the first entry whose hash or link does not hold, or null when all do.</summary>
    AuditBreak? Verify(out long entries);
}
