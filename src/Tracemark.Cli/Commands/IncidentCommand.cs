using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Incident;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark incident open|add|close|report|list` (docs/incident.md).</summary>
internal static class IncidentCommand
{
    public static (Command, string) Create(Terminal terminal)
    {
        var command = new Command("incident", "A leak of the owner's customers as an incident: its grade, the reporting deadlines, the reports, the notice and the criminal counts.")
        {
            Open(terminal), Add(terminal), Close(terminal), Report(terminal), List(terminal),
        };
        return (command, """
            When a data owner learns its customers are for sale, the law starts a clock. `incident open` records when
            the leak was discovered and who the operator is; `incident add` attaches leak files as evidence (scanned,
            compared with known leaks, traced and matched to the owner's customers when owner data is imported);
            `incident report` grades it under the CAC grading guide, gives each report's deadline with the time left,
            fills the initial report (Measures Art. 7), the closing report skeleton (Art. 8), the PIPL Art. 57 notice and
            the criminal counts for police (2017 SPC/SPP interpretation). Rules and sources: docs/incident.md.

            Examples:
              tracemark incident open courier-2026-12 --discovered 2026-12-06T21:40:00+08:00 --operator other --entity 顺达快递 --system 网点派件系统 --owner-contact 95000
              tracemark incident add courier-2026-12 seller-sample.csv
              tracemark incident report courier-2026-12 --html incident.html --notify notify.csv --customers owner/customers.csv
            """);
    }

    private static Argument<string> Name() => new("NAME") { Description = "The incident's name (lower-case words with hyphens, e.g. courier-2026-12)." };

    private static Command Open(Terminal terminal)
    {
        var name = Name();
        var discovered = new Option<string>("--discovered") { Description = "When the leak was discovered (发现或获知), ISO 8601: 2026-12-06T21:40:00+08:00; without an offset, Beijing time.", Required = true, HelpName = "TIME" };
        var operatorType = new Option<string>("--operator") { Description = "cii (the incident concerns critical information infrastructure: 1 h), central (central state organs: 2 h) or other (4 h).", Required = true, HelpName = "TYPE" };
        var loss = new Option<string?>("--loss") { Description = "Direct economic loss in yuan, when known (graded at ¥5,000,000 / ¥20,000,000 / ¥100,000,000).", HelpName = "YUAN" };
        var contact = new Option<string?>("--owner-contact") { Description = "How people reach the owner about the leak (a hotline): goes into the notice and the SMS.", HelpName = "TEXT" };
        var entity = new Option<string?>("--entity") { Description = "The operator's name (涉事单位名称), for the initial report and the SMS.", HelpName = "TEXT" };
        var system = new Option<string?>("--system") { Description = "The affected system or facility (涉事系统), for the initial report.", HelpName = "TEXT" };
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var open = new Command("open", "Open an incident: when it was discovered and who the operator is start the clock.") { name, discovered, operatorType, loss, contact, entity, system, store, key };
        open.Validators.Add(result =>
        {
            try
            {
                IncidentBook.Validate(result.GetValue(discovered) ?? string.Empty, result.GetValue(operatorType) ?? "other", result.GetValue(loss), DateTimeOffset.UtcNow);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
            }
        });
        open.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: true);
            var info = new IncidentBook(leaks).Open(parse.GetValue(name)!, parse.GetValue(discovered)!, parse.GetValue(operatorType)!, parse.GetValue(loss), parse.GetValue(contact), parse.GetValue(entity), parse.GetValue(system));
            terminal.Console.MarkupLine($"opened incident [bold]{Markup.Escape(info.Name)}[/]: discovered {Markup.Escape(info.Discovered)}, operator {Markup.Escape(info.Operator)}. Next: `tracemark incident add {Markup.Escape(info.Name)} FILE…`");
            return ExitCodes.Ok;
        });
        return open;
    }

    private static Command Add(Terminal terminal)
    {
        var name = Name();
        var paths = CliOptions.Inputs("FILE", "Leak files or folders that belong to the incident (one piece of evidence; read like `tracemark scan` reads them).", stdin: false);
        var buyer = new Option<string?>("--sold-to") { Description = "Who this copy was sold or given to, when known: the same records sold to different buyers count once per buyer (2017 interpretation Art. 11).", HelpName = "NAME" };
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var add = new Command("add", "Attach leak files as evidence: scanned, compared with known leaks, traced and matched to the owner's customers.") { name, paths, buyer, store, key };
        add.Validators.Add(result =>
        {
            // Evidence is all of its files or nothing: a missing one is a mistake to fix before anything is written.
            foreach (var path in result.GetValue(paths) ?? [])
            {
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    result.AddError($"{path}: no such file or folder");
                }
            }
        });
        add.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var files = parse.GetValue(paths) ?? [];
            var result = ScanCommand.WithSpinner(terminal, $"scanning, comparing and tracing {files.Length} input(s)", _ => new IncidentBook(leaks).Add(parse.GetValue(name)!, new ScanOptions { Paths = files }, parse.GetValue(buyer)));
            if (result.Evidence is not { } e)
            {
                terminal.Console.MarkupLine($"[yellow]unchanged[/]: {Markup.Escape(string.Join(" ", files))} was added to this incident before");
                return ExitCodes.Ok;
            }

            var c = CultureInfo.InvariantCulture;
            terminal.Console.MarkupLine($"added {Markup.Escape(e.Files)}: {e.Records.ToString("N0", c)} records, {e.Persons.ToString("N0", c)} persons ({e.NewPersons.ToString("N0", c)} new to the incident), {e.Known.ToString("N0", c)} of {e.Identifiers.ToString("N0", c)} identifiers in known leaks");
            if (e.Trace is { } t)
            {
                terminal.Console.MarkupLine($"trace: {Markup.Escape(t.Verdict)}{(t.Leading.Count > 0 ? $", most probable {Markup.Escape(string.Join(" + ", t.Leading))} ({t.Probability.ToString("P0", c)})" : string.Empty)}; {e.Customers.ToString("N0", c)} of the owner's customers affected");
            }
            else
            {
                terminal.Console.MarkupLine("[grey]no owner data imported: graded from the leak alone (import it with `tracemark owner import` to trace and list affected customers)[/]");
            }

            foreach (var p in result.Problems.Take(20))
            {
                terminal.Console.MarkupLine($"  [red]•[/] {Markup.Escape(p)}");
            }

            return result.Problems.Count > 0 ? ExitCodes.InputProblems : ExitCodes.Ok;
        });
        return add;
    }

    private static Command Close(Terminal terminal)
    {
        var name = Name();
        var ended = new Option<string>("--ended") { Description = "When handling ended (处置工作结束), ISO 8601: the closing report is due 30 days later.", Required = true, HelpName = "TIME" };
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var close = new Command("close", "Record that handling has ended: starts the 30-day clock of the closing report.") { name, ended, store, key };
        close.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var info = new IncidentBook(leaks).Close(parse.GetValue(name)!, parse.GetValue(ended)!);
            terminal.Console.MarkupLine($"incident [bold]{Markup.Escape(info.Name)}[/]: handling ended {Markup.Escape(info.HandlingEnded ?? string.Empty)}");
            return ExitCodes.Ok;
        });
        return close;
    }

    private static Command List(Terminal terminal)
    {
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var json = CliOptions.Json();
        var list = new Command("list", "The incidents in the store.") { json, store, key };
        list.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var all = new IncidentBook(leaks).List();
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(IncidentListEntry.List(all)));
                return ExitCodes.Ok;
            }

            foreach (var i in all)
            {
                terminal.Console.MarkupLine($"{Markup.Escape(i.Name)}  discovered {Markup.Escape(i.Discovered)}  operator {Markup.Escape(i.Operator)}{(i.HandlingEnded is { } e ? $"  ended {Markup.Escape(e)}" : string.Empty)}");
            }

            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Report(Terminal terminal)
    {
        var name = Name();
        var json = CliOptions.Json("Print the report as JSON (contract tracemark.incident/1, docs/incident.md).");
        var html = CliOptions.OutputFile("--html", "Write the print-ready report (Chinese, with an English toggle) to FILE.");
        var notify = CliOptions.OutputFile("--notify", "Write one row per affected customer (customer_id, channels, categories, SMS text) to FILE.csv; needs --customers.", "FILE.csv");
        var customers = CliOptions.InputFile("--customers", "The owner's customers file (as imported), to turn keyed tags back into customer numbers for --notify.");
        var insider = new Option<bool>("--insider") { Description = "The data was sold by someone who obtained it in their duties or services: criminal thresholds halved." };
        var measures = new Option<string[]>("--measure") { Description = "A measure taken (repeat the option): goes into the initial report and the notice.", HelpName = "TEXT", AllowMultipleArgumentsPerToken = false };
        var cause = new Option<string?>("--cause") { Description = "The cause as far as known, for the notice.", HelpName = "TEXT" };
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var report = new Command("report", "Grade, deadlines with time left, the initial and closing reports, the PIPL notice and the criminal counts.") { name, json, html, notify, customers, insider, measures, cause, store, key };
        report.Validators.Add(result =>
        {
            if (result.GetValue(notify) is not null && result.GetValue(customers) is null)
            {
                result.AddError("--notify needs --customers FILE (the owner's customers file) to write customer numbers");
            }
        });
        report.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var book = new IncidentBook(leaks);
            var r = book.Report(parse.GetValue(name)!, parse.GetValue(insider), null, parse.GetValue(measures) ?? [], parse.GetValue(cause));
            if (parse.GetValue(html) is { } file)
            {
                using var stream = File.Create(file);
                IncidentHtml.Write(r, stream);
            }

            if (parse.GetValue(notify) is { } csv)
            {
                // Written to a temporary file and moved into place: an interrupted run leaves no half list to send from.
                var temp = csv + ".partial";
                int rows;
                using (var writer = new StreamWriter(temp, false, new System.Text.UTF8Encoding(false)))
                {
                    rows = book.WriteNotify(r, parse.GetValue(customers)!, writer);
                }

                File.Move(temp, csv, overwrite: true);
                terminal.Error.WriteLine($"tracemark incident report: wrote {rows} notification row(s) to {csv}");
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(IncidentDocument.From(r)));
            }
            else
            {
                Render(terminal.Console, r);
            }

            return ExitCodes.Ok;
        });
        return report;
    }

    private static void Render(IAnsiConsole console, IncidentReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var colour = r.Grade switch { "特别重大" or "重大" => "red", "较大" => "yellow", _ => "green" };
        console.MarkupLine($"[bold]{Markup.Escape(r.Name)}[/]  {Markup.Escape(r.Entity ?? string.Empty)}  discovered {Markup.Escape(r.Discovered)}  operator {Markup.Escape(r.Operator)}");
        console.MarkupLine($"Grade: [{colour} bold]{Markup.Escape(r.Grade)}[/] ({Markup.Escape(r.GradeEn)}) — {r.People.ToString("N0", c)} people{(r.OwnerCustomers is { } oc ? $", {oc.ToString("N0", c)} of the owner's customers" : string.Empty)}{(r.Loss is { } l ? $", loss ¥{l.ToString("N0", c)}" : string.Empty)}");
        foreach (var i in r.GradeBasis.Indicators)
        {
            console.MarkupLine($"  [grey]{Markup.Escape(i.Indicator)} {i.Value?.ToString("N0", c)} → {Markup.Escape(i.Reached)}: {Markup.Escape(i.Quote)}[/]");
        }

        console.MarkupLine($"  {Markup.Escape(r.GradeBasis.Note)}");
        var table = new Table().Border(TableBorder.Rounded).Title("deadlines");
        table.AddColumn("report");
        table.AddColumn("to");
        table.AddColumn("due");
        foreach (var d in r.Deadlines.Where(d => d.Mandatory || d.Report == "cac_initial"))
        {
            var due = !d.Mandatory ? "[grey]not mandatory (一般)[/]" : d.Due is null ? Markup.Escape(d.Rule.Split(" (", 2)[0]) : $"{Markup.Escape(d.Due)}\n[{(d.Overdue == true ? "red" : "bold")}]{Markup.Escape(d.Remaining ?? string.Empty)}[/]";
            table.AddRow(Markup.Escape(d.Title), Markup.Escape(d.To), due);
        }

        console.Write(table);
        console.MarkupLine($"Notice (PIPL Art. 57): categories {Markup.Escape(string.Join("、", r.Notice.Categories.Select(x => x.Zh)))}; contact {Markup.Escape(r.Notice.Ready ? r.Notice.Contact : "missing — give --owner-contact when opening")}");
        console.MarkupLine($"  exemption for individuals: {Markup.Escape(r.Notice.Exemption)}");
        console.MarkupLine($"  SMS: {Markup.Escape(r.Notice.SmsExample)}");
        console.MarkupLine($"Criminal view: [bold]{Markup.Escape(r.Criminal.Level)}[/] (Σ count/threshold = {r.Criminal.RatioSerious.ToString("0.##", c)}; {string.Join(", ", r.Criminal.Bands.Select(b => $"{b.Band} {b.Count.ToString("N0", c)}"))}{(r.Criminal.Insider ? "; insider: halved" : string.Empty)})");
        foreach (var u in r.Unconfirmed)
        {
            console.MarkupLine($"[yellow]Unconfirmed:[/] {Markup.Escape(u.Rule)} — {Markup.Escape(u.Status)}");
        }

        console.MarkupLine($"Initial report: items 1–2 {Markup.Escape(string.Join("/", r.InitialReport.Items.Take(2).Select(i => i.Status)))}; items 3–8 to follow. Full text: --html FILE or --json.");
    }
}
