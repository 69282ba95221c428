using Npgsql;
using Tracemark.Store.Tests;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace.Tests;

/// <summary>The audit log: append-only for every role, and a chain that shows any edit made around that.</summary>
[Collection("workspace")]
public sealed class AuditTests(Workspace ws)
{
    private static string Sql(PostgresServer pg, string url) => $"Host=127.0.0.1;Port={pg.Port};Username=postgres;Database={url[(url.LastIndexOf('/') + 1)..]};Pooling=false";

    private static void Execute(string connection, string sql)
    {
        using var c = new NpgsqlConnection(connection);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    private static string Chained(IWorkspace db, int entries)
    {
        for (var i = 1; i <= entries; i++)
        {
            db.Append("wang", 1, "summary.read", $"read number {i}", $"2026-12-07T02:0{i % 10}:00.000Z");
        }

        return db.Description;
    }

    [Fact]
    public void An_intact_chain_verifies()
    {
        var url = ws.Postgres.NewDatabase();
        using (var db = Workspaces.OpenPostgres(url))
        {
            Chained(db, 5);
        }

        var verified = WorkspaceAdmin.VerifyAudit(url);
        Assert.True(verified.Intact);
        Assert.Equal(5, verified.Entries);
        Assert.Null(verified.BrokenAt);
    }

    [Fact]
    public void Update_delete_and_truncate_are_refused_even_to_the_owner()
    {
        var url = ws.Postgres.NewDatabase();
        using (var db = Workspaces.OpenPostgres(url))
        {
            Chained(db, 3);
        }

        var sql = Sql(ws.Postgres, url);
        foreach (var change in new[] { "UPDATE tracemark.ws_audit SET detail = 'nothing' WHERE id = 2", "DELETE FROM tracemark.ws_audit WHERE id = 2", "TRUNCATE tracemark.ws_audit" })
        {
            var refused = Assert.Throws<PostgresException>(() => Execute(sql, change));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.True(WorkspaceAdmin.VerifyAudit(url).Intact);
    }

    [Fact]
    public void A_row_edited_by_a_superuser_around_the_trigger_breaks_the_chain_at_that_entry()
    {
        var url = ws.Postgres.NewDatabase();
        using (var db = Workspaces.OpenPostgres(url))
        {
            Chained(db, 6);
        }

        Execute(Sql(ws.Postgres, url), "SET session_replication_role = replica; UPDATE tracemark.ws_audit SET actor = 'someone else' WHERE id = 4");
        var verified = WorkspaceAdmin.VerifyAudit(url);
        Assert.False(verified.Intact);
        Assert.Equal(4, verified.BrokenAt);
        Assert.Contains("entry 4", verified.Problem, StringComparison.Ordinal);
        Assert.Contains("\"intact\":false", WorkspaceAdmin.ToJson(verified), StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_row_breaks_the_link_of_the_entry_after_it()
    {
        var url = ws.Postgres.NewDatabase();
        using (var db = Workspaces.OpenPostgres(url))
        {
            Chained(db, 6);
        }

        Execute(Sql(ws.Postgres, url), "SET session_replication_role = replica; DELETE FROM tracemark.ws_audit WHERE id = 3");
        var verified = WorkspaceAdmin.VerifyAudit(url);
        Assert.False(verified.Intact);
        Assert.Equal(4, verified.BrokenAt);
    }

    [Fact]
    public async Task Concurrent_appends_make_one_unbroken_chain()
    {
        var url = ws.Postgres.NewDatabase();
        using (var db = Workspaces.OpenPostgres(url))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
            {
                for (var i = 0; i < 10; i++)
                {
                    db.Append($"user{w}", w, "case.read", $"read {i}", "2026-12-07T02:00:00.000Z");
                }
            })));
        }

        var verified = WorkspaceAdmin.VerifyAudit(url);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(80, verified.Entries);
    }
}
