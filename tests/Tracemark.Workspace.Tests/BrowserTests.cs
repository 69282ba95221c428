using System.Text.Json;
using Tracemark.Scanning;
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
        var file = Workspace.Sample("courier-waybills.csv");
        var shots = Environment.GetEnvironmentVariable("TRACEMARK_SCREENSHOTS") is { Length: > 0 } dir ? Path.Combine(dir, $"workspace-{width}") : string.Empty;
        var (exit, output, error) = await NodeScript.Run("workspace-check.mjs", ws.Base.ToString(), "lead", Workspace.Password, file, width.ToString(System.Globalization.CultureInfo.InvariantCulture), shots, language);
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var r = doc.RootElement;
        Assert.False(r.TryGetProperty("error", out var failed), failed.ToString() + " " + r.GetRawText());
        Assert.Empty(r.GetProperty("problems").EnumerateArray());

        var direct = Scanner.Scan(new ScanOptions { Paths = [file] });
        Assert.Equal(direct.Persons.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("persons").GetString());
        Assert.Contains("done", r.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1.0, r.GetProperty("progress").GetDouble());

        var finding = r.GetProperty("finding").GetString()!;
        var index = int.Parse(finding[(finding.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(direct.Examples["mobile"][index], r.GetProperty("revealed").GetString());

        var audit = r.GetProperty("audit").EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        Assert.Contains(audit, row => row[2] == "lead" && row[3] == "reveal" && row[4].Contains(finding, StringComparison.Ordinal));
        Assert.Contains(audit, row => row[3] == "files.upload");
    }
}
