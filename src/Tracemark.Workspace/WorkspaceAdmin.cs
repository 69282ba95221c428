using System.Globalization;
using Tracemark.Reports;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>The administration the CLI does without the server running: users, and checking the audit chain.</summary>
public static class WorkspaceAdmin
{
    /// <summary>Creates a user and returns their API token (shown once: only its hash is kept).</summary>
    public static UserAdded AddUser(string database, string name, string role, string? password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Access.IsRole(role))
        {
            throw new ArgumentException($"--role {role}: use one of {string.Join(", ", Access.Roles)}");
        }

        if (password is { Length: < 8 })
        {
            throw new ArgumentException("--password: use at least 8 characters");
        }

        using var db = Workspaces.OpenPostgres(database);
        var (id, token, secret) = Secrets.NewToken();
        db.AddUser(name.Trim(), role, id, Secrets.Hash(secret), password is null ? null : Secrets.Hash(password), Now());
        return new UserAdded(name.Trim(), token);
    }

    /// <summary>Walks the audit chain from its first entry.</summary>
    public static AuditVerified VerifyAudit(string database)
    {
        using var db = Workspaces.OpenPostgres(database);
        var broken = db.Verify(out var entries);
        return new AuditVerified(broken is null, entries, broken?.Entry, broken?.Reason);
    }

    /// <summary>The JSON of a result, in the snake_case contract.</summary>
    public static string ToJson(UserAdded added) => System.Text.Json.JsonSerializer.Serialize(added, ReportJson.EscapedInfo<UserAdded>());

    /// <inheritdoc cref="ToJson(UserAdded)"/>
    public static string ToJson(AuditVerified verified) => System.Text.Json.JsonSerializer.Serialize(verified, ReportJson.EscapedInfo<AuditVerified>());

    internal static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
