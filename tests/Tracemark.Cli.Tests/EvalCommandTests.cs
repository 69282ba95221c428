using System.Text.Json;

namespace Tracemark.Cli.Tests;

public sealed class EvalCommandTests
{
    [Fact]
    public void Eval_trace_reports_both_models_for_every_scenario_and_size()
    {
        var r = Cli.Run("eval", "trace", "--customers", "10000", "--repeats", "1", "--json");

        Assert.Equal(0, r.Exit);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(6 * 3 * 3, doc.RootElement.GetProperty("scenarios").GetInt32());
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(6 * 3 * 2, rows.Count);
        Assert.Equal(["guilt (baseline)", "likelihood"], rows.Select(x => x.GetProperty("model").GetString()).Distinct().Order());
        Assert.All(rows, x => Assert.InRange(x.GetProperty("top1").GetDouble(), 0, 1));
        // Scenario names as `tracemark synth owner` writes them in scenarios.json, not C# names.
        Assert.Equal(["admin-copy", "colluding", "null", "partner-export", "rented-account", "single-insider"], rows.Select(x => x.GetProperty("scenario").GetString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Eval_trace_refuses_zero_repeats()
    {
        var r = Cli.Run("eval", "trace", "--repeats", "0");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--repeats", r.Error, StringComparison.Ordinal);
    }
}
