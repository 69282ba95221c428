using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tracemark.Intel;
using Tracemark.Store;
using Tracemark.Synthetic.Posts;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// Files uploaded as posts (kind=posts, in the query or as a form field before the files) are read by
/// Tracemark.Intel: the case's intel view must be what `tracemark intel` finds in the same files — posts, actors,
/// their offers and prices — with mobile and e-mail handles masked, a leak uploaded as evidence left out, and the
/// read audited.
/// </summary>
[Collection("traced workspace")]
public sealed class IntelTests(TracedWorkspace traced)
{
    [Fact]
    public async Task The_intel_view_is_intel_of_the_posts_files_with_handles_masked()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("posts");
        var forum = traced.Posts(PostFiles.ForumFile);
        var qq = traced.Posts(PostFiles.QqFile);
        Assert.Equal("done", (await ws.UploadAndWait(id, Workspace.Sample("courier-waybills.csv"))).Last.GetProperty("state").GetString());
        Assert.Equal("done", (await ws.UploadAsAndWait(id, "posts", forum)).Last.GetProperty("state").GetString());

        // The second posts file says its kind in a form field before the file part, as the page's upload form does.
        using var lead = ws.Client("lead");
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("posts"), "kind");
            form.Add(new StreamContent(File.OpenRead(qq)), "file", Path.GetFileName(qq));
            using var uploaded = await lead.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
            var job = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetInt64();
            Assert.Equal("done", (await Workspace.FollowJob(lead, job)).Last.GetProperty("state").GetString());
        }

        var text = await lead.GetStringAsync(new Uri($"api/cases/{id}/intel", UriKind.Relative));
        var got = JsonDocument.Parse(text).RootElement;
        using var store = KnownLeakStore.Open(traced.Location, create: false);
        using var expected = IntelRun.Run(new IntelOptions { Paths = [forum, qq], Store = store });

        Assert.Equal(expected.PostCount, got.GetProperty("posts").GetInt64());
        Assert.Equal(expected.TradePosts, got.GetProperty("trade_posts").GetInt64());
        Assert.Equal(["forum.jsonl", "水果交流群.txt"], got.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var trading = expected.Actors.Where(a => a.Offers + a.Requests + a.Services > 0).OrderByDescending(a => a.Posts).ThenBy(a => a.Id, StringComparer.Ordinal).Take(50).ToList();
        var actors = got.GetProperty("actors").EnumerateArray().ToList();
        Assert.True(trading.Count > 5, "the corpus has trading actors");
        Assert.Equal(trading.Count, actors.Count);
        for (var i = 0; i < trading.Count; i++)
        {
            var (want, have) = (trading[i], actors[i]);
            Assert.Equal(want.Id, have.GetProperty("id").GetString());
            Assert.Equal(want.Posts, have.GetProperty("posts").GetInt32());
            Assert.Equal(want.Offers, have.GetProperty("offers").GetInt32());
            Assert.Equal(want.Volume, have.GetProperty("volume").GetInt64());
            Assert.Equal(want.PriceMin, have.GetProperty("price_min").ValueKind == JsonValueKind.Null ? null : have.GetProperty("price_min").GetDouble());
            Assert.Equal(want.PriceMax, have.GetProperty("price_max").ValueKind == JsonValueKind.Null ? null : have.GetProperty("price_max").GetDouble());
            Assert.Equal(want.Handles.Select(h => h.Masked().Value), have.GetProperty("handles").EnumerateArray().Select(h => h.GetProperty("value").GetString()));
        }

        Assert.Contains(actors, a => a.GetProperty("price_min").ValueKind == JsonValueKind.Number);
        var personal = expected.Actors.SelectMany(a => a.Handles).Where(h => h.Kind is "mobile" or "email").Select(h => h.Value).ToList();
        Assert.NotEmpty(personal);
        Assert.All(personal, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));

        var audit = await lead.GetFromJsonAsync<JsonElement>($"api/audit?case={id}");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "intel.read");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "files.upload" && e.GetProperty("detail").GetString()!.Contains("of posts", StringComparison.Ordinal));

        var page = await lead.GetStringAsync(new Uri($"cases/{id}?lang=en", UriKind.Relative));
        Assert.Contains("id=\"intel-actors\"", page, StringComparison.Ordinal);
        Assert.Contains(trading[0].Id, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_without_posts_has_no_intel_view_and_a_bad_kind_is_refused()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("no posts");
        await ws.UploadAndWait(id, Workspace.Sample("courier-waybills.csv"));
        using var lead = ws.Client("lead");
        using var none = await lead.GetAsync(new Uri($"api/cases/{id}/intel", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("kind=posts", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var query = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("hello\n")), "file", "a.txt" } };
        using var badQuery = await lead.PostAsync(new Uri($"api/cases/{id}/files?kind=leak", UriKind.Relative), query);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        using var field = new MultipartFormDataContent { { new StringContent("chat"), "kind" }, { new ByteArrayContent(Encoding.UTF8.GetBytes("hello\n")), "file", "a.txt" } };
        using var badField = await lead.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), field);
        Assert.Equal(HttpStatusCode.BadRequest, badField.StatusCode);
        Assert.Contains("kind", await badField.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var files = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/files");
        Assert.Equal(1, files.GetArrayLength());
    }
}
