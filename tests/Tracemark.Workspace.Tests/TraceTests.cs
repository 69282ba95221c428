using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Tracing.Owner;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// A server whose store holds owner data traces each case: uploaded file by file (each job reading only its new
/// file), the case's trace must be `tracemark trace --json` of all its files at once — the same verdict, ranking and
/// evidence — and reading it is audited.
/// </summary>
[Collection("traced workspace")]
public sealed class TraceTests(TracedWorkspace traced)
{
    [Fact]
    public async Task The_trace_of_a_case_uploaded_file_by_file_is_trace_of_all_its_files()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("trace file by file");
        var insider = traced.Scenario("single-insider");
        var partner = traced.Scenario("partner-export");
        foreach (var file in new[] { insider, partner })
        {
            var (_, last, _) = await ws.UploadAndWait(id, file);
            Assert.Equal("done", last.GetProperty("state").GetString());
        }

        using var lead = ws.Client("lead");
        var got = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/trace");
        string expected;
        using (var store = KnownLeakStore.Open(traced.Location, create: false))
        {
            expected = ReportJson.Serialize(AttributionReport.From(new Tracer(store).Trace(new ScanOptions { Paths = [insider, partner] }, DateOnly.FromDateTime(DateTime.UtcNow))));
        }

        var want = JsonDocument.Parse(expected).RootElement;
        Assert.True(want.GetProperty("matched").GetInt32() > 0, "the samples are the owner's customers");
        Assert.NotEmpty(want.GetProperty("evidence").EnumerateArray());
        foreach (var field in new[] { "seen", "records", "matched", "known", "verdict", "background_share", "ranked", "evidence", "caveats" })
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(want.GetProperty(field).GetRawText()), JsonNode.Parse(got.GetProperty(field).GetRawText())), $"{field}: {want.GetProperty(field)} != {got.GetProperty(field)}");
        }

        // The sample is named by the uploaded files, never by where the server keeps them.
        Assert.Equal($"{Path.GetFileName(insider)} {Path.GetFileName(partner)}", got.GetProperty("sample").GetString());

        // The summary carries the same trace, and the read is in the audit log.
        var summary = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/summary");
        Assert.Equal(got.GetRawText(), summary.GetProperty("trace").GetRawText());
        var audit = await lead.GetFromJsonAsync<JsonElement>($"api/audit?case={id}");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "trace.read" && e.GetProperty("actor").GetString() == "lead");
    }

    [Fact]
    public async Task The_trace_names_channels_and_no_identifier_of_the_sample()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("trace holds no identifier");
        var insider = traced.Scenario("single-insider");
        await ws.UploadAndWait(id, insider);
        using var viewer = ws.Client("viewer");
        var text = await viewer.GetStringAsync(new Uri($"api/cases/{id}/trace", UriKind.Relative));
        var direct = Scanner.Scan(new ScanOptions { Paths = [insider] });
        foreach (var value in direct.Examples.SelectMany(e => e.Value))
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        // The case page shows the verdict and the leading channel of the ranking.
        var page = await viewer.GetStringAsync(new Uri($"cases/{id}?lang=en", UriKind.Relative));
        var trace = JsonDocument.Parse(text).RootElement;
        Assert.Contains($"data-verdict=\"{trace.GetProperty("verdict").GetString()}\"", page, StringComparison.Ordinal);
        var leading = trace.GetProperty("ranked")[0].GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.All(leading, channel => Assert.Contains(channel, page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_freshness_reasons_and_the_trace_caveats_are_worded_in_the_pages_language()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("reasons in two languages");
        await ws.UploadAndWait(id, traced.Scenario("single-insider"));
        using var viewer = ws.Client("viewer");
        var summary = await viewer.GetFromJsonAsync<JsonElement>($"api/cases/{id}/summary");
        var reasons = summary.GetProperty("store").GetProperty("freshness_reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        var signals = summary.GetProperty("store").GetProperty("freshness_signals").EnumerateArray().Select(s => s.GetProperty("signal").GetString()).ToList();
        Assert.Equal(reasons.Count, signals.Count);
        Assert.Equal("known_share", signals[0]);
        var caveats = summary.GetProperty("trace").GetProperty("caveats").EnumerateArray().Select(r => r.GetString()!).ToList();
        var codes = summary.GetProperty("trace_caveats").EnumerateArray().ToList();
        Assert.Equal(caveats.Count, codes.Count);
        Assert.Equal("channels_considered", codes[^1].GetProperty("caveat").GetString());

        string Part(string page, string id)
        {
            var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no #{id}");
            return page[start..page.IndexOf("</ul>", start, StringComparison.Ordinal)];
        }

        var en = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri($"cases/{id}?lang=en", UriKind.Relative)));
        var zh = WebUtility.HtmlDecode(await viewer.GetStringAsync(new Uri($"cases/{id}", UriKind.Relative)));
        // English: the words `compare` and `trace` print. Chinese: none of them, but the same figures in Chinese words.
        Assert.All(reasons, r => Assert.Contains(r, Part(en, "freshness-reasons"), StringComparison.Ordinal));
        Assert.All(caveats, c => Assert.Contains(c, Part(en, "trace-caveats"), StringComparison.Ordinal));
        Assert.All(reasons, r => Assert.DoesNotContain(r, Part(zh, "freshness-reasons"), StringComparison.Ordinal));
        Assert.All(caveats, c => Assert.DoesNotContain(c, Part(zh, "trace-caveats"), StringComparison.Ordinal));
        var identifiers = summary.GetProperty("store").GetProperty("identifiers").GetInt64();
        Assert.Contains($"其 {identifiers:N0} 个标识符中", Part(zh, "freshness-reasons"), StringComparison.Ordinal);
        Assert.Contains($"共考虑 {codes[^1].GetProperty("count").GetInt32()} 个渠道", Part(zh, "trace-caveats"), StringComparison.Ordinal);
        Assert.Equal(reasons.Count, Part(zh, "freshness-reasons").Split("<li>").Length - 1);
        Assert.Equal(caveats.Count, Part(zh, "trace-caveats").Split("<li>").Length - 1);
    }

    [Fact]
    public async Task A_case_with_no_finished_scan_has_no_trace_and_is_told_why()
    {
        var ws = traced.Ws;
        var id = await ws.NewCase("nothing uploaded");
        using var lead = ws.Client("lead");
        using var response = await lead.GetAsync(new Uri($"api/cases/{id}/trace", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("owner data", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
