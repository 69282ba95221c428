using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark synth owner --insiders`, `owner import`, `guard` and `eval guard` end to end.</summary>
public sealed class GuardCommandTests
{
    [Fact]
    public void Synth_insiders_then_import_then_guard_raises_alerts_on_the_episodes_as_json_lines()
    {
        using var dir = new TempDir();
        var owner = dir.File("owner");
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("synth", "owner", "--insiders", "--out", owner, "--seed", "2").Exit);
        Assert.Equal(0, Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", store).Exit);

        var run = Cli.Run("guard", "--store", store, "--canaries", Path.Combine(owner, "canaries.csv"), "--json");
        Assert.Equal(0, run.Exit);
        var alerts = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(alerts);
        foreach (var a in alerts)
        {
            Assert.Equal(["channel", "from", "to", "first_alert", "score", "kind", "evidence"], a.EnumerateObject().Select(p => p.Name));
            Assert.InRange(a.GetProperty("score").GetDouble(), 0, 1);
            Assert.EndsWith("+00:00", a.GetProperty("first_alert").GetString(), StringComparison.Ordinal);
        }

        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(owner, "guard-truth.json")));
        var episodes = truth.RootElement.GetProperty("episodes").EnumerateArray().ToList();
        var caught = episodes.Count(e => alerts.Any(a => e.GetProperty("channels").EnumerateArray().Any(c => c.GetString() == a.GetProperty("channel").GetString())));
        Assert.True(caught >= 0.9 * episodes.Count, $"{caught} of {episodes.Count} episodes have an alert on their channel");
        var canary = alerts.Single(a => a.GetProperty("kind").GetString() == "canary");
        Assert.Equal(1.0, canary.GetProperty("score").GetDouble());

        // No customer identifier appears in what guard prints.
        var text = Cli.Run("guard", "--store", store);
        Assert.Equal(0, text.Exit);
        Assert.Contains("alert(s)", text.Out, StringComparison.Ordinal);
        var firstCustomer = File.ReadLines(Path.Combine(owner, "customers.csv")).Skip(1).First().Split(',');
        Assert.DoesNotContain(firstCustomer[2], text.Out + run.Out, StringComparison.Ordinal);

        // --since prints only later alerts.
        var late = Cli.Run("guard", "--store", store, "--json", "--since", "2025-10-10");
        Assert.All(late.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.True(DateTimeOffset.Parse(JsonDocument.Parse(l).RootElement.GetProperty("first_alert").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Guard_on_an_access_file_lists_bad_rows_with_file_and_line_processes_the_rest_and_exits_1()
    {
        using var dir = new TempDir();
        var owner = dir.File("owner");
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("synth", "owner", "--insiders", "--out", owner, "--seed", "3").Exit);
        Assert.Equal(0, Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--store", store).Exit);
        var bad = dir.File("bad.csv");
        File.WriteAllText(bad, string.Join('\n',
            "time,channel_id,customer_id,action,device,ip",
            "2025-09-01T09:00:00,emp-01-01,C0000001,view,d-1,10.0.0.1",
            "2025-09-01T09:05:00,nobody,C0000001,view,d-1,10.0.0.1",
            "2025-09-01T09:06:00,emp-01-01,C9999999,view,d-1,10.0.0.1",
            "2025-09-01T08:00:00,emp-01-01,C0000002,view,d-1,10.0.0.1",
            "2025-09-01T09:10:00,emp-01-01",
            "2025-09-01T09:11:00,emp-01-01,C0000003,view,d-1,10.0.0.1",
            "2025-09-01T09:12:00,emp-01-01,C000"));
        var r = Cli.Run("guard", "--store", store, "--access", bad);
        Assert.Equal(1, r.Exit);
        Assert.Contains("2 access rows replayed", r.Out, StringComparison.Ordinal);
        Assert.Contains($"{bad} line 3: channel 'nobody'", r.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad} line 4: customer_id is not in the imported customers", r.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad} line 5: time 2025-09-01T08:00:00 is earlier", r.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad} line 6: 2 fields where the header has 6", r.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad} line 8: truncated line", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_guard_scores_the_guard_and_the_naive_rule_on_both_simulations()
    {
        var r = Cli.Run("eval", "guard", "--seeds", "1", "--json");
        Assert.Equal(0, r.Exit);
        using var json = JsonDocument.Parse(r.Out);
        var reports = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["standard", "alternate"], reports.Select(x => x.GetProperty("simulation").GetString()));
        foreach (var report in reports)
        {
            var guard = report.GetProperty("guard");
            var naive = report.GetProperty("naive");
            Assert.True(guard.GetProperty("recall").GetDouble() >= naive.GetProperty("recall").GetDouble() + 0.2, report.ToString());
            Assert.True(guard.GetProperty("false_per1000_channel_days").GetDouble() <= naive.GetProperty("false_per1000_channel_days").GetDouble(), report.ToString());
        }

        Assert.Equal(2, Cli.Run("eval", "guard", "--seeds", "x").Exit);
    }
}
