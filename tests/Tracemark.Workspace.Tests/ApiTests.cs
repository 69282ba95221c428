using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tracemark.Reports;
using Tracemark.Scanning;

namespace Tracemark.Workspace.Tests;

/// <summary>The API end to end against a real PostgreSQL: sign-in, cases, upload, jobs, summary, reveal, audit.</summary>
[Collection("hosted workspace")]
public sealed class ApiTests(HostedWorkspace ws)
{
    public static TheoryData<string, string> Endpoints() => new()
    {
        { "GET", "api/cases" },
        { "POST", "api/cases" },
        { "GET", "api/cases/1" },
        { "POST", "api/cases/1/members" },
        { "GET", "api/cases/1/files" },
        { "POST", "api/cases/1/files" },
        { "GET", "api/cases/1/summary" },
        { "POST", "api/cases/1/reveal" },
        { "GET", "api/jobs/1" },
        { "GET", "api/jobs/1/events" },
        { "GET", "api/audit?case=1" },
        { "GET", "openapi/v1.json" },
        { "GET", "" },
        { "GET", "cases/1" },
        { "GET", "cases/1/audit" },
        { "POST", "cases" },
        { "POST", "cases/1/reveal" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Nothing_answers_without_signing_in(string method, string path)
    {
        using var anonymous = ws.Client(null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { name = "x" }) : null };
        using var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("\"persons\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var forged = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { name = "x" }) : null };
        forged.Headers.Authorization = new("Bearer", "tm_0123456789abcdef_" + new string('A', 43));
        using var refused = await anonymous.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_login_page_answer_without_signing_in()
    {
        using var anonymous = ws.Client(null);
        Assert.Equal("ok", await anonymous.GetStringAsync(new Uri("healthz", UriKind.Relative)));
        using var login = await anonymous.GetAsync(new Uri("login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("name=\"password\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_API()
    {
        using var lead = ws.Client("lead");
        using var doc = JsonDocument.Parse(await lead.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/cases", "/api/cases/{id}/members", "/api/cases/{id}/files", "/api/cases/{id}/summary", "/api/cases/{id}/reveal", "/api/cases/{id}/incident", "/api/jobs/{id}", "/api/jobs/{id}/events", "/api/audit" })
        {
            Assert.Contains(path, paths);
        }

        Assert.DoesNotContain("/login", paths);
    }

    [Fact]
    public async Task An_upload_is_scanned_with_progress_events_and_the_summary_is_the_scan_summary_of_its_files()
    {
        var id = await ws.NewCase("upload");
        string[] files = [Workspace.Sample("courier-waybills.csv"), Workspace.Sample("hotel-checkins.txt")];
        var (job, last, events) = await ws.UploadAndWait(id, files);
        Assert.Equal("done", last.GetProperty("state").GetString());
        Assert.Equal(1.0, last.GetProperty("progress").GetDouble());
        Assert.True(events >= 1);

        using var lead = ws.Client("lead");
        var state = await lead.GetFromJsonAsync<JsonElement>($"api/jobs/{job}");
        Assert.Equal("done", state.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("error").ValueKind);

        var summary = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/summary");
        var direct = Scanner.Scan(new ScanOptions { Paths = files });
        using var buffer = new MemoryStream();
        ReportJson.Write(ScanReport.From(direct), buffer, indented: false);
        var expected = JsonDocument.Parse(buffer.ToArray()).RootElement;
        foreach (var field in new[] { "files", "records", "persons", "kinds", "occurrences", "tiers", "demographics" })
        {
            Assert.Equal(expected.GetProperty(field).GetRawText(), summary.GetProperty(field).GetRawText());
        }

        // Tables are named as uploaded, never by the server's own file names.
        Assert.Equal(["courier-waybills.csv", "hotel-checkins.txt"], summary.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("source").GetString()));

        // Findings are masked; the raw examples appear nowhere in the summary.
        var findings = summary.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        var text = summary.GetRawText();
        foreach (var value in direct.Examples.Where(e => e.Key is "mobile" or "cn_id").SelectMany(e => e.Value))
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        var listed = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/files");
        Assert.Equal(2, listed.GetArrayLength());
        Assert.Equal(new FileInfo(files[0]).Length, listed[0].GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(files[0]))), listed[0].GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_reveal_returns_the_value_and_its_audit_entry_is_in_the_log_first()
    {
        var id = await ws.NewCase("reveal");
        await ws.UploadAndWait(id, Workspace.Sample("courier-waybills.csv"));
        var direct = Scanner.Scan(new ScanOptions { Paths = [Workspace.Sample("courier-waybills.csv")] });
        using var analyst = ws.Client("analyst");
        using var response = await analyst.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding = "mobile:1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revealed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(direct.Examples["mobile"][1], revealed.GetProperty("value").GetString());
        Assert.Equal("mobile", revealed.GetProperty("kind").GetString());

        using var auditor = ws.Client("auditor");
        var entries = await auditor.GetFromJsonAsync<JsonElement>($"api/audit?case={id}");
        var reveal = entries.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "reveal");
        Assert.Equal("analyst", reveal.GetProperty("actor").GetString());
        Assert.Contains("mobile:1", reveal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The value itself is not written into the log either.
        Assert.DoesNotContain(direct.Examples["mobile"][1], entries.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("action").GetString() == "member.set");
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("action").GetString() == "files.upload");

        using var unknown = await analyst.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding = "mobile:99" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_plain_4xx_answers()
    {
        var id = await ws.NewCase("bad input");
        using var lead = ws.Client("lead");
        using var noName = await lead.PostAsJsonAsync("api/cases", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        using var duplicate = await lead.PostAsJsonAsync("api/cases", new { name = "bad input" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var notJson = await lead.PostAsync(new Uri("api/cases", UriKind.Relative), new StringContent("name=x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        using var broken = await lead.PostAsync(new Uri("api/cases", UriKind.Relative), new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        using var badRole = await lead.PostAsJsonAsync($"api/cases/{id}/members", new { user = "viewer", role = "admin" });
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        using var noUser = await lead.PostAsJsonAsync($"api/cases/{id}/members", new { user = "nobody", role = "viewer" });
        Assert.Equal(HttpStatusCode.NotFound, noUser.StatusCode);
        using var notMultipart = await lead.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), new StringContent("abc", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        using var empty = await lead.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), noFile);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var noSummary = await lead.GetAsync(new Uri($"api/cases/{id}/summary", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, noSummary.StatusCode);
        using var noCase = await lead.GetAsync(new Uri("api/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, noCase.StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_a_leak_fails_no_job_and_a_case_goes_on()
    {
        var id = await ws.NewCase("garbage");
        using var lead = ws.Client("lead");
        using var form = new MultipartFormDataContent { { new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00, 0x13]), "file", "cut.zip" } };
        using var uploaded = await lead.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        var job = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetInt64();
        var (last, _) = await Workspace.FollowJob(lead, job);
        // A damaged file is a scan error the summary reports, not a crash: the job finishes and says what it found.
        Assert.Equal("done", last.GetProperty("state").GetString());
        var summary = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/summary");
        Assert.Contains("cut.zip", summary.GetProperty("errors").GetRawText(), StringComparison.Ordinal);
    }
}
