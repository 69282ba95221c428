using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Tests;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// A server with a known-leak store: the case's comparison, built from the tags its uploads left, must give the
/// figures `compare` gives for all the case's files at once — known, new, overlap per dataset, first seen, same-as.
/// </summary>
[Collection("workspace")]
public sealed class ComparisonTests(Workspace ws)
{
    [Fact]
    public async Task The_comparison_of_a_case_uploaded_file_by_file_is_compare_of_all_its_files()
    {
        using var dir = new TempDir("ws-compare");
        var location = new StoreLocation(dir.File("known.db"), dir.File("known.key"));
        var seen = new DateOnly(2026, 10, 1);
        var courier = Workspace.Sample("courier-waybills.csv");
        var hotel = Workspace.Sample("hotel-checkins.txt");
        using (var store = KnownLeakStore.Open(location, create: true))
        {
            store.Ingest(new ScanOptions { Paths = [courier] }, "courier-2026", "courier", seen, null);
        }

        var database = ws.Postgres.NewDatabase();
        var token = WorkspaceAdmin.AddUser(database, "lead", "lead", Workspace.Password).Token;
        await using var app = WorkspaceServer.Build(Workspace.Options(database, dir.File("data")) with { KnownLeaks = location.Store, KnownLeaksKey = location.KeyFile });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        async Task<JsonElement> Case(string name, params string[] files)
        {
            using var created = await client.PostAsJsonAsync("api/cases", new { name });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            foreach (var file in files)
            {
                using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(file)), "file", Path.GetFileName(file) } };
                using var uploaded = await client.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), form);
                var job = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetInt64();
                var (last, _) = await Workspace.FollowJob(client, job);
                Assert.Equal("done", last.GetProperty("state").GetString());
            }

            return (await client.GetFromJsonAsync<JsonElement>($"api/cases/{id}/summary")).GetProperty("store");
        }

        var both = await Case("two files", hotel, courier);
        Comparison expected;
        using (var store = KnownLeakStore.Open(location, create: false))
        {
            expected = store.Compare(new ScanOptions { Paths = [hotel, courier] }, DateOnly.FromDateTime(DateTime.UtcNow));
        }

        Assert.True(expected.Known > 0 && expected.New > 0, "the case holds known and new identifiers");
        Assert.Equal(expected.Identifiers, both.GetProperty("identifiers").GetInt64());
        Assert.Equal(expected.Known, both.GetProperty("known").GetInt64());
        Assert.Equal(expected.New, both.GetProperty("new").GetInt64());
        Assert.Equal(expected.EarliestFirstSeen?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), both.GetProperty("earliest_first_seen").GetString());
        Assert.Equal(expected.Freshness.Grade, both.GetProperty("freshness").GetString());
        Assert.Equal(JsonValueKind.Null, both.GetProperty("same_as").ValueKind);
        var dataset = Assert.Single(both.GetProperty("datasets").EnumerateArray());
        Assert.Equal("courier-2026", dataset.GetProperty("name").GetString());
        Assert.Equal(expected.Datasets[0].Overlap, dataset.GetProperty("overlap").GetInt64());
        Assert.Equal(Math.Round(expected.Datasets[0].ShareOfInput, 4), dataset.GetProperty("share_of_input").GetDouble());

        // The very file of a known leak is recognised as that leak.
        var again = await Case("the same leak", courier);
        Assert.Equal("courier-2026", again.GetProperty("same_as").GetString());
        Assert.Equal(again.GetProperty("identifiers").GetInt64(), again.GetProperty("known").GetInt64());
        await app.StopAsync();
    }
}
