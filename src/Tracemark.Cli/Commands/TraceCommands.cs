using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Tracing.Owner;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark owner import` and `tracemark trace` (docs/trace.md, docs/owner-data.md).</summary>
internal static class TraceCommands
{
    public static (Command, string) Owner(Terminal terminal)
    {
        var customers = CliOptions.InputFile("--customers", "customers.csv: customer_id plus identifier columns named by kind (mobile, cn_id, email …).");
        var channels = CliOptions.InputFile("--channels", "channels.csv: channel_id,kind,unit,active_from,active_to.");
        var access = CliOptions.InputFile("--access", "access.csv: time,channel_id,customer_id,action[,device,ip,fields].");
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var import = new Command("import", "Load the owner's customers (as keyed tags), channels and access log into the store; files already imported are skipped.")
        {
            customers, channels, access, store, key,
        };
        import.Validators.Add(result =>
        {
            if (result.GetResult(customers) is null && result.GetResult(channels) is null && result.GetResult(access) is null)
            {
                result.AddError("give at least one of --customers, --channels, --access");
            }
        });
        import.SetAction(parse =>
        {
            // Each file is imported in one transaction: Ctrl+C lets the file in hand finish, imports no further file and
            // says which were imported (a second Ctrl+C stops at once, and that file's transaction is rolled back).
            using var interruption = Interruption.Listen();
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: true);
            var owner = new OwnerStore(leaks);
            var results = new List<ImportResult>();

            // Channels and customers first: access rows refer to both.
            var files = new (string? Path, Func<string, ScanMonitor, ImportResult> Import)[] { (parse.GetValue(channels), owner.ImportChannels), (parse.GetValue(customers), owner.ImportCustomers), (parse.GetValue(access), owner.ImportAccess) };
            var skipped = new List<string>();
            foreach (var (path, import) in files)
            {
                if (path is null)
                {
                    continue;
                }

                if (interruption.Requested)
                {
                    skipped.Add(path);
                    continue;
                }

                results.Add(ScanCommand.WithProgress(terminal, $"importing {Path.GetFileName(path)}", monitor => import(path, monitor), interruption: interruption, stopping: $"finishing {Path.GetFileName(path)}"));
            }

            foreach (var r in results)
            {
                terminal.Console.MarkupLine(r.Unchanged
                    ? $"[yellow]unchanged[/]: {Markup.Escape(r.File)} was imported before"
                    : $"[green]imported[/] {r.Rows.ToString("N0", CultureInfo.InvariantCulture)} {r.Kind} row(s) from {Markup.Escape(r.File)}{(r.Problems.Count > 0 ? $", [red]{r.Problems.Count} refused[/]" : string.Empty)}");
                foreach (var p in r.Problems.Take(20))
                {
                    terminal.Console.MarkupLine($"  [red]•[/] {Markup.Escape(p)}");
                }
            }

            if (skipped.Count > 0)
            {
                terminal.Error.WriteLine($"tracemark owner import: interrupted; not imported: {string.Join(", ", skipped)} (run the same command again: imported files are skipped)");
                return ExitCodes.Interrupted;
            }

            return results.Any(r => r.Problems.Count > 0) ? ExitCodes.InputProblems : ExitCodes.Ok;
        });
        var command = new Command("owner", "The data owner's side: customers, channels and access log for `tracemark trace`.") { import };
        return (command, """
            `owner import` reads the three owner files (docs/owner-data.md) into the store: each customer's identifiers
            become keyed tags (no plaintext), channels are kept by name, and every access row is stored with, per
            customer and channel, the first and last access — what `tracemark trace` reads. A file imported before (same
            SHA-256) is skipped; new files add to what is there. Rows that cannot be read are listed with their line.
            Each file is imported in one transaction: Ctrl+C finishes the file in hand, imports no further file and
            names those left (exit 130); the same command again imports them.

            Examples:
              tracemark synth owner --out owner --customers 20000 --outlets 10 --employees-per-outlet 10
              tracemark owner import --channels owner/channels.csv --customers owner/customers.csv --access owner/access.csv
            """);
    }

    public static (Command, string) Canary(Terminal terminal)
    {
        var channel = new Option<string>("--channel") { Description = "The channel the canaries are shown to (and only it).", Required = true, HelpName = "CHANNEL" };
        var count = CliOptions.Int("--count", "How many canaries.", 5, 1, 100_000, "N", "-n");
        var phones = CliOptions.InputFile("--phones", "Mobile numbers you monitor, one per line (else synthetic).");
        var emails = CliOptions.InputFile("--emails", "E-mail addresses you monitor, one per line (else synthetic).");
        var output = CliOptions.OutputFile("--out", "Where to write the canaries in clear (default: canaries-CHANNEL.csv). Keep it private; an existing file is never overwritten without --force.", "FILE", "-o");
        var force = new Option<bool>("--force") { Description = "Overwrite the --out file (it may be the only clear copy of earlier canaries)." };
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var issue = new Command("issue", "Create canary customers shown to one channel only: a canary in a leak names that channel.")
        {
            channel, count, phones, emails, output, force, store, key,
        };
        issue.SetAction(parse =>
        {
            static List<string>? Lines(string? path) => path is null ? null : [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0)];
            var name = parse.GetValue(channel)!;
            var path = parse.GetValue(output) ?? $"canaries-{string.Concat(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-' ? ch : '_'))}.csv";
            // Checked before the store registers anyone: the file may be the only clear copy of earlier canaries.
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new UsageException($"{path} exists and may hold earlier canaries in clear; give another --out, or --force to overwrite it");
            }

            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var people = new OwnerStore(leaks).IssueCanaries(name, parse.GetValue(count), Lines(parse.GetValue(phones)), Lines(parse.GetValue(emails)));
            using (var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)))
            {
                w.WriteLine("name,mobile,cn_id,email,address");
                foreach (var p in people)
                {
                    w.WriteLine($"{p.Name},{p.Mobile},{p.ResidentId},{p.Email},{p.Address}");
                }
            }

            terminal.Console.MarkupLine($"Issued {people.Count} canaries to [bold]{Markup.Escape(name)}[/]; the store holds their tags. In clear, to plant in that channel's view only: {Markup.Escape(path)}");
            return ExitCodes.Ok;
        });
        var command = new Command("canary", "Canary customers: fake people shown to one channel, so a leak that contains one names it.") { issue };
        return (command, """
            A canary has a valid-looking synthetic identity (mobile and e-mail from pools you monitor, when given) and is
            registered as a customer whom only the given channel is shown. In a trace, a canary has no innocent
            explanation: only its channel could have leaked it. At a seeding rate r, a sample of k records holds at
            least one canary with probability 1 − (1 − r)^k (r = 1 %: 39.5 % at k = 50, 99.3 % at k = 500).

            Examples:
              tracemark canary issue --channel emp-outlet07-01 --count 10
              tracemark canary issue --channel partner-3 --count 20 --phones monitored-phones.txt --out partner3-canaries.csv
            """);
    }

    public static (Command, string) Trace(Terminal terminal)
    {
        var paths = CliOptions.Inputs("PATH", "The leaked sample: files or folders (or - for standard input), read like `tracemark scan` reads them.");
        var seen = StoreCommands.SeenOption("When the sample was seen, YYYY-MM-DD (default: today): accesses after it do not count.");
        var json = CliOptions.Json();
        var report = CliOptions.OutputFile("--report", "Write the investigator's HTML report to FILE (identifiers masked).");
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("trace", "Which channel leaked a sample: ranked channels with probabilities, the evidence, and a verdict.")
        {
            paths, seen, json, report, store, key,
        };
        command.SetAction(parse =>
        {
            var seenDate = StoreCommands.SeenOrToday(parse, seen);
            // Ctrl+C while the sample is read or the channels are weighed stops with nothing written: a verdict on part
            // of a sample would be a verdict on another sample. Once the outputs are being written they are finished.
            using var interruption = Interruption.Listen();
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var monitor = new ScanMonitor();
            TraceReport result;
            try
            {
                result = ScanCommand.WithProgress(terminal, "tracing", m => new Tracer(leaks).Trace(new ScanOptions { Paths = parse.GetValue(paths) ?? [], Stdin = () => terminal.Input }, seenDate, m, interruption.Token), monitor: monitor, interruption: interruption);
                interruption.Token.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                terminal.Error.WriteLine($"tracemark trace: interrupted after reading {monitor.Records.ToString("N0", CultureInfo.InvariantCulture)} records of the sample; nothing was written (a trace weighs the whole sample)");
                return ExitCodes.Interrupted;
            }

            var html = parse.GetValue(report);
            if (html is not null)
            {
                using var file = File.Create(html);
                Tracemark.Tracing.Output.TraceHtml.Write(result, file);
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(AttributionReport.From(result)));
            }
            else
            {
                Render(terminal.Console, result);
            }

            if (interruption.Requested)
            {
                terminal.Error.WriteLine($"tracemark trace: interrupted while writing; {(html is null ? "the output was" : $"{html} and the output were")} written whole");
                return ExitCodes.Interrupted;
            }

            return result.Scan.Complete ? ExitCodes.Ok : ExitCodes.InputProblems;
        });
        return (command, """
            Scans the sample, matches each record to the owner's customers through keyed tags, and weighs every channel
            (and colluding sets, and "none of these channels") by how well the customers it accessed before --seen
            explain the sample, allowing for records obtainable elsewhere (already in known leaks). Canaries are
            decisive. The verdict is attributed (one explanation at ≥ 90 %), shortlist, or undetermined — the last when
            the evidence cannot separate the candidates, such as admins who saw everyone. Model: docs/trace.md.

            Ctrl+C stops reading and writes nothing (a verdict on part of a sample would be one on another sample);
            exit 130.

            Examples:
              tracemark trace seller-sample.xlsx --seen 2025-12-01
              tracemark trace sample.csv --json > trace.json
              tracemark trace sample.csv --seen 2025-12-01 --report trace.html
            """);
    }

    /// <summary>Columns the nine-column evidence table needs before its cells start to wrap.</summary>
    internal const int WideEvidence = 150;

    private static Table EvidenceTable(TraceReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var ev = new Table().Border(TableBorder.Rounded).Title("the access log on the leading candidates");
        foreach (var h in new[] { "channel", "kind", "explained", "never accessed", "accessed in all", "first / last access", "off-hours", "devices (new)", "busiest day × median" })
        {
            ev.AddColumn(h);
        }

        foreach (var e in r.Evidence)
        {
            ev.AddRow(Markup.Escape(e.Channel), Markup.Escape($"{e.Kind} {e.Unit}".Trim()), e.Explained.ToString(c), e.NeverAccessed.ToString(c), e.AccessedCustomers.ToString("N0", c),
                $"{e.FirstAccess:yyyy-MM-dd HH:mm} / {e.LastAccess:yyyy-MM-dd HH:mm}", e.OffHoursShare.ToString("P0", c), $"{e.Devices} ({e.NewDevices})",
                e.MedianAccesses > 0 ? $"{e.PeakDay:yyyy-MM-dd} {(e.PeakAccesses / e.MedianAccesses).ToString("0.0", c)}×" : "–");
        }

        return ev;
    }

    // Narrow terminals: one row per candidate, its facts as short lines that wrap between words, never inside one.
    private static Table NarrowEvidenceTable(TraceReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var ev = new Table().Border(TableBorder.Rounded).Title("the access log on the leading candidates");
        ev.AddColumn("channel");
        ev.AddColumn("evidence");
        foreach (var e in r.Evidence)
        {
            var busiest = e.MedianAccesses > 0 ? $"busiest day {e.PeakDay:yyyy-MM-dd}, {(e.PeakAccesses / e.MedianAccesses).ToString("0.0", c)}× the median" : "no busiest day";
            ev.AddRow(
                new Markup($"{Markup.Escape(e.Channel)}\n[grey]{Markup.Escape($"{e.Kind} {e.Unit}".Trim())}[/]"),
                new Markup(Markup.Escape(string.Join('\n', [
                    $"explained {e.Explained.ToString(c)}, never accessed {e.NeverAccessed.ToString(c)}",
                    $"accessed {e.AccessedCustomers.ToString("N0", c)} customers in all",
                    $"first {e.FirstAccess:yyyy-MM-dd HH:mm}",
                    $"last {e.LastAccess:yyyy-MM-dd HH:mm}",
                    $"off-hours {e.OffHoursShare.ToString("P0", c)}, devices {e.Devices} ({e.NewDevices} new)",
                    busiest,
                ]))));
        }

        return ev;
    }

    private static void Render(IAnsiConsole console, TraceReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var color = r.Verdict switch { "attributed" => "red", "shortlist" => "yellow", _ => "grey" };
        console.MarkupLine($"[bold]{Markup.Escape(r.Sample)}[/]: {r.Records} records, {r.Matched} matched to customers ({r.Known} already in known leaks); seen {r.Seen:yyyy-MM-dd}.");
        console.MarkupLine($"Verdict: [{color} bold]{r.Verdict}[/]   (share of the sample put down to other sources: {r.BackgroundShare.ToString("P0", c)})");
        var table = new Table().Border(TableBorder.Rounded).Title("explanations, most probable first");
        table.AddColumn("channel(s)");
        table.AddColumn(new TableColumn("probability").RightAligned());
        table.AddColumn(new TableColumn("records explained").RightAligned());
        table.AddColumn(new TableColumn("canaries").RightAligned());
        foreach (var h in r.Ranked.Take(8))
        {
            table.AddRow(h.Channels.Count == 0 ? "[grey]none of these channels[/]" : Markup.Escape(string.Join(" + ", h.Channels)), h.Posterior.ToString("P1", c), h.Explained.ToString(c), h.Canaries.ToString(c));
        }

        console.Write(table);
        if (r.Evidence.Count > 0)
        {
            console.Write(console.Profile.Width >= WideEvidence ? EvidenceTable(r) : NarrowEvidenceTable(r));
        }

        foreach (var caveat in r.Caveats)
        {
            console.MarkupLine($"[grey]• {Markup.Escape(caveat)}[/]");
        }

        ScanCommand.RenderProblems(console, r.Scan);
    }
}
