using System.Text.Json;
using Tracemark.Scanning;
using Tracemark.Synthetic.Posts;
using Tracemark.Tests;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// The pages in headless Chromium (playwright-core, /usr/bin/chromium; ./test.sh installs both): sign in, open a
/// case, upload a synthetic leak, follow the job to done, read the persons count, reveal one value and find the
/// reveal in the audit view — at 390 px and 1280 px, in Chinese and English, with no console error and nothing wider
/// than the window.
/// </summary>
[Collection("workspace")]
public sealed class BrowserTests(Workspace ws)
{
    [Theory]
    [InlineData(390, "zh")]
    [InlineData(1280, "en")]
    public async Task A_lead_uploads_a_leak_sees_the_persons_reveals_one_value_and_finds_it_in_the_audit_log(int width, string language)
    {
        using var doc = await Check(ws, Workspace.Sample("courier-waybills.csv"), width, language, "workspace", string.Empty);
    }

    /// <summary>Runs the browser check and asserts what every run must show; returns its report.</summary>
    internal static async Task<JsonDocument> Check(Workspace ws, string file, int width, string language, string shotName, string required, string posts = "", string incident = "")
    {
        var shots = Environment.GetEnvironmentVariable("TRACEMARK_SCREENSHOTS") is { Length: > 0 } dir ? Path.Combine(dir, $"{shotName}-{width}") : string.Empty;
        var (exit, output, error) = await NodeScript.Run("workspace-check.mjs", ws.Base.ToString(), "lead", Workspace.Password, file, width.ToString(System.Globalization.CultureInfo.InvariantCulture), shots, language, required, posts, incident);
        Assert.True(exit == 0, error);
        var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var r = doc.RootElement;
        Assert.False(r.TryGetProperty("error", out var failed), failed.ToString() + " " + r.GetRawText());
        Assert.Empty(r.GetProperty("problems").EnumerateArray());

        var direct = Scanner.Scan(new ScanOptions { Paths = [file] });
        Assert.Equal(direct.Persons.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("persons").GetString());
        Assert.Contains("done", r.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1.0, r.GetProperty("progress").GetDouble());

        var finding = r.GetProperty("finding").GetString()!;
        var colon = finding.IndexOf(':', StringComparison.Ordinal);
        var index = int.Parse(finding[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(direct.Examples[finding[..colon]][index], r.GetProperty("revealed").GetString());

        var audit = r.GetProperty("audit").EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        Assert.Contains(audit, row => row[2] == "lead" && row[3] == "reveal" && row[4].Contains(finding, StringComparison.Ordinal));
        Assert.Contains(audit, row => row[3] == "files.upload");
        return doc;
    }
}

/// <summary>
/// The case page on a server whose store holds owner data and a known leak: after the upload of one of the owner's
/// leaked samples, then of a posts file (kind "posts" in the upload form), it shows the trace (verdict, ranking,
/// evidence), the known-leak overlap with the reasons for its freshness, the actors and market of the posts and — once
/// the lead opens it with the page's form — the case's incident (deadlines, unconfirmed rules), with
/// every Reveal button in reach and nothing scrolling sideways, at 390 px (Chinese) and 1280 px (English).
/// </summary>
[Collection("traced workspace")]
public sealed class TracedBrowserTests(TracedWorkspace traced)
{
    [Theory]
    [InlineData(390, "zh")]
    [InlineData(1280, "en")]
    public async Task The_case_page_shows_the_trace_the_freshness_reasons_the_actors_of_the_posts_and_the_incident(int width, string language)
    {
        using var doc = await BrowserTests.Check(traced.Ws, traced.Scenario("single-insider"), width, language, "workspace-traced", "#trace,#trace-ranked,#trace-evidence,#freshness-reasons,#datasets,#intel-actors,#intel-market,#incident,#incident-deadlines,#incident-unconfirmed", traced.Posts(PostFiles.ForumFile), "incident");
        var shown = doc.RootElement.GetProperty("shown");
        Assert.Contains(language == "en" ? "Verdict" : "结论", shown.GetProperty("#trace").GetString(), StringComparison.Ordinal);
        Assert.Contains("identifiers are already in known leaks", shown.GetProperty("#freshness-reasons").GetString(), StringComparison.Ordinal);
        Assert.Contains("older-leak", shown.GetProperty("#datasets").GetString(), StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "Yuan/record" : "元/条", shown.GetProperty("#intel-actors").GetString(), StringComparison.Ordinal);
        // The incident opened through the page's form: deadlines and the unconfirmed rules in the page's language.
        Assert.Contains(language == "en" ? "Notify the PI protection authority" : "通知个人信息保护主管部门", shown.GetProperty("#incident-deadlines").GetString(), StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "When the hours start" : "小时数从何时起算", shown.GetProperty("#incident-unconfirmed").GetString(), StringComparison.Ordinal);
    }
}
