using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Evaluation;
using Tracemark.Guard;
using Tracemark.Reports;
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
        var follow = CliOptions.InputFile("--follow", "Watch this growing access log as `tail -f` does and print alerts as rows arrive, until Ctrl+C (exit 130). Its position and the guard's state are kept in the store: run the same command again to resume without repeating or missing an alert.");
        var webhook = WebhookOption();
        var tries = CliOptions.Int("--webhook-tries", "Tries per alert before it is kept for the next run (waits of 1, 2, 4 … s between them).", 5, 1, 20);
        var report = CliOptions.OutputFile("--report", "Also write an HTML report: each alert with its evidence and charts of the account's days against its peers' (daily accesses, share outside its outlet, new devices).");
        var reveal = new Option<bool>("--reveal") { Description = "Show account names in full in the HTML report (masked by default: the report may be forwarded)." };
        var undelivered = new Option<bool>("--undelivered") { Description = "List the alerts kept in the store because a webhook could not take them (tries and last failure), then exit: 0 none, 1 some." };
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("guard", "Watch the owner's access log for insiders: rented accounts, bulk copies, scraping, out-of-scope browsing, slow exfiltration, colluding accounts, canary touches.")
        {
            access, since, until, canaries, json, report, reveal, follow, webhook, tries, undelivered, store, key,
        };
        command.SetAction(parse =>
        {
            var followed = parse.GetValue(follow);
            if (followed is not null && (parse.GetValue(access) is not null || parse.GetValue(since) is not null || parse.GetValue(until) is not null || parse.GetValue(report) is not null))
            {
                throw new UsageException("--follow reads the log as it grows and prints alerts as they come: --access, --since, --until and --report do not go with it");
            }

            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            if (parse.GetValue(undelivered))
            {
                return Undelivered(terminal, leaks, parse.GetValue(json));
            }

            using var http = parse.GetValue(webhook) is { } url ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
            var hook = http is null ? null : new GuardWebhook(parse.GetValue(webhook)!, http, parse.GetValue(tries));
            if (followed is not null)
            {
                return Follow(terminal, leaks, followed, parse.GetValue(canaries), parse.GetValue(json), hook);
            }

            var from = parse.GetValue(since);
            var to = parse.GetValue(until);
            var canaryFile = parse.GetValue(canaries);
            var html = parse.GetValue(report);
            var result = ScanCommand.WithSpinner(terminal, "replaying the access log", _ => parse.GetValue(access) is { } file
                ? GuardReplay.FromFile(leaks, file, null, to, canaryFile, report: html is not null)
                : GuardReplay.FromStore(leaks, null, to, canaryFile, report: html is not null));
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

            if (html is not null)
            {
                using var output = new FileStream(html, FileMode.Create, FileAccess.Write);
                GuardReport.Write(result, alerts, output, parse.GetValue(reveal));
                terminal.Error.WriteLine($"tracemark guard: report written to {html}");
            }

            var delivered = true;
            if (hook is not null)
            {
                // Alerts already delivered by an earlier run are not sent again; those it could not deliver are.
                leaks.GuardState.Record([.. alerts.Select(a => (GuardAlertKey.Of(a), GuardAlertJson.Instance.Write(a)))], printed: true);
                delivered = Deliver(terminal, leaks, hook, parse.GetValue(webhook)!, CancellationToken.None);
            }

            return result.Problems.Count > 0 || !delivered ? ExitCodes.InputProblems : ExitCodes.Ok;
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
              tracemark guard --since 2025-10-01 --report alerts.html
              tracemark guard --follow /var/log/crm/access.csv --webhook https://soc.example.com/hooks/guard
              tracemark guard --undelivered
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
                terminal.Out.WriteLine(ReportJson.Serialize(EvalContracts.Guard(reports)));
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

    /// <summary>One alert as one line of JSON (the issue's contract: the guard alert record).</summary>
    internal static string Json(GuardAlert a) => GuardAlertJson.Instance.Write(a);

    private static Option<Uri?> WebhookOption()
    {
        var option = new Option<Uri?>("--webhook") { Description = "POST each alert as JSON (the --json record) to this http(s) URL, trying again with back-off; alerts it cannot take are kept in the store and sent by the next run with --webhook.", HelpName = "URL" };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }

            result.AddError($"--webhook '{text}' is not an http:// or https:// URL");
            return null;
        };
        return option;
    }

    // Sends what the ledger holds undelivered; says on standard error what was kept.
    private static bool Deliver(Terminal terminal, KnownLeakStore leaks, GuardWebhook hook, Uri url, CancellationToken cancellation)
    {
        var c = CultureInfo.InvariantCulture;
        var outcome = hook.DeliverAsync(leaks.GuardState, cancellation).GetAwaiter().GetResult();
        if (outcome.Delivered > 0)
        {
            terminal.Error.WriteLine($"tracemark guard: {outcome.Delivered.ToString("N0", c)} alert(s) delivered to {url}");
        }

        if (outcome.Undelivered == 0)
        {
            return true;
        }

        terminal.Error.WriteLine($"tracemark guard: {outcome.Undelivered.ToString("N0", c)} alert(s) could not be delivered to {url} ({outcome.LastError}); kept in the store and sent again by the next run with --webhook (`tracemark guard --undelivered` lists them)");
        return false;
    }

    private static int Undelivered(Terminal terminal, KnownLeakStore leaks, bool json)
    {
        var kept = GuardWebhook.Undelivered(leaks.GuardState);
        if (json)
        {
            foreach (var e in kept)
            {
                terminal.Out.WriteLine(e.Json);
            }
        }
        else
        {
            terminal.Console.MarkupLine($"[bold]{kept.Count.ToString("N0", CultureInfo.InvariantCulture)}[/] alert(s) not delivered.");
            if (kept.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var h in new[] { "raised", "channel", "kind", "tries", "last failure" })
                {
                    table.AddColumn(h);
                }

                foreach (var e in kept)
                {
                    var a = ReportJson.ReadLine<GuardAlertReport>(e.Json);
                    table.AddRow(Markup.Escape(a.FirstAlert), Markup.Escape(a.Channel), a.Kind, e.Attempts.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.LastError ?? string.Empty));
                }

                terminal.Console.Write(table);
            }
        }

        return kept.Count > 0 ? ExitCodes.InputProblems : ExitCodes.Ok;
    }

    // Reads the log as it grows until Ctrl+C: each read is committed to the store before its alerts are printed.
    private static int Follow(Terminal terminal, KnownLeakStore leaks, string path, string? canaryFile, bool json, GuardWebhook? hook)
    {
        var c = CultureInfo.InvariantCulture;
        using var interruption = Interruption.Listen();
        using var follower = ScanCommand.WithSpinner(terminal, "rebuilding the guard from the store", _ => GuardFollower.Start(leaks, path, GuardAlertJson.Instance, canaryFile));
        foreach (var p in follower.StartProblems)
        {
            terminal.Error.WriteLine($"tracemark guard: {p}");
        }

        var full = Path.GetFullPath(path);
        terminal.Error.WriteLine($"tracemark guard: following {full} from line {(follower.Position.Line + 1).ToString("N0", c)} ({follower.JournalRows.ToString("N0", c)} rows of earlier runs replayed); Ctrl+C stops");
        void Print(IEnumerable<GuardRaised> raised)
        {
            foreach (var r in raised)
            {
                if (json)
                {
                    terminal.Out.WriteLine(r.Json);
                }
                else
                {
                    terminal.Out.WriteLine($"{GuardAlertTime.Text(r.Alert.FirstAlert)}  {r.Alert.Channel}  {r.Alert.Kind}  {r.Alert.Score.ToString("0.00", c)}  {string.Join("; ", r.Alert.Evidence)}");
                }

                terminal.Out.Flush();
                follower.Printed(r.Key);
            }
        }

        Print(follower.Unprinted);
        using var changed = new AutoResetEvent(false);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full)) { NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite | NotifyFilters.FileName };
        watcher.Changed += (_, _) => changed.Set();
        watcher.Created += (_, _) => changed.Set();
        watcher.EnableRaisingEvents = true;
        long skippedSaid = 0;
        try
        {
            while (!interruption.Requested)
            {
                GuardPoll poll;
                do
                {
                    poll = follower.Poll();
                    foreach (var p in poll.Problems)
                    {
                        terminal.Error.WriteLine($"tracemark guard: {p}");
                    }

                    Print(poll.Alerts);
                    if (hook is not null && poll.Alerts.Count > 0)
                    {
                        Deliver(terminal, leaks, hook, hook.Url, interruption.Token);
                    }
                }
                while (poll.More && !interruption.Requested);

                if (follower.Skipped > skippedSaid)
                {
                    skippedSaid = follower.Skipped;
                    terminal.Error.WriteLine($"tracemark guard: {skippedSaid.ToString("N0", c)} row(s) at the start of {full} are older than the imported history and were skipped");
                }

                // A change to the file wakes the loop; the timeout is a fallback for file systems that do not notify.
                WaitHandle.WaitAny([changed, interruption.Token.WaitHandle], TimeSpan.FromSeconds(1));
            }
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            // a webhook wait cut short: its alert stays undelivered in the store
        }

        terminal.Error.WriteLine($"tracemark guard: interrupted; {follower.Position.Rows.ToString("N0", c)} rows taken from {full} up to line {follower.Position.Line.ToString("N0", c)}, kept in the store (the same command resumes there)");
        return ExitCodes.Interrupted;
    }

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
