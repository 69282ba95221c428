using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tracemark.Evaluation;
using Tracemark.Guard;
using Tracemark.Store;
using Tracemark.Synthetic.Owners;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark guard` and `tracemark eval guard` (issue 19, docs/guard.md).</summary>
internal static class GuardCommand
{
    public static (Command, string) Create(Terminal terminal)
    {
        var access = CliOptions.InputFile("--access", "Read this access log (time,channel_id,customer_id,action,device,ip) in its own order instead of the imported history; its channels and customers must be imported.");
        var since = Time("--since", "Print only alerts raised at or after this time (ISO 8601 date or date and time; the history before still teaches the baselines).");
        var until = Time("--until", "Stop the replay before this time.");
        var canaries = CliOptions.InputFile("--canaries", "CSV with a customer_id column (and optionally channel_id): customers planted as canaries; any touch is an alert.");
        var json = CliOptions.Json("Print one JSON object per alert per line: channel, from, to, first_alert, score, kind, evidence.");
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("guard", "Watch the owner's access log for insiders: rented accounts, bulk copies, scraping, out-of-scope browsing, slow exfiltration, colluding accounts, canary touches.")
        {
            access, since, until, canaries, json, store, key,
        };
        command.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var from = parse.GetValue(since);
            var to = parse.GetValue(until);
            var canaryFile = parse.GetValue(canaries);
            var result = ScanCommand.WithSpinner(terminal, "replaying the access log", _ => parse.GetValue(access) is { } file
                ? GuardReplay.FromFile(leaks, file, null, to, canaryFile)
                : GuardReplay.FromStore(leaks, null, to, canaryFile));
            var alerts = result.Alerts.Where(a => from is null || a.FirstAlert >= from).OrderBy(a => a.FirstAlert).ToList();
            foreach (var p in result.Problems)
            {
                terminal.Error.WriteLine($"tracemark guard: {p}");
            }

            if (parse.GetValue(json))
            {
                foreach (var a in alerts)
                {
                    terminal.Out.WriteLine(Json(a));
                }
            }
            else
            {
                Render(terminal.Console, alerts, result.Rows);
            }

            return result.Problems.Count > 0 ? ExitCodes.InputProblems : ExitCodes.Ok;
        });
        return (command, """
            Replays the access history imported with `tracemark owner import` in time order, as a running guard would
            have seen it (an alert at time t uses only rows up to t), and prints each alert with its channel, the span
            of the suspicious activity, when it would have been raised, a score from 0 to 1, its kind and the evidence
            in words. Each channel is compared with its own weekday/hour baseline and with its peers on the same day
            (a peak season lifts everyone), with the units its customers belong to (customers.csv `unit`), with the
            devices and networks it used before, and with the customer numbers it asked for (enumeration). A canary
            customer touched is always an alert. Output names channels, units and devices, never a customer's
            identifiers. Exit status: 0 when every row could be used, 1 when some rows were refused (listed on standard
            error with file and line), 2 on a usage error.

            Examples:
              tracemark synth owner --insiders --out owner
              tracemark owner import --channels owner/channels.csv --customers owner/customers.csv --access owner/access.csv
              tracemark guard --canaries owner/canaries.csv
              tracemark guard --json --since 2025-10-01 > alerts.jsonl
            """);
    }

    /// <summary>`tracemark eval guard`.</summary>
    public static Command Eval(Terminal terminal)
    {
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds: one simulated owner per seed.", DefaultValueFactory = _ => "1,2,3,4", HelpName = "N,N,…" };
        var simulation = CliOptions.Choice("--simulation", "standard (the owner the guard was tuned on), alternate (other sizes, shifts, season and episode strengths) or both.", "both", new Dictionary<string, string>(StringComparer.Ordinal) { ["standard"] = "standard", ["alternate"] = "alternate", ["both"] = "both" });
        var json = CliOptions.Json();
        var command = new Command("guard", "Score `tracemark guard` and a naive volume rule on simulated access logs with insider episodes and hard negatives.")
        {
            seeds, simulation, json,
        };
        command.SetAction(parse =>
        {
            var list = new List<long>();
            foreach (var part in (parse.GetValue(seeds) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                {
                    throw new UsageException($"--seeds: '{part}' is not a whole number");
                }

                list.Add(s);
            }

            if (list.Count == 0)
            {
                throw new UsageException("--seeds: give at least one seed");
            }

            var which = parse.GetValue(simulation);
            var reports = new List<GuardEvaluationReport>();
            if (which is "standard" or "both")
            {
                reports.Add(EvalCommand.WithProgress(terminal, "standard simulation", p => GuardEvaluation.Run(new InsiderOptions(), list, "standard", p)));
            }

            if (which is "alternate" or "both")
            {
                reports.Add(EvalCommand.WithProgress(terminal, "alternate simulation", p => GuardEvaluation.Run(InsiderOptions.Alternate, [.. list.Select(s => s + 1000)], "alternate", p)));
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(JsonSerializer.Serialize(reports, StoreCommands.JsonOptions));
                return ExitCodes.Ok;
            }

            foreach (var r in reports)
            {
                RenderScores(terminal.Console, r);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<DateTimeOffset?> Time(string name, string description)
    {
        var option = new Option<DateTimeOffset?>(name) { Description = description, HelpName = "TIME" };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }

            result.AddError($"{name} '{text}' is not an ISO 8601 date or date and time (2025-10-01 or 2025-10-01T08:00:00+08:00)");
            return null;
        };
        return option;
    }

    private static readonly JsonSerializerOptions Line = new(StoreCommands.JsonOptions) { WriteIndented = false };

    /// <summary>One alert as one line of JSON (the issue's contract).</summary>
    internal static string Json(GuardAlert a) => JsonSerializer.Serialize(new
    {
        channel = a.Channel,
        from = a.From.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        to = a.To.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        first_alert = a.FirstAlert.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        score = a.Score,
        kind = a.Kind,
        evidence = a.Evidence,
    }, Line);

    private static void Render(IAnsiConsole console, List<GuardAlert> alerts, long rows)
    {
        var c = CultureInfo.InvariantCulture;
        console.MarkupLine($"{rows.ToString("N0", c)} access rows replayed; [bold]{alerts.Count.ToString("N0", c)}[/] alert(s).");
        if (alerts.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in new[] { "raised", "channel", "kind", "score", "evidence" })
        {
            table.AddColumn(h);
        }

        foreach (var a in alerts)
        {
            table.AddRow(a.FirstAlert.ToString("MM-dd HH:mm", c), Markup.Escape(a.Channel), a.Kind, a.Score.ToString("0.00", c), Markup.Escape(string.Join("\n", a.Evidence)));
        }

        console.Write(table);
    }

    private static void RenderScores(IAnsiConsole console, GuardEvaluationReport r)
    {
        var c = CultureInfo.InvariantCulture;
        console.MarkupLine($"[bold]{r.Simulation}[/] simulation, seeds {string.Join(",", r.Seeds)}: {r.Rows.ToString("N0", c)} rows, {r.ChannelDays.ToString("N0", c)} channel-days.");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in new[] { "detector", "recall", "delay short (h)", "delay slow (d)", "false /1k ch-days", "precision", "alerts" })
        {
            table.AddColumn(h);
        }

        foreach (var s in new[] { r.Guard, r.Naive })
        {
            table.AddRow(s.Detector, $"{s.Recall.ToString("0.000", c)} ({s.Caught}/{s.Episodes})", s.MedianDelayHoursShort?.ToString("0.0", c) ?? "–", s.MedianDelayDaysSlow?.ToString("0.0", c) ?? "–", s.FalsePer1000ChannelDays.ToString("0.00", c), s.Precision.ToString("0.000", c), s.Alerts.ToString(c));
        }

        console.Write(table);
        console.MarkupLine("guard by kind: " + Markup.Escape(string.Join(", ", r.Guard.ByKind.Select(k => $"{k.Key} {k.Value}"))));
        if (r.Guard.FalseByNegative.Count > 0)
        {
            console.MarkupLine("guard's false alerts fell on: " + Markup.Escape(string.Join(", ", r.Guard.FalseByNegative.Select(k => $"{k.Key} {k.Value}"))));
        }
    }
}
