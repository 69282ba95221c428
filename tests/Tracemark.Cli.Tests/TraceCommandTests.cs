using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark synth owner`, `owner import` and `trace` end to end.</summary>
public sealed class TraceCommandTests
{
    [Fact]
    public void Synth_owner_then_import_then_trace_names_the_insider()
    {
        using var dir = new TempDir();
        var owner = dir.File("owner");
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("synth", "owner", "--out", owner, "--customers", "8000", "--outlets", "4", "--employees-per-outlet", "8", "--sample-size", "40", "--samples-per-kind", "1").Exit);

        var import = Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", store);
        Assert.Equal(0, import.Exit);
        Assert.Contains("imported 8,000 customers row(s)", import.Out, StringComparison.Ordinal);
        var again = Cli.Run("owner", "import", "--access", Path.Combine(owner, "access.csv"), "--store", store);
        Assert.Contains("unchanged", again.Out, StringComparison.Ordinal);

        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(owner, "scenarios.json")));
        var insider = truth.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "single-insider");
        var sample = Path.Combine(owner, insider.GetProperty("file").GetString()!);
        var leaker = insider.GetProperty("truth")[0].GetString()!;

        var text = Cli.Run("trace", sample, "--seen", "2025-12-01", "--store", store, "--report", dir.File("trace.html"));
        Assert.Equal(0, text.Exit);
        var html = File.ReadAllText(dir.File("trace.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains(leaker, html, StringComparison.Ordinal);
        Assert.Contains("****", html, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadLines(sample).Skip(1).First().Split(',')[1], html, StringComparison.Ordinal);
        Assert.Contains("attributed", text.Out, StringComparison.Ordinal);
        Assert.Contains(leaker, text.Out, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(Cli.Run("trace", sample, "--seen", "2025-12-01", "--store", store, "--json").Out);
        Assert.Equal("attributed", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(leaker, json.RootElement.GetProperty("ranked")[0].GetProperty("channels")[0].GetString());

        var canaries = dir.File("canaries.csv");
        var issue = Cli.Run("canary", "issue", "--channel", leaker, "--count", "4", "--out", canaries, "--store", store);
        Assert.Equal(0, issue.Exit);
        Assert.Equal(5, File.ReadAllLines(canaries).Length);
        Assert.Equal(1, Cli.Run("canary", "issue", "--channel", "nobody", "--store", store).Exit);
    }

    [Fact]
    public void Owner_import_without_files_is_a_usage_error()
    {
        using var dir = new TempDir();
        var r = Cli.Run("owner", "import", "--store", dir.File("s.db"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("--customers", r.Error, StringComparison.Ordinal);
    }
}
