using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tracemark.Reports;
using Tracemark.Scanning;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// Each upload's job scans only the new files and merges them into the case: after A, then B, then C, the case's
/// summary is the scan of A, B and C together — persons linked across files — although A and B were never read again.
/// </summary>
[Collection("workspace")]
public sealed class IncrementalTests(Workspace ws)
{
    /// <summary>The summary JSON as `scan --summary-json` writes it, without the time taken and with files named as uploaded.</summary>
    private static string Comparable(JsonNode summary, IEnumerable<string> paths)
    {
        var root = summary.AsObject().DeepClone().AsObject();
        foreach (var extra in new[] { "elapsed_seconds", "evidence_files", "findings", "store" })
        {
            root.Remove(extra);
        }

        var text = root.ToJsonString();
        foreach (var path in paths)
        {
            text = text.Replace(JsonSerializer.Serialize(path)[1..^1], Path.GetFileName(path), StringComparison.Ordinal);
        }

        return text;
    }

    private static JsonNode Direct(IReadOnlyList<string> paths)
    {
        using var buffer = new MemoryStream();
        ReportJson.Write(ScanReport.From(Scanner.Scan(new ScanOptions { Paths = [.. paths] })), buffer, indented: false);
        return JsonNode.Parse(buffer.ToArray())!;
    }

    [Fact]
    public async Task Uploads_one_after_another_sum_to_the_scan_of_all_files_without_reading_earlier_files_again()
    {
        var id = await ws.NewCase("incremental");
        string[] files = [Workspace.Sample("courier-waybills.csv"), Workspace.Sample("hotel-checkins.txt"), Workspace.Sample("app-users.jsonl")];
        using var lead = ws.Client("lead");
        var uploaded = new List<string>();
        foreach (var file in files)
        {
            var (_, last, _) = await ws.UploadAndWait(id, file);
            Assert.Equal("done", last.GetProperty("state").GetString());
            uploaded.Add(file);

            var summary = JsonNode.Parse(await lead.GetStringAsync(new Uri($"api/cases/{id}/summary", UriKind.Relative)))!;
            Assert.Equal(Comparable(Direct(uploaded), uploaded), Comparable(summary, uploaded));
            Assert.Equal(uploaded.Count, summary["evidence_files"]!.GetValue<int>());

            // The stored copies of the files already merged are emptied: a job that read them again would count less.
            foreach (var stored in (await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/files")).EnumerateArray())
            {
                File.WriteAllBytes(Path.Combine(ws.DataFolder, "files", stored.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)), []);
            }
        }

        var separately = files.Sum(f => Scanner.Scan(new ScanOptions { Paths = [f] }).Persons);
        var together = Scanner.Scan(new ScanOptions { Paths = files }).Persons;
        Assert.True(together < separately, $"the samples share persons ({together} together, {separately} apart), so linking across uploads is tested");

        // Findings (masked examples) and reveal work from the merged examples.
        var final = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/summary");
        var finding = final.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("kind").GetString() == "mobile").GetProperty("finding").GetString();
        using var revealed = await lead.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding });
        revealed.EnsureSuccessStatusCode();
        var value = (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString();
        Assert.Contains(value, Scanner.Scan(new ScanOptions { Paths = files }).Examples["mobile"]);
    }

    [Fact]
    public async Task The_case_state_at_rest_holds_no_example_value_and_is_readable_by_the_server_only()
    {
        var id = await ws.NewCase("state at rest");
        string[] files = [Workspace.Sample("courier-waybills.csv"), Workspace.Sample("hotel-checkins.txt")];
        foreach (var file in files)
        {
            var (_, last, _) = await ws.UploadAndWait(id, file);
            Assert.Equal("done", last.GetProperty("state").GetString());
        }

        var state = CaseState.PathOf(Workspace.Options(ws.Database, ws.DataFolder), id);
        var bytes = File.ReadAllBytes(state);
        var values = Scanner.Scan(new ScanOptions { Paths = files }).Examples.Where(e => e.Key is "mobile" or "cn_id" or "name").SelectMany(e => e.Value).ToList();
        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            Assert.False(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)) >= 0, "the case state holds an example value");
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(state));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ws.DataFolder, "workspace.key")));
        }
    }
}
