using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tracemark.Incident;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// The incident of a case: a lead opens it with what `tracemark incident open` takes, the jobs add the case's evidence
/// files to it through <see cref="IncidentBook"/>, and GET /api/cases/{id}/incident is `tracemark incident report
/// --json` of an incident opened and fed the same files on the command line — the grade, the people, the deadlines,
/// the reports, the notice and the criminal count alike — with the files named as uploaded.
/// </summary>
[Collection("traced workspace")]
public sealed class IncidentTests(TracedWorkspace traced)
{
    private const string Discovered = "2026-12-06T21:40:00+08:00";

    private static object Opening(string? name = null) => new { name, discovered = Discovered, @operator = "other", entity = "顺达快递", system = "网点派件系统", owner_contact = "95000", loss = 6_000_000m };

    [Fact]
    public async Task The_incident_of_a_case_uploaded_file_by_file_is_incident_report_of_its_files()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("incident file by file");
        var insider = traced.Scenario("single-insider");
        var partner = traced.Scenario("partner-export");
        var (_, first, _) = await ws.UploadAndWait(id, insider);
        Assert.Equal("done", first.GetProperty("state").GetString());

        using var lead = ws.Client("lead");
        var name = $"ws-incident-{Guid.NewGuid():N}";
        using (var opened = await lead.PostAsJsonAsync($"api/cases/{id}/incident", Opening(name)))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var body = await opened.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(name, body.GetProperty("incident").GetString());
            // The file uploaded before the incident was opened is added by a job of its own.
            var (done, _) = await Workspace.FollowJob(lead, body.GetProperty("job").GetInt64());
            Assert.Equal("done", done.GetProperty("state").GetString());
        }

        // A later upload's job adds its file as the next piece of evidence.
        var (_, second, _) = await ws.UploadAndWait(id, partner);
        Assert.Equal("done", second.GetProperty("state").GetString());
        var got = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/incident");

        // The command line's incident: opened with the same facts, the same files added one by one.
        var cli = $"cli-incident-{Guid.NewGuid():N}";
        JsonElement want;
        using (var store = KnownLeakStore.Open(traced.Location, create: false))
        {
            var book = new IncidentBook(store);
            book.Open(cli, Discovered, "other", "6000000", "95000", "顺达快递", "网点派件系统");
            Assert.Equal("added", book.Add(cli, new ScanOptions { Paths = [insider] }, null).Outcome);
            Assert.Equal("added", book.Add(cli, new ScanOptions { Paths = [partner] }, null).Outcome);
            want = JsonDocument.Parse(ReportJson.Serialize(IncidentDocument.From(book.Report(cli)))).RootElement.Clone();
        }

        Assert.True(want.GetProperty("people").GetInt64() > 0);
        foreach (var field in new[] { "contract", "entity", "system", "operator", "discovered", "grade", "grade_en", "grade_basis", "people", "owner_customers", "loss", "initial_report", "closing_report", "notice", "criminal", "unconfirmed" })
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(want.GetProperty(field).GetRawText()), JsonNode.Parse(got.GetProperty(field).GetRawText())), $"{field}: {want.GetProperty(field)} != {got.GetProperty(field)}");
        }

        // The deadlines' due times are the law's; the time left is as of each report's making.
        static IEnumerable<string> Due(JsonElement report) => report.GetProperty("deadlines").EnumerateArray().Select(d => $"{d.GetProperty("report")} {d.GetProperty("due")} {d.GetProperty("due_beijing")} {d.GetProperty("mandatory")}");
        Assert.Equal(Due(want), Due(got));

        // The evidence as the command line keeps it, named by the uploaded files, never by the server's paths.
        var evidence = got.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal([Path.GetFileName(insider), Path.GetFileName(partner)], evidence.Select(e => e.GetProperty("files").GetString()));
        var wanted = want.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(wanted.Count, evidence.Count);
        for (var i = 0; i < evidence.Count; i++)
        {
            foreach (var field in new[] { "records", "persons", "new_persons", "identifiers", "known", "datasets", "freshness", "kinds", "trace", "customers", "problems" })
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(wanted[i].GetProperty(field).GetRawText()), JsonNode.Parse(evidence[i].GetProperty(field).GetRawText())), $"evidence {i} {field}: {wanted[i].GetProperty(field)} != {evidence[i].GetProperty(field)}");
            }
        }

        var text = got.GetRawText();
        Assert.DoesNotContain(ws.DataFolder, text, StringComparison.Ordinal);
        foreach (var value in Scanner.Scan(new ScanOptions { Paths = [insider, partner] }).Examples.SelectMany(e => e.Value))
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        var audit = await lead.GetFromJsonAsync<JsonElement>($"api/audit?case={id}");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "incident.open" && e.GetProperty("detail").GetString()!.Contains(name, StringComparison.Ordinal));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "incident.read" && e.GetProperty("actor").GetString() == "lead");
    }

    [Fact]
    public async Task The_case_page_shows_the_incident_in_Chinese_and_English_and_offers_leads_to_open_one()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("incident page");
        await ws.UploadAndWait(id, traced.Scenario("single-insider"));
        using var lead = ws.Client("lead");
        using var analyst = ws.Client("analyst");
        Assert.Contains("id=\"open-incident\"", await lead.GetStringAsync(new Uri($"cases/{id}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"open-incident\"", await analyst.GetStringAsync(new Uri($"cases/{id}", UriKind.Relative)), StringComparison.Ordinal);

        using var opened = await lead.PostAsJsonAsync($"api/cases/{id}/incident", Opening());
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var body = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"case-{id}", body.GetProperty("incident").GetString());
        await Workspace.FollowJob(lead, body.GetProperty("job").GetInt64());
        var report = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/incident");

        var zh = WebUtility.HtmlDecode(await analyst.GetStringAsync(new Uri($"cases/{id}", UriKind.Relative)));
        var en = WebUtility.HtmlDecode(await analyst.GetStringAsync(new Uri($"cases/{id}?lang=en", UriKind.Relative)));
        Assert.DoesNotContain("id=\"open-incident\"", zh, StringComparison.Ordinal);
        Assert.Contains($"data-grade=\"{report.GetProperty("grade_en").GetString()}\"", en, StringComparison.Ordinal);
        Assert.Contains($">{report.GetProperty("grade").GetString()}<", zh, StringComparison.Ordinal);
        Assert.Contains($"<strong id=\"incident-people\">{report.GetProperty("people").GetInt64():N0}</strong>", en, StringComparison.Ordinal);
        // Each deadline of the report is a row, worded in the page's language; the unconfirmed rules too.
        foreach (var d in report.GetProperty("deadlines").EnumerateArray())
        {
            Assert.Contains($"data-report=\"{d.GetProperty("report").GetString()}\"", en, StringComparison.Ordinal);
        }

        Assert.Contains("Notify the PI protection authority", en, StringComparison.Ordinal);
        Assert.Contains("通知个人信息保护主管部门", zh, StringComparison.Ordinal);
        Assert.Contains("When the hours start", en, StringComparison.Ordinal);
        Assert.Contains("小时数从何时起算", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("小时数从何时起算", en, StringComparison.Ordinal);
        Assert.Equal(report.GetProperty("unconfirmed").GetArrayLength(), en.Split("<li data-applies=").Length - 1);
    }

    [Fact]
    public async Task Bad_openings_are_refused_with_the_reason_and_nothing_is_opened()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("incident refused");
        using var lead = ws.Client("lead");
        foreach (var (asked, reason) in new (object, string)[]
        {
            (new { discovered = "yesterday evening", @operator = "other" }, "--discovered"),
            (new { discovered = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), @operator = "other" }, "in the future"),
            (new { discovered = Discovered, @operator = "bank" }, "--operator"),
            (new { discovered = (string?)null, @operator = "other" }, "discovered"),
        })
        {
            using var refused = await lead.PostAsJsonAsync($"api/cases/{id}/incident", asked);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(reason, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var none = await lead.GetAsync(new Uri($"api/cases/{id}/incident", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        // A case with no files yet gets its incident and no job; a second one is refused.
        using (var opened = await lead.PostAsJsonAsync($"api/cases/{id}/incident", Opening()))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            Assert.Equal(JsonValueKind.Null, (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").ValueKind);
        }

        using var again = await lead.PostAsJsonAsync($"api/cases/{id}/incident", Opening($"other-{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"case-{id}", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An incident name the store already holds (here: this case's) is refused for another case.
        var other = await ws.NewCase("incident name taken");
        using var taken = await lead.PostAsJsonAsync($"api/cases/{other}/incident", Opening($"case-{id}"));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        using var untouched = await lead.GetAsync(new Uri($"api/cases/{other}/incident", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, untouched.StatusCode);
    }
}

/// <summary>A server without a known-leak store has nowhere to keep incidents: it says so (409), and lists none (404).</summary>
[Collection("workspace")]
public sealed class StorelessIncidentTests(Workspace ws)
{
    [Fact]
    public async Task Opening_an_incident_needs_the_servers_known_leak_store()
    {
        var id = await ws.NewCase("no store, no incident");
        using var lead = ws.Client("lead");
        using var refused = await lead.PostAsJsonAsync($"api/cases/{id}/incident", new { discovered = "2026-12-06T21:40:00+08:00", @operator = "other" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("--store", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var none = await lead.GetAsync(new Uri($"api/cases/{id}/incident", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.DoesNotContain("id=\"open-incident\"", await lead.GetStringAsync(new Uri($"cases/{id}", UriKind.Relative)), StringComparison.Ordinal);
    }
}
