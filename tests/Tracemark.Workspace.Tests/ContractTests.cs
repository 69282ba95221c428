using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tracemark.Synthetic.Posts;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// Contract snapshots of the team server's answers (issue 18): the exact bytes each endpoint sends for one case of
/// the traced workspace (an owner's leaked sample and a posts file, so that the summary carries the comparison, the
/// trace and the intel view), with only what differs from run to run replaced: ids the database gives, times, audit
/// hashes and what depends on today's date. The approved files were made from main's build before the answers moved
/// to Tracemark.Reports; a changed answer shows up as a changed approved file. When a change is intended, replace
/// Contracts/NAME.json with the NAME.json.received the failing test wrote.
/// </summary>
[Collection("traced workspace")]
public sealed class ContractTests(TracedWorkspace traced)
{
    // Ids and times the server gives (they depend on which tests ran first), and values that move with today's date.
    private static readonly Regex Numbered = new("\"(id|job|case|broken_at)\":(-?[0-9]+)", RegexOptions.CultureInvariant);
    private static readonly Regex Varying = new("\"(created|uploaded|at|hash|elapsed_seconds|elapsed|minors_under_14|days|newest)\":(\"[^\"]*\"|-?[0-9.Ee+]+|null)", RegexOptions.CultureInvariant);
    private static readonly Regex AgeBands = new("\"by_age_band\":\\{[^}]*\\}", RegexOptions.CultureInvariant);
    private static readonly Regex Reason = new("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}, [0-9]+ day\\(s\\)", RegexOptions.CultureInvariant);
    private static readonly Regex AuditNumbers = new("(job|as|case) [0-9]+", RegexOptions.CultureInvariant);
    private static readonly Regex IncidentClock = new("\"(generated|added|remaining)\": ?(\"[^\"]*\"|-?[0-9.Ee+]+)", RegexOptions.CultureInvariant);
    private static readonly Regex Port = new("http://127\\.0\\.0\\.1:[0-9]+/", RegexOptions.CultureInvariant);

    [Fact]
    public async Task The_answers_of_one_case_are_the_approved_contracts()
    {
        var ws = traced.Ws;
        using var lead = ws.Client("lead");

        // Chinese in the name: the snapshot holds the escaping the server applies, not only the values.
        using var created = await lead.PostAsJsonAsync("api/cases", new { name = "合同 <contract> & 快照" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdText = await created.Content.ReadAsStringAsync();
        Approve("created", createdText);
        var id = JsonDocument.Parse(createdText).RootElement.GetProperty("id").GetInt64();
        using (var added = await lead.PostAsJsonAsync($"api/cases/{id}/members", new { user = "viewer", role = "viewer" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        }

        // The list holds other tests' cases too: only this case's entry, as the server wrote it.
        var list = JsonDocument.Parse(await lead.GetStringAsync(new Uri("api/cases", UriKind.Relative))).RootElement;
        Approve("cases-entry", list.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id).GetRawText());
        Approve("case", await lead.GetStringAsync(new Uri($"api/cases/{id}", UriKind.Relative)));

        using (var form = new MultipartFormDataContent())
        {
            var sample = traced.Scenario("single-insider");
            form.Add(new StreamContent(File.OpenRead(sample)), "file", Path.GetFileName(sample));
            using var uploaded = await lead.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
            var text = await uploaded.Content.ReadAsStringAsync();
            Approve("upload", Regex.Replace(text, "\"files\":\\[[0-9,]*\\]", "\"files\":\"<varies>\"", RegexOptions.CultureInvariant));
            var job = JsonDocument.Parse(text).RootElement.GetProperty("job").GetInt64();
            var events = await Events(lead, job);
            Approve("job-event", events[^1]);
            Approve("job", await lead.GetStringAsync(new Uri($"api/jobs/{job}", UriKind.Relative)));
        }

        var (_, last, _) = await ws.UploadAsAndWait(id, "posts", traced.Posts(PostFiles.ForumFile));
        Assert.Equal("done", last.GetProperty("state").GetString());

        Approve("files", await lead.GetStringAsync(new Uri($"api/cases/{id}/files", UriKind.Relative)));
        var summary = await lead.GetStringAsync(new Uri($"api/cases/{id}/summary", UriKind.Relative));
        foreach (var part in new[] { "store", "trace", "trace_caveats", "intel", "findings" })
        {
            Assert.True(JsonDocument.Parse(summary).RootElement.TryGetProperty(part, out _), $"the summary has {part}");
        }

        Approve("summary", summary);
        Approve("intel", await lead.GetStringAsync(new Uri($"api/cases/{id}/intel", UriKind.Relative)));

        var finding = JsonDocument.Parse(summary).RootElement.GetProperty("findings")[0].GetProperty("finding").GetString();
        using (var revealed = await lead.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding }))
        {
            Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
            Approve("reveal", await revealed.Content.ReadAsStringAsync());
        }

        using (var missing = await lead.GetAsync(new Uri("api/cases/987654321", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Approve("error-not-found", await missing.Content.ReadAsStringAsync());
        }

        using (var bad = await lead.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding = "nonsense" }))
        {
            Approve("error-bad-reveal", $"{(int)bad.StatusCode}\n{await bad.Content.ReadAsStringAsync()}");
        }

        Approve("audit", await lead.GetStringAsync(new Uri($"api/audit?case={id}", UriKind.Relative)));
        Assert.Empty(_changed);
    }

    [Fact]
    public async Task The_incident_answers_of_a_case_are_the_approved_contracts()
    {
        var ws = traced.Ws;
        using var lead = ws.Client("lead");
        var id = await ws.NewCase("incident contract");
        var (_, uploaded, _) = await ws.UploadAndWait(id, traced.Scenario("single-insider"));
        Assert.Equal("done", uploaded.GetProperty("state").GetString());

        // Discovered long ago, so that every deadline is already overdue: the report does not change as days pass.
        var opening = new { name = "contract-incident", discovered = "2025-12-01T23:20:00+08:00", @operator = "other", entity = "顺达快递", system = "网点派件系统", owner_contact = "95000", loss = 6_000_000m };
        using (var opened = await lead.PostAsJsonAsync($"api/cases/{id}/incident", opening))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var text = await opened.Content.ReadAsStringAsync();
            Approve("incident-opened", text);
            var (done, _) = await Workspace.FollowJob(lead, JsonDocument.Parse(text).RootElement.GetProperty("job").GetInt64());
            Assert.Equal("done", done.GetProperty("state").GetString());
        }

        // tracemark.incident/1 as the server sends it; when it was made, when the evidence was added and the time left
        // before each deadline move with the clock.
        var report = await lead.GetStringAsync(new Uri($"api/cases/{id}/incident", UriKind.Relative));
        Approve("incident", IncidentClock.Replace(report, m => $"\"{m.Groups[1].Value}\": \"<varies>\""));
        Assert.Empty(_changed);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_the_approved_one()
    {
        using var lead = traced.Ws.Client("lead");
        Approve("openapi", await lead.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        Assert.Empty(_changed);
    }

    private static async Task<List<string>> Events(HttpClient client, long job)
    {
        using var stream = await client.GetStreamAsync(new Uri($"api/jobs/{job}/events", UriKind.Relative));
        using var reader = new StreamReader(stream);
        var events = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line[6..]);
            }
        }

        return events;
    }

    // Every answer is compared before the test fails, so that one run writes every changed answer's .received file.
    private readonly List<string> _changed = [];

    private void Approve(string name, string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = Numbered.Replace(text, m => $"\"{m.Groups[1].Value}\":\"<varies>\"");
        text = Varying.Replace(text, m => $"\"{m.Groups[1].Value}\":\"<varies>\"");
        text = AgeBands.Replace(text, "\"by_age_band\":\"<varies>\"");
        text = text.Replace(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "<today>", StringComparison.Ordinal);
        text = Reason.Replace(text, "<newest>, N day(s)");
        text = AuditNumbers.Replace(text, "$1 N");
        text = Port.Replace(text, "http://127.0.0.1:PORT/");
        var path = Path.Combine(SourceDirectory(), "Contracts", name + ".json");
        var approved = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        if (approved != text)
        {
            File.WriteAllText(path + ".received", text, new UTF8Encoding(false));
            _changed.Add($"The server contract '{name}' changed. If intended, replace Contracts/{name}.json with Contracts/{name}.json.received.");
        }
    }

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
