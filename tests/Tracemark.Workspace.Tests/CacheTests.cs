using System.Net;
using System.Net.Http.Json;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// What the read path keeps in memory (<see cref="CaseCache{T}"/>: summaries and memberships) never outlives a change:
/// a role changed by a lead holds at the next read, and a read that began before a change does not store its answer.
/// </summary>
[Collection("workspace")]
public sealed class CacheTests(Workspace ws)
{
    [Fact]
    public async Task A_found_answer_is_kept_and_a_missing_one_asked_again()
    {
        var cache = new CaseCache<string>();
        var loads = 0;
        Task<string?> Load(string? value)
        {
            loads++;
            return Task.FromResult(value);
        }

        Assert.Equal("a", await cache.Get(1, 7, _ => Load("a"), default));
        Assert.Equal("a", await cache.Get(1, 7, _ => Load("b"), default));
        Assert.Equal(1, loads);
        Assert.Equal("c", await cache.Get(1, 8, _ => Load("c"), default));
        Assert.Null(await cache.Get(2, 7, _ => Load(null), default));
        Assert.Null(await cache.Get(2, 7, _ => Load(null), default));
        Assert.Equal(4, loads);
    }

    [Fact]
    public async Task A_change_drops_that_cases_answers_only()
    {
        var cache = new CaseCache<string>();
        await cache.Get(1, 7, _ => Task.FromResult<string?>("one"), default);
        await cache.Get(2, 7, _ => Task.FromResult<string?>("two"), default);
        cache.Changed(1);
        Assert.Equal("one again", await cache.Get(1, 7, _ => Task.FromResult<string?>("one again"), default));
        Assert.Equal("two", await cache.Get(2, 7, _ => Task.FromResult<string?>("not asked"), default));
    }

    [Fact]
    public async Task A_read_that_began_before_a_change_does_not_store_its_older_answer()
    {
        var cache = new CaseCache<string>();
        var slow = new TaskCompletionSource<string?>();
        var before = cache.Get(1, 7, _ => slow.Task, default);
        // The change lands while the first read still waits on the database, which then answers from before it.
        cache.Changed(1);
        slow.SetResult("before the change");
        Assert.Equal("before the change", await before);
        Assert.Equal("after the change", await cache.Get(1, 7, _ => Task.FromResult<string?>("after the change"), default));
    }

    [Fact]
    public async Task A_role_changed_by_the_lead_holds_at_the_very_next_read_of_the_summary()
    {
        var id = await ws.NewCase("cache-roles");
        await ws.UploadAndWait(id, Workspace.Sample("courier-waybills.csv"));
        using var lead = ws.Client("lead");
        using var viewer = ws.Client("viewer");
        var summary = new Uri($"api/cases/{id}/summary", UriKind.Relative);

        // Read twice as a viewer, so that both the membership and the summary are in memory.
        for (var i = 0; i < 2; i++)
        {
            using var read = await viewer.GetAsync(summary);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // An auditor reads the audit log, not the case's data.
        using (var demoted = await lead.PostAsJsonAsync($"api/cases/{id}/members", new { user = "viewer", role = "auditor" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
        }

        using (var refused = await viewer.GetAsync(summary))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var restored = await lead.PostAsJsonAsync($"api/cases/{id}/members", new { user = "viewer", role = "viewer" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }

        using var again = await viewer.GetAsync(summary);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
