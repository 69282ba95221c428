using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Store.Workspace;
using Tracemark.Tests;

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
    public async Task An_action_the_server_does_not_know_is_shown_as_recorded_not_refused()
    {
        // The log is a legal record: an entry written by a newer server (or by hand) with an action this one does not
        // name must still be listed, with its text as stored, in the API and on the page.
        var id = await ws.NewCase("unknown audit action");
        using (var db = Workspaces.OpenPostgres(ws.Database))
        {
            db.Append("lead", id, "case.archive", "archived by a later release", "2026-12-08T01:00:00.000Z");
        }

        using var lead = ws.Client("lead");
        var entries = (await lead.GetFromJsonAsync<JsonElement>($"api/audit?case={id}")).EnumerateArray().ToList();
        var archived = entries.Single(e => e.GetProperty("detail").GetString() == "archived by a later release");
        Assert.Equal("unrecognised", archived.GetProperty("action").GetString());
        Assert.Equal("case.archive", archived.GetProperty("recorded_action").GetString());
        var known = entries.Where(e => e.GetProperty("action").GetString() == "member.set").ToList();
        Assert.NotEmpty(known);
        Assert.All(known, e => Assert.False(e.TryGetProperty("recorded_action", out _), "a known action carries no recorded_action"));

        var page = await lead.GetStringAsync(new Uri($"cases/{id}/audit", UriKind.Relative));
        Assert.Contains(">case.archive</td>", page, StringComparison.Ordinal);
        Assert.Contains(">member.set</td>", page, StringComparison.Ordinal);
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

    [Fact]
    public void A_batch_is_chained_in_its_order_after_the_entries_before_it_and_verifies()
    {
        var url = ws.Postgres.NewDatabase();
        using (var db = Workspaces.OpenPostgres(url))
        {
            var before = db.Append("wang", 1, "case.read", "before", "2026-12-07T02:00:00.000Z");
            var batch = db.Append([.. Enumerable.Range(0, 5).Select(i => new AuditRecord($"user{i}", i == 2 ? null : 1, "summary.read", $"batch {i}", "2026-12-07T02:01:00.000Z"))]);
            var after = db.Append("li", 1, "case.read", "after", "2026-12-07T02:02:00.000Z");

            Assert.Equal(["batch 0", "batch 1", "batch 2", "batch 3", "batch 4"], batch.Select(e => e.Detail));
            Assert.Null(batch[2].Case);
            var chain = new[] { before }.Concat(batch).Append(after).ToList();
            for (var i = 1; i < chain.Count; i++)
            {
                Assert.True(chain[i].Id > chain[i - 1].Id);
                Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
            }

            Assert.Empty(db.Append([]));
            Assert.Equal(chain.Where(e => e.Case == 1).Select(e => e.Hash).Reverse(), db.Audit(1, 100).Select(e => e.Hash));
        }

        var verified = WorkspaceAdmin.VerifyAudit(url);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(7, verified.Entries);
    }

    [Fact]
    public async Task The_servers_batching_writer_and_direct_appends_make_one_unbroken_chain()
    {
        var url = ws.Postgres.NewDatabase();
        using (var db = Workspaces.OpenPostgres(url))
        {
            var log = new AuditLog(db);
            await using (log)
            {
                // 400 requests' entries at once from many threads, while others append one by one beside them.
                var batched = Enumerable.Range(0, 400).Select(i => Task.Run(() => log.Write($"reader{i % 7}", i % 3, "summary.read", $"batched {i}")));
                var direct = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
                {
                    for (var i = 0; i < 10; i++)
                    {
                        db.Append($"lead{w}", 9, "reveal", $"direct {w}.{i}", WorkspaceAdmin.Now());
                    }
                }));
                await Task.WhenAll(batched.Concat(direct));
            }

            var details = new[] { 0L, 1, 2, 9 }.SelectMany(c => db.Audit(c, 1000)).Select(e => e.Detail).ToList();
            Assert.Equal(440, details.Count);
            Assert.Equal(440, details.Distinct(StringComparer.Ordinal).Count());
        }

        var verified = WorkspaceAdmin.VerifyAudit(url);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(440, verified.Entries);
    }

    [Fact]
    public async Task An_entry_the_database_refuses_fails_its_own_request_only_and_the_writer_goes_on()
    {
        var url = ws.Postgres.NewDatabase();
        using var db = Workspaces.OpenPostgres(url);
        var log = new AuditLog(db);
        await using (log)
        {
            // PostgreSQL text cannot hold U+0000: this entry cannot be committed, whatever batch it lands in.
            var writes = Enumerable.Range(0, 50).Select(i => log.Write("wang", 1, "summary.read", i == 25 ? "bad \0 entry" : $"good {i}")).ToList();
            var refused = await Assert.ThrowsAsync<StoreException>(() => writes[25]);
            Assert.Contains("workspace database", refused.Message, StringComparison.Ordinal);
            await Task.WhenAll(writes.Where((_, i) => i != 25));
            await log.Write("wang", 1, "summary.read", "after");
        }

        Assert.Equal(50, db.Audit(1, 100).Count);
        Assert.True(WorkspaceAdmin.VerifyAudit(url).Intact);
    }
}

/// <summary>
/// The audit chain as the API writes it (Mvc.Testing's TestServer over a database of its own, so that breaking the
/// chain touches no other test): the entries of a case's life verify, and a superuser's edit of the reveal entry —
/// made around the append-only trigger — is found at that very entry.
/// </summary>
[Collection("hosted workspace")]
public sealed class AuditChainTests(HostedWorkspace ws)
{
    [Fact]
    public async Task An_edit_of_the_reveal_entry_the_API_wrote_breaks_the_chain_at_that_entry()
    {
        var url = ws.Postgres.NewDatabase();
        var token = WorkspaceAdmin.AddUser(url, "lead", "lead", Workspace.Password).Token;
        WorkspaceAdmin.AddUser(url, "analyst", "analyst", Workspace.Password);
        using var data = new TempDir("workspace-chain");
        await using var factory = new WorkspaceFactory(Workspace.Options(url, data.Path));
        var server = factory.Start();
        using var lead = factory.CreateDefaultClient(server.BaseAddress);
        lead.DefaultRequestHeaders.Authorization = new("Bearer", token);

        using var created = await lead.PostAsJsonAsync("api/cases", new { name = "chain" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using (var added = await lead.PostAsJsonAsync($"api/cases/{id}/members", new { user = "analyst", role = "analyst" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        }

        using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(Workspace.Sample("courier-waybills.csv"))), "file", "courier-waybills.csv" } };
        using var uploaded = await lead.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), form);
        var (last, _) = await Workspace.FollowJob(lead, (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetInt64());
        Assert.Equal("done", last.GetProperty("state").GetString());
        using (var revealed = await lead.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding = "mobile:0" }))
        {
            Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        }

        var entries = await lead.GetFromJsonAsync<JsonElement>($"api/audit?case={id}");
        var reveal = entries.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "reveal").GetProperty("id").GetInt64();
        var before = WorkspaceAdmin.VerifyAudit(url);
        Assert.True(before.Intact, before.Problem);
        Assert.True(before.Entries >= 4, $"{before.Entries} entries for a case with a member, an upload and a reveal");

        using (var c = new NpgsqlConnection($"Host=127.0.0.1;Port={ws.Postgres.Port};Username=postgres;Database={url[(url.LastIndexOf('/') + 1)..]};Pooling=false"))
        {
            c.Open();
            using var edit = new NpgsqlCommand($"SET session_replication_role = replica; UPDATE tracemark.ws_audit SET actor = 'analyst' WHERE id = {reveal}", c);
            Assert.Equal(1, edit.ExecuteNonQuery());
        }

        var after = WorkspaceAdmin.VerifyAudit(url);
        Assert.False(after.Intact);
        Assert.Equal(reveal, after.BrokenAt);
        Assert.Contains($"entry {reveal} was changed", after.Problem, StringComparison.Ordinal);
    }
}
