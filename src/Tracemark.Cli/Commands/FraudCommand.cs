using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Fraud;
using Tracemark.Identifiers;
using Tracemark.Reports;
using Tracemark.Store;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark fraud import|link|who|sample` (docs/fraud.md).</summary>
internal static class FraudCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly string[] LinkColumns = ["leak", "victims", "expected", "lift (95 %)", "days", "loss ¥"];

    public static (Command, string) Create(Terminal terminal)
    {
        var command = new Command("fraud", "Link anti-fraud reports to the known leaks that fed them; where is a victim's data; sample a leak for victims.")
        {
            Import(terminal), Link(terminal), Who(terminal), Sample(terminal),
        };
        return (command, """
            Fraud is the harm a leak does. `fraud import` stores anti-fraud reports (victims as keyed tags, like every
            identifier); `fraud link` ranks the known leaks by the reported fraud they explain — victims found in each
            against the number chance would put there, the lift with an exact 95 % interval, the fraud types
            over-represented, the days from the leak's sighting to the reports, the loss — and says which leaks are
            unconnected; `fraud who` tells a victim which leaks hold their data; `fraud sample` draws a leak's people
            and counts those who reported fraud, as the police sampled a seized cache. Model and columns: docs/fraud.md.

            Examples:
              tracemark synth fraud --out fraud-demo
              tracemark fraud import fraud-demo/reports.csv
              tracemark fraud link --population 5000 --html fraud.html
              tracemark fraud who --mobile 13800138000
              tracemark fraud sample courier-linked --n 100 --seed 7
            """);
    }

    private static KnownLeakStore Open(ParseResult parse, Option<string?> store, Option<string?> key, bool create) =>
        KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create);

    private static Command Import(Terminal terminal)
    {
        var file = CliOptions.Inputs("FILE", "Report files: CSV (RFC 4180), TSV, XLSX or JSON Lines with report_id, time, victim_mobile / victim_id / victim_qq, fraud_type, loss_yuan, fraud_contact.", folders: false, stdin: false);
        var json = CliOptions.Json();
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("import", "Store anti-fraud reports (victims as keyed tags); a report id already held changes nothing.") { file, json, store, key };
        command.SetAction(parse =>
        {
            using var leaks = Open(parse, store, key, create: true);
            var exit = ExitCodes.Ok;
            foreach (var path in parse.GetValue(file) ?? [])
            {
                if (!File.Exists(path))
                {
                    terminal.Error.WriteLine($"tracemark fraud import: {path}: no such file");
                    exit = ExitCodes.InputProblems;
                    continue;
                }

                var r = ScanCommand.WithProgress(terminal, "importing reports", monitor => FraudImport.Import(leaks, path, monitor));
                if (parse.GetValue(json))
                {
                    terminal.Out.WriteLine(ReportJson.SerializeLine(FraudImportReport.From(path, r)));
                }
                else
                {
                    terminal.Console.MarkupLine($"{Markup.Escape(path)}: {r.Rows.ToString("N0", C)} rows, [green]{r.Added.ToString("N0", C)} reports added[/], {r.Unchanged.ToString("N0", C)} already held, {r.Problems.Count.ToString("N0", C)} bad rows skipped");
                    var types = string.Join(", ", r.ByType.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key.Chinese()} {kv.Value.ToString("N0", C)}"));
                    if (types.Length > 0)
                    {
                        terminal.Console.MarkupLine($"  [grey]types: {Markup.Escape(types)}[/]");
                    }
                }

                foreach (var p in r.Problems)
                {
                    terminal.Error.WriteLine($"tracemark fraud import: {p}");
                }

                if (r.Problems.Count > 0)
                {
                    exit = ExitCodes.InputProblems;
                }
            }

            return exit;
        });
        return command;
    }

    private static Command Link(Terminal terminal)
    {
        var json = CliOptions.Json("Print {\"leaks\":[…],\"contacts\":[…]} as JSON on standard output: the leaks most harmful first, then per fraud contact the leaks its victims share.");
        var html = CliOptions.OutputFile("--html", "Also write the ranking as a self-contained HTML page to FILE.");
        var population = CliOptions.Long("--population", "The population victims come from (default: the union of the known leaks, counted by its most common kind).", 0, 0);
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("link", "Rank the known leaks by the reported fraud they explain: victims against chance, with a 95 % interval.") { json, html, population, store, key };
        command.SetAction(parse =>
        {
            using var leaks = Open(parse, store, key, create: false);
            var given = parse.GetValue(population);
            var report = ScanCommand.WithSpinner(terminal, "linking reports to the known leaks", _ => FraudLink.Link(leaks, given > 0 ? given : null));
            if (parse.GetValue(html) is { } page)
            {
                using var output = File.Create(page);
                FraudHtml.Write(report, output);
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.SerializeLine(FraudLinkReport.From(report)));
                return ExitCodes.Ok;
            }

            var console = terminal.Console;
            console.MarkupLine($"{report.Reports.ToString("N0", C)} reports, {report.Victims.ToString("N0", C)} distinct victims, {report.VictimsInLeaks.ToString("N0", C)} in known leaks; population {report.Population.ToString("N0", C)} ({Markup.Escape(report.PopulationSource)}).");
            var table = new Table().Border(TableBorder.Simple);
            foreach (var h in LinkColumns)
            {
                table.AddColumn(h == "leak" ? new TableColumn(h) : new TableColumn(h).RightAligned());
            }

            foreach (var l in report.Leaks)
            {
                table.AddRow(
                    Markup.Escape(l.Dataset.Name),
                    l.Victims.ToString("N0", C),
                    l.Expected.ToString("N1", C),
                    string.Create(C, $"{l.Lift:0.0} ({l.LiftLow:0.0}–{l.LiftHigh:0.0})"),
                    l.DaysToReport?.ToString(C) ?? "—",
                    l.LossYuan.ToString("N0", C));
            }

            console.Write(table);
            foreach (var l in report.Leaks)
            {
                console.MarkupLine($"[bold]{Markup.Escape(l.Dataset.Name)}[/]: {Markup.Escape(FraudText.Verdict(l))}");
            }

            if (report.Contacts.Count > 0)
            {
                console.MarkupLine("Fraud contacts whose victims share a leak:");
                var contacts = new Table().Border(TableBorder.Simple);
                contacts.AddColumn("fraud contact").AddColumn(new TableColumn("victims").RightAligned()).AddColumn("leaks holding ≥ 2 of them (victims)");
                foreach (var c in report.Contacts.Take(20))
                {
                    contacts.AddRow(Markup.Escape(c.Contact), c.Victims.ToString("N0", C), Markup.Escape(string.Join(", ", c.Leaks.Select(x => $"{x.Dataset} {x.Victims.ToString("N0", C)}"))));
                }

                console.Write(contacts);
                if (report.Contacts.Count > 20)
                {
                    console.MarkupLine($"… and {(report.Contacts.Count - 20).ToString("N0", C)} more (--json lists all).");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Who(Terminal terminal)
    {
        var mobile = new Option<string?>("--mobile") { Description = "The person's mobile number.", HelpName = "NUMBER" };
        var id = new Option<string?>("--id") { Description = "The person's resident ID number.", HelpName = "ID" };
        var qq = new Option<string?>("--qq") { Description = "The person's QQ number.", HelpName = "NUMBER" };
        var reveal = new Option<bool>("--reveal") { Description = "Print the identifiers asked about in full (masked by default)." };
        var json = CliOptions.Json();
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("who", "Which known leaks hold a person's mobile, ID or QQ, since when, and how fresh they were.") { mobile, id, qq, reveal, json, store, key };
        command.Validators.Add(result =>
        {
            if (result.GetValue(mobile) is null && result.GetValue(id) is null && result.GetValue(qq) is null)
            {
                result.AddError("give --mobile, --id or --qq (one or more)");
            }
        });
        command.SetAction(parse =>
        {
            var asked = new List<(IdentifierKind, string)>();
            foreach (var (option, kind) in new[] { (mobile, IdentifierKind.Mobile), (id, IdentifierKind.ResidentId), (qq, IdentifierKind.Qq) })
            {
                if (parse.GetValue(option) is { } value)
                {
                    asked.Add((kind, value));
                }
            }

            using var leaks = Open(parse, store, key, create: false);
            var found = FraudWho.Find(leaks, asked);
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.SerializeLine(FraudWhoReport.From(found)));
                return ExitCodes.Ok;
            }

            var shown = string.Join(", ", asked.Select(a => parse.GetValue(reveal) ? a.Item2 : Masking.Mask(a.Item1, Canonical(a.Item1, a.Item2))));
            if (found.Count == 0)
            {
                terminal.Console.MarkupLine($"{Markup.Escape(shown)}: in none of the {leaks.Datasets().Count(d => d.Complete).ToString(C)} known leaks. Absence is not safety: only leaks someone ingested are known.");
                return ExitCodes.Ok;
            }

            terminal.Console.MarkupLine($"{Markup.Escape(shown)}: in [bold]{found.Count.ToString(C)}[/] known leak(s), newest first:");
            foreach (var p in found)
            {
                terminal.Console.MarkupLine($"  [bold]{Markup.Escape(p.Dataset.Name)}[/] ({Markup.Escape(p.Dataset.Category)}): seen {p.Dataset.Seen:yyyy-MM-dd}, first seen with this person {p.FirstSeen:yyyy-MM-dd}; holds their {Markup.Escape(string.Join(", ", p.Kinds))}; {Markup.Escape(p.Freshness.Grade)} when seen");
            }

            terminal.Console.MarkupLine("[grey]A caller who quotes these details may have them from these leaks: never transfer money or share SMS codes; report fraud to 110 or the 国家反诈中心 app.[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Canonical(IdentifierKind kind, string value)
    {
        var buffer = new char[Identifier.MaxCanonicalLength];
        var v = Identifier.Check(kind, value, buffer);
        return v.IsValid ? new string(buffer, 0, v.Length) : value;
    }

    private static Command Sample(Terminal terminal)
    {
        var dataset = new Argument<string>("DATASET") { Description = "The known leak to sample (its name in `tracemark datasets`)." };
        var n = CliOptions.Int("--n", "How many people to draw.", 100, 1, 10_000_000);
        var seed = CliOptions.Int("--seed", "Same seed, same sample (default: a random seed, printed).", 0, 0);
        var json = CliOptions.Json();
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("sample", "Draw a leak's people at random and count how many have reported fraud, with a 95 % interval.") { dataset, n, seed, json, store, key };
        command.SetAction(parse =>
        {
            using var leaks = Open(parse, store, key, create: false);
            var s = parse.GetValue(seed) is > 0 and var given ? given : Random.Shared.Next(1, int.MaxValue);
            var r = ScanCommand.WithSpinner(terminal, "drawing the sample", _ => FraudSample.Draw(leaks, parse.GetValue(dataset)!, parse.GetValue(n), s));
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.SerializeLine(FraudSampleReport.From(r)));
                return ExitCodes.Ok;
            }

            terminal.Console.MarkupLine(string.Create(C, $"{Markup.Escape(r.Dataset.Name)}: {r.Reported:N0} of {r.Drawn:N0} people drawn ({r.Kind.Label()}s) have reported fraud — {r.Share:P1} (95 % Wilson interval {r.Low:P1}–{r.High:P1}); seed {r.Seed}."));
            return ExitCodes.Ok;
        });
        return command;
    }
}
