using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Incident.Audit;
using Tracemark.Reports;
using Tracemark.Store;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark audit` (docs/audit.md).</summary>
internal static class AuditCommand
{
    public static (Command, string) Create(Terminal terminal)
    {
        var days = CliOptions.Int("--days", "A channel needed the customers it accessed in the last N days.", 30, 1, 3650);
        var retention = new Option<string>("--retention") { Description = "Retention period: customers with no access for longer are findings (180d, 26w, 6m, 1y).", HelpName = "PERIOD", DefaultValueFactory = _ => "180d" };
        var contracts = CliOptions.InputFile("--contracts", "contracts.csv: channel_id,fields — the fields each partner's contract allows (kind codes separated by ;).");
        var json = CliOptions.Json();
        var html = CliOptions.OutputFile("--html", "Write the audit as a page to FILE.");
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("audit", "What can leak next: channels that see more customers than they need, data kept too long, full identifiers where masked ones serve, partners beyond contract.")
        {
            days, retention, contracts, json, html, store, key,
        };
        command.Validators.Add(result =>
        {
            if (OwnerAudit.ParseDays(result.GetValue(retention) ?? "180d", out var problem) is null)
            {
                result.AddError($"--retention: {problem}");
            }
        });
        command.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var contractMap = parse.GetValue(contracts) is { } file ? OwnerAudit.ReadContracts(file) : null;
            var retentionDays = OwnerAudit.ParseDays(parse.GetValue(retention)!, out var _)!.Value;
            var report = ScanCommand.WithSpinner(terminal, "auditing the owner's data", _ => new OwnerAudit(leaks).Run(parse.GetValue(days), retentionDays, null, contractMap));
            if (parse.GetValue(html) is { } page)
            {
                using var stream = File.Create(page);
                AuditOutput.Html(report, stream);
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(AuditDocument.From(report)));
                return ExitCodes.Ok;
            }

            var c = CultureInfo.InvariantCulture;
            terminal.Console.MarkupLine($"Audit as of {Markup.Escape(report.AsOf)}: {report.Customers.ToString("N0", c)} customers, {report.Channels.ToString("N0", c)} channels; needed = accessed in the last {report.Days} days; retention {report.RetentionDays} days.");
            foreach (var f in report.Findings)
            {
                terminal.Console.MarkupLine($"\n[bold]{Markup.Escape(f.Title)}[/]: {(f.Assessed ? $"[yellow]{f.Count.ToString("N0", c)}[/] {Markup.Escape(f.Unit)}" : "[grey]not assessed[/]")}  [grey]({Markup.Escape(f.Basis)})[/]");
                terminal.Console.MarkupLine($"  change: {Markup.Escape(f.Change)}");
                foreach (var i in f.Items.Take(5))
                {
                    terminal.Console.MarkupLine($"  • {Markup.Escape(i.Channel)} ({Markup.Escape($"{i.Kind} {i.Unit}".Trim())}): {i.Count.ToString("N0", c)} — {Markup.Escape(i.Detail)}");
                }
            }

            foreach (var caveat in report.Caveats)
            {
                terminal.Console.MarkupLine($"[grey]• {Markup.Escape(caveat)}[/]");
            }

            return ExitCodes.Ok;
        });
        return (command, """
            Reads the owner's imported data (`tracemark owner import`) and reports what can leak next, each finding with
            its PIPL basis (Art. 6 minimum necessary, Art. 19 retention, Art. 51 access control and de-identification),
            a count and what to change: the blast radius of each channel (customers it can see against those it needed
            in the last --days), customers kept past --retention with no access since, channels that fetch full
            identifiers where a masked one served (the optional `fields` column of access.csv), and partners receiving
            fields beyond their contract (--contracts). Details: docs/audit.md.

            Examples:
              tracemark audit --retention 180d
              tracemark audit --days 14 --contracts contracts.csv --html audit.html
              tracemark audit --json | jq '.findings[] | {code, count}'
            """);
    }
}
