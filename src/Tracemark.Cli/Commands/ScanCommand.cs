using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Identifiers;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Scanning.Output;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark scan PATH...`: what personal data leaked files hold, how many people, how serious.</summary>
internal static class ScanCommand
{
    private const string Summary = "Find, validate and count the personal data in leaked files: kinds, records, distinct persons, legal tiers.";

    /// <summary>The command (one-line description) and the details its --help adds.</summary>
    public static (Command Command, string Details) Create(Terminal terminal)
    {
        var paths = CliOptions.Inputs("PATH", "Files, folders (walked recursively) or - for standard input. Zip archives are opened, nested ones too.");
        var findings = CliOptions.OutputFile("--findings", "Write every finding as JSON Lines to FILE (canonical values in clear).");
        var summaryJson = CliOptions.OutputFile("--summary-json", "Write the summary as JSON to FILE (no identifiers in it).");
        var report = CliOptions.OutputFile("--report", "Write a self-contained HTML report to FILE (identifiers masked unless --reveal).");
        var json = CliOptions.Json("Print the summary as JSON on standard output instead of tables.");
        var reveal = new Option<bool>("--reveal") { Description = "Show example identifiers in full (masked by default)." };
        var insider = new Option<bool>("--insider") { Description = "Insider case (data obtained in the course of duties): halve the legal thresholds." };
        var encoding = CliOptions.Choice<string?>("--encoding", "Force the text encoding (detected by default).", null, Encodings);
        var againstStore = new Option<bool>("--against-store") { Description = "Also compare with the known-leak store: overlap, freshness, test-sample check (as `tracemark compare`)." };
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var minConfidence = CliOptions.Number("--min-confidence", "Ignore findings below this confidence.", 0.5, 0, 1);
        var failOnFound = FailOnFoundOption();
        var details = """
            Reads CSV/TSV and other delimited text, XLSX and XLS (every sheet), JSON and JSON Lines, plain text and chat
            logs, in UTF-8, UTF-16 or GBK/GB18030, inside zip archives too (members named a.zip!inner.csv). Columns are read
            by their headers (Chinese and English) or their values; free text by recognizers with context words, so an
            ID-shaped number under 订单号 or after 流水号 is not reported. Records sharing a resident ID or mobile are one
            person. The legal view counts persons per category against 法释〔2017〕10号's thresholds.

            Examples:
              tracemark scan samples/
              tracemark scan seized/ --findings findings.jsonl --summary-json summary.json --report report.html
              tracemark scan leak.csv --encoding gbk --insider
              tracemark scan sample.xlsx --against-store
              cat dump.txt | tracemark scan -
              tracemark scan outbox/ --fail-on-found cn_id,mobile,bank_card --json > found.json

            Ctrl+C stops after the record in hand: the findings file is closed with every finding of the records read,
            and the command says how far it got (exit 130).

            Exit status: 0 when every input was read (and, with --fail-on-found, nothing was found), 1 when any input
            could not be read in full (each problem is listed with its file and record) or --fail-on-found found
            personal data, 2 on usage errors, 130 when interrupted.
            """;
        var command = new Command("scan", Summary)
        {
            paths, findings, summaryJson, report, json, reveal, insider, encoding, minConfidence, failOnFound, againstStore, store, key,
        };
        command.SetAction(parse =>
        {
            var findingsPath = parse.GetValue(findings);
            using var interruption = Interruption.Listen();
            using var findingsStream = findingsPath is null ? null : new LineCountingStream(new FileStream(findingsPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));
            var options = new ScanOptions
            {
                Paths = parse.GetValue(paths) ?? [],
                Findings = findingsStream,
                Encoding = parse.GetValue(encoding),
                Insider = parse.GetValue(insider),
                MinConfidence = (float)parse.GetValue(minConfidence),
                Stdin = () => terminal.Input,
            };
            var monitor = new ScanMonitor();
            Tracemark.Store.Comparison? comparison = null;
            ScanSummary summary;
            try
            {
                if (parse.GetValue(againstStore))
                {
                    using var leaks = Tracemark.Store.KnownLeakStore.Open(Tracemark.Store.StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
                    comparison = WithProgress(terminal, "scanning", m => leaks.Compare(options, DateOnly.FromDateTime(DateTime.Now), null, m, interruption.Token), monitor: monitor, interruption: interruption);
                    summary = comparison.Scan;
                }
                else
                {
                    summary = WithProgress(terminal, "scanning", m => Scanner.Scan(options, m, interruption.Token), monitor: monitor, interruption: interruption);
                }
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                findingsStream?.Flush();
                var c = CultureInfo.InvariantCulture;
                var written = findingsStream is null ? string.Empty : $"; {findingsPath} holds their {findingsStream.Lines.ToString("N0", c)} findings, each line whole";
                terminal.Error.WriteLine($"tracemark scan: interrupted after {monitor.Records.ToString("N0", c)} records{written}; no summary was written");
                return ExitCodes.Interrupted;
            }

            var show = parse.GetValue(reveal);
            if (parse.GetValue(summaryJson) is { } path)
            {
                using var file = File.Create(path);
                ReportJson.Write(ScanReport.From(summary), file);
            }

            if (parse.GetValue(report) is { } htmlPath)
            {
                using var file = File.Create(htmlPath);
                HtmlReport.Write(summary, file, show);
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(comparison is null
                    ? ReportJson.Serialize(ScanReport.From(summary))
                    : ReportJson.Serialize(new ScanWithStoreReport(ScanReport.From(summary), ComparisonReport.From(comparison))));
            }
            else
            {
                Render(terminal.Console, summary, show);
                if (comparison is not null)
                {
                    StoreCommands.Render(terminal.Console, comparison, problems: false);
                }
            }

            if (parse.GetResult(failOnFound) is not null)
            {
                var wanted = parse.GetValue(failOnFound) ?? [];
                var found = summary.Occurrences.Where(kv => kv.Value > 0 && (wanted.Length == 0 || wanted.Contains(kv.Key))).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
                if (found.Count > 0)
                {
                    terminal.Error.WriteLine($"tracemark scan: personal data found ({string.Join(", ", found)}); failing as --fail-on-found asks");
                    return ExitCodes.InputProblems;
                }
            }

            return summary.Complete ? ExitCodes.Ok : ExitCodes.InputProblems;
        });
        return (command, details);
    }

    internal static readonly Dictionary<string, string?> Encodings = new(StringComparer.Ordinal)
    {
        ["utf-8"] = "utf-8",
        ["utf-16le"] = "utf-16le",
        ["utf-16be"] = "utf-16be",
        ["gbk"] = "gbk",
        ["gb18030"] = "gb18030",
    };

    /// <summary>`--fail-on-found [KIND…]`: exit 1 when personal data (of the KINDs given, else of any kind) is found.</summary>
    internal static Option<string[]> FailOnFoundOption()
    {
        var option = new Option<string[]>(FailOnFound)
        {
            Description = "Exit 1 when personal data is found: of any kind, or of the KINDs given (" + string.Join(", ", IdentifierKinds.All.Select(k => k.Code())) + ").",
            HelpName = "KIND,…",
            // Always one token: GatherFailOnFound collects the KINDs (or none) into it before parsing.
            Arity = ArgumentArity.ExactlyOne,
        };
        option.CustomParser = result => [.. result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(k => k != AnyKind)
            .Distinct(StringComparer.Ordinal)];
        option.Validators.Add(result =>
        {
            foreach (var kind in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!IdentifierKinds.TryParse(kind, out _))
                {
                    var near = Suggestions.Nearest(kind, IdentifierKinds.All.Select(k => k.Code()));
                    result.AddError($"{FailOnFound}: unknown kind '{kind}'{(near is null ? string.Empty : $"; did you mean '{near}'?")}");
                }
            }
        });
        return option;
    }

    private const string FailOnFound = "--fail-on-found";
    private const string AnyKind = "any";

    /// <summary>
    /// Gives `--fail-on-found` its KINDs as one token before parsing: the words right after it that are kind codes
    /// (one per word or comma-separated), else "any". So `--fail-on-found outbox/` leaves outbox/ to be scanned.
    /// </summary>
    internal static string[] GatherFailOnFound(string[] args)
    {
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
            {
                result.AddRange(args[i..]);
                break;
            }

            if (args[i] != FailOnFound)
            {
                result.Add(args[i]);
                continue;
            }

            var kinds = new List<string>();
            while (i + 1 < args.Length && args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts && parts.All(p => IdentifierKinds.TryParse(p, out _)))
            {
                kinds.AddRange(parts);
                i++;
            }

            result.Add($"{FailOnFound}={(kinds.Count == 0 ? AnyKind : string.Join(',', kinds))}");
        }

        return [.. result];
    }

    /// <summary>Runs scan-driven work with a progress bar on standard error when it is a terminal.</summary>
    /// <param name="terminal">Where to draw.</param>
    /// <param name="what">The first bar's label.</param>
    /// <param name="work">The work, given the scan's live counters.</param>
    /// <param name="then">A later phase's label, done and total (null until it starts), shown as a second bar.</param>
    /// <param name="monitor">The counters to use (the caller reads them after an interruption), else new ones.</param>
    /// <param name="interruption">Once Ctrl+C is pressed, the bar says <paramref name="stopping"/> until the work ends.</param>
    /// <param name="stopping">What the work does after Ctrl+C.</param>
    internal static T WithProgress<T>(Terminal terminal, string what, Func<ScanMonitor, T> work, Func<(string Label, long Done, long Total)?>? then = null, ScanMonitor? monitor = null, Interruption? interruption = null, string stopping = "stopping")
    {
        monitor ??= new ScanMonitor();
        if (!terminal.ShowsProgress)
        {
            return work(monitor);
        }

        T? result = default;
        terminal.Progress.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 24 }, new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(what, maxValue: 1);
                ProgressTask? second = null;
                var running = Task.Run(() => work(monitor));
                while (!Finished(running, 100))
                {
                    // Standard input has no size to measure against: the bar then only shows that work goes on.
                    task.IsIndeterminate = monitor.TotalBytes == 0;
                    task.MaxValue = Math.Max(1, monitor.TotalBytes);
                    task.Value = Math.Min(monitor.BytesRead, task.MaxValue);
                    var records = $"{monitor.Records.ToString("N0", CultureInfo.InvariantCulture)} records";
                    task.Description = interruption is { Requested: true }
                        ? $"{Stopping(stopping)} · {records}"
                        : $"{what}: {Markup.Escape(Shorten(monitor.Current))} · {records}";
                    if (then?.Invoke() is { } phase)
                    {
                        task.Value = task.MaxValue;
                        second ??= ctx.AddTask(phase.Label, maxValue: phase.Total);
                        second.MaxValue = phase.Total;
                        second.Value = phase.Done;
                    }
                }

                result = running.GetAwaiter().GetResult();
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Runs work without a measure of its size under a spinner with the elapsed time on a terminal.</summary>
    internal static T WithSpinner<T>(Terminal terminal, string what, Func<Action<string>, T> work)
    {
        if (!terminal.ShowsProgress)
        {
            return work(_ => { });
        }

        T? result = default;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        terminal.Progress.Status().Start(what, ctx =>
        {
            var status = what;
            var running = Task.Run(() => work(s => Volatile.Write(ref status, s)));
            while (!Finished(running, 200))
            {
                ctx.Status($"{Markup.Escape(Volatile.Read(ref status))} · {clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
            }

            result = running.GetAwaiter().GetResult();
        });
        return result!;
    }

    /// <summary>What a progress line starts with once Ctrl+C is pressed: the work is finishing, not stuck (short: the
    /// bar, percentage and times share 80 columns with it).</summary>
    internal static string Stopping(string stopping) => $"[yellow]{Markup.Escape(stopping)}[/]";

    /// <summary>Waits for work without throwing: its exception (a cancellation too) is rethrown as it is by the caller.</summary>
    internal static bool Finished(Task running, int milliseconds) => ((IAsyncResult)running).AsyncWaitHandle.WaitOne(milliseconds);

    private static string Shorten(string s) => s.Length <= 40 ? s : "…" + s[^39..];

    internal static void Render(IAnsiConsole console, ScanSummary s, bool reveal)
    {
        var c = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", c);
        console.MarkupLine(
            $"Scanned [bold]{N(s.Files)}[/] input(s), [bold]{N(s.Records)}[/] records, {(s.Bytes / 1048576.0).ToString("0.0", c)} MB in {s.Elapsed.TotalSeconds.ToString("0.0", c)} s: " +
            $"[bold]{N(s.Persons)}[/] distinct persons.");

        var kinds = new Table().Border(TableBorder.Rounded).Title("personal data found");
        kinds.AddColumn("kind");
        kinds.AddColumn(new TableColumn("distinct").RightAligned());
        kinds.AddColumn(new TableColumn("occurrences").RightAligned());
        kinds.AddColumn("examples");
        foreach (var (code, occurrences) in s.Occurrences.OrderByDescending(kv => kv.Value))
        {
            var kind = IdentifierKinds.Parse(code);
            var examples = s.Examples.TryGetValue(code, out var values)
                ? string.Join("  ", values.Select(v => reveal ? v : Masking.Mask(kind, v)))
                : string.Empty;
            kinds.AddRow(
                Markup.Escape(kind.Label()),
                s.Kinds.TryGetValue(code, out var distinct) ? N(distinct) : "[grey]partial[/]",
                N(occurrences),
                Markup.Escape(examples));
        }

        console.Write(kinds);

        var tiers = new Table().Border(TableBorder.Rounded).Title($"legal view{(s.Tiers.Insider ? " (insider: thresholds halved)" : string.Empty)}");
        tiers.AddColumn("category");
        tiers.AddColumn(new TableColumn("persons").RightAligned());
        tiers.AddColumn(new TableColumn("serious at").RightAligned());
        tiers.AddColumn(new TableColumn("× serious").RightAligned());
        foreach (var t in s.Tiers.Categories.Where(t => t.Persons > 0))
        {
            tiers.AddRow(Markup.Escape(t.Label), N(t.Persons), t.Serious.ToString("N0", c), t.RatioSerious.ToString("0.00", c));
        }

        console.Write(tiers);
        var verdictColor = s.Tiers.RatioEspeciallySerious >= 1 ? "red" : s.Tiers.RatioSerious >= 1 ? "yellow" : "green";
        console.MarkupLine($"Σ persons/threshold = {s.Tiers.RatioSerious.ToString("0.00", c)} (serious), {s.Tiers.RatioEspeciallySerious.ToString("0.00", c)} (especially serious): [{verdictColor}]{s.Tiers.Verdict}[/]. [grey]An estimate from the fields present, not a legal finding.[/]");

        var files = new Table().Border(TableBorder.Rounded).Title("inputs");
        files.AddColumn("source");
        files.AddColumn("format");
        files.AddColumn(new TableColumn("records").RightAligned());
        files.AddColumn(new TableColumn("findings").RightAligned());
        foreach (var t in s.Tables)
        {
            files.AddRow(Markup.Escape(t.Source), $"{t.Format} [grey]{t.Encoding}[/]", N(t.Records), N(t.Findings.Values.Sum()));
        }

        console.Write(files);

        if (s.Demographics.Ids > 0)
        {
            var d = s.Demographics;
            var provinces = string.Join(", ", d.ByProvince.OrderByDescending(kv => kv.Value).Take(5).Select(kv => $"{kv.Key} {N(kv.Value)}"));
            var ages = string.Join(", ", d.ByAgeBand.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {N(kv.Value)}"));
            console.MarkupLine($"Victims by ID: {Markup.Escape(provinces)}; ages {Markup.Escape(ages)}; " +
                $"female {N(d.BySex.GetValueOrDefault("female"))}, male {N(d.BySex.GetValueOrDefault("male"))}; minors under 14: {N(d.Minors)}.");
        }

        RenderProblems(console, s);

        if (!reveal)
        {
            console.MarkupLine("[grey]Identifiers are masked; add --reveal to show them in full.[/]");
        }
    }
    /// <summary>Problems (with file and record) and notes of a scan.</summary>
    internal static void RenderProblems(IAnsiConsole console, ScanSummary s)
    {
        var c = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", c);
        if (s.Errors.Count > 0)
        {
            console.MarkupLine($"[red]{N(s.Errors.Count)} problem(s):[/]");
            foreach (var e in s.Errors.Take(20))
            {
                var where = e.Record is { } r ? $"{e.Source} record {N(r)}" : e.Source;
                console.MarkupLine($"  [red]•[/] {Markup.Escape(where)}: {Markup.Escape(e.Message)}");
            }

            if (s.Errors.Count > 20)
            {
                console.MarkupLine($"  … and {N(s.Errors.Count - 20)} more (see --summary-json).");
            }
        }

        foreach (var n in s.Notes)
        {
            var where = n.Record is { } r ? $"{n.Source} record {N(r)}" : n.Source;
            console.MarkupLine($"[grey]note: {Markup.Escape(where)}: {Markup.Escape(n.Message)}[/]");
        }
    }
}
