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
    public void Guard_webhook_keeps_alerts_an_endpoint_refuses_lists_them_as_undelivered_and_the_next_run_delivers_them()
    {
        using var dir = new TempDir();
        var owner = dir.File("owner");
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("synth", "owner", "--insiders", "--out", owner, "--seed", "2").Exit);
        Assert.Equal(0, Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", store).Exit);
        var printed = Cli.Run("guard", "--store", store, "--json", "--since", "2025-10-15").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(printed);

        using (var down = new WebhookEndpoint(failures: int.MaxValue))
        {
            var failed = Cli.Run("guard", "--store", store, "--json", "--since", "2025-10-15", "--webhook", down.Url.ToString(), "--webhook-tries", "2");
            Assert.Equal(1, failed.Exit);
            Assert.Equal(printed, failed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"{printed.Length} alert(s) could not be delivered to {down.Url} (HTTP 503 Service Unavailable); kept in the store", failed.Error, StringComparison.Ordinal);
            Assert.Equal(2, down.Requests);
        }

        var kept = Cli.Run("guard", "--store", store, "--undelivered", "--json");
        Assert.Equal(1, kept.Exit);
        Assert.Equal(printed, kept.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var table = Cli.Run("guard", "--store", store, "--undelivered");
        Assert.Contains($"{printed.Length} alert(s) not delivered", table.Out, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", table.Out, StringComparison.Ordinal);

        using var up = new WebhookEndpoint(failures: 1);
        var sent = Cli.Run("guard", "--store", store, "--since", "2025-10-15", "--webhook", up.Url.ToString(), "--webhook-tries", "2");
        Assert.Equal(0, sent.Exit);
        Assert.Contains($"{printed.Length} alert(s) delivered to {up.Url}", sent.Error, StringComparison.Ordinal);
        Assert.Equal(printed, up.Accepted);
        Assert.Equal(0, Cli.Run("guard", "--store", store, "--undelivered").Exit);

        // Delivered alerts are not sent again.
        Assert.Equal(0, Cli.Run("guard", "--store", store, "--since", "2025-10-15", "--webhook", up.Url.ToString()).Exit);
        Assert.Equal(printed.Length, up.Accepted.Count);
        Assert.Equal(2, Cli.Run("guard", "--store", store, "--webhook", "ftp://example.org/").Exit);
    }

    [Fact]
    public void Guard_follow_prints_an_alert_as_its_row_is_appended_and_ctrl_c_exits_130_keeping_the_position()
    {
        using var dir = new TempDir();
        var owner = dir.File("owner");
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("synth", "owner", "--insiders", "--out", owner, "--seed", "4").Exit);
        Assert.Equal(0, Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", store).Exit);
        var canary = File.ReadLines(Path.Combine(owner, "canaries.csv")).Skip(1).First().Split(',');
        var someone = File.ReadLines(Path.Combine(owner, "channels.csv")).Skip(1).First().Split(',')[0];
        var live = dir.File("live.csv");
        File.WriteAllText(live, "time,channel_id,customer_id,action,device,ip\n");
        Assert.Equal(2, Cli.Run("guard", "--store", store, "--follow", live, "--since", "2025-10-01").Exit);

        using var session = new TerminalSession(["guard", "--store", store, "--follow", live, "--canaries", Path.Combine(owner, "canaries.csv"), "--json"], string.Empty);
        session.WaitFor("following .*live.csv from line 1 .*Ctrl\\+C stops");
        File.AppendAllText(live, $"2030-01-02T03:04:05+00:00,{someone},{canary[0]},view,d-new,10.9.9.9\n");
        session.WaitFor($"\\{{\"channel\":\"{someone}\",[^\\n]*\"kind\":\"canary\"");
        session.CtrlC();
        Assert.Equal(130, session.WaitForExit());
        session.WaitFor("interrupted; 1 rows taken from .*live.csv up to line 2, kept in the store");
        Assert.DoesNotContain(canary[0], session.Screen, StringComparison.Ordinal);
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
