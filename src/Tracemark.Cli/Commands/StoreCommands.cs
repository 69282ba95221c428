using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark ingest`, `compare` and `datasets`: the known-leak store (docs/store.md).</summary>
internal static class StoreCommands
{
    private const string StoreHelp = """
        The store: --store PATH (SQLite file) or --store postgres://user@host:port/db (PostgreSQL), else
        $TRACEMARK_STORE, else ~/.local/share/tracemark/store.db. It holds keyed tags (HMAC-SHA256), never identifiers
        in clear; the key is a separate file (--key, $TRACEMARK_KEY, default store.key beside store.db) made on first
        use with mode 0600. Back the key up: without it the store cannot be matched against anything.
        """;

    /// <summary>Columns the eight-column dataset table needs before its cells start to wrap.</summary>
    private const int WideDatasets = 120;

    private static readonly string[] DatasetColumns = ["name", "category", "seen", "records", "persons", "identifiers", "newest record", "state"];

    internal static Option<string?> StoreOption() => new("--store") { Description = "SQLite file or postgres:// URL (default: $TRACEMARK_STORE, else ~/.local/share/tracemark/store.db).", HelpName = "PATH|URL" };

    internal static Option<string?> KeyOption() => new("--key") { Description = "Key file (default: $TRACEMARK_KEY, else store.key beside the store).", HelpName = "FILE" };

    private static KnownLeakStore Open(ParseResult parse, Option<string?> store, Option<string?> key, bool create) =>
        KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create);

    /// <summary>`--seen DATE`: when a leak or sample was seen; never in the future.</summary>
    internal static Option<DateOnly?> SeenOption(string description, bool required = false)
    {
        var option = CliOptions.Date("--seen", description);
        option.Required = required;
        return option;
    }

    internal static DateOnly SeenOrToday(ParseResult parse, Option<DateOnly?> seen) => parse.GetValue(seen) ?? DateOnly.FromDateTime(DateTime.Now);

    public static (Command, string) Ingest(Terminal terminal)
    {
        var paths = CliOptions.Inputs("PATH", "The leak: files or folders (zip archives are opened), or - for standard input. Together they are one dataset.");
        var name = new Option<string>("--name") { Description = "A unique name for the dataset.", Required = true, HelpName = "NAME" };
        var category = CliOptions.Choice<string?>("--category", "The kind of business the leak comes from.", null, DatasetCategories.All.ToDictionary(c => c, c => (string?)c, StringComparer.Ordinal));
        category.Required = true;
        var seen = SeenOption("When the leak was seen (found, seized), YYYY-MM-DD, not after today.", required: true);
        var source = new Option<string?>("--source") { Description = "Where it was seen (forum, case number).", HelpName = "TEXT" };
        var json = CliOptions.Json();
        var store = StoreOption();
        var key = KeyOption();
        var command = new Command("ingest", "Remember a leak in the store as keyed tags, so later files can be compared with it.")
        {
            paths, name, category, seen, source, json, store, key,
        };
        command.SetAction(parse =>
        {
            var seenDate = SeenOrToday(parse, seen);
            using var leaks = Open(parse, store, key, create: true);
            using var interruption = Interruption.Listen();
            var options = new ScanOptions { Paths = parse.GetValue(paths) ?? [], Stdin = () => terminal.Input };
            var writing = new StoreMonitor();
            IngestResult result;
            try
            {
                result = ScanCommand.WithProgress(
                    terminal,
                    "ingesting",
                    monitor => leaks.Ingest(options, parse.GetValue(name)!, parse.GetValue(category)!, seenDate, parse.GetValue(source), monitor, writing, interruption.Token),
                    () => writing.ToWrite > 0 ? ("writing tags to the store", writing.Written, writing.ToWrite) : null,
                    interruption: interruption);
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                terminal.Error.WriteLine($"tracemark ingest: interrupted; the tags written so far are kept and {parse.GetValue(name)} stays incomplete (left out of comparisons): run the same command again to resume");
                return ExitCodes.Interrupted;
            }

            var d = result.Dataset;
            if (d.Identifiers == 0 && result.Outcome != "unchanged")
            {
                // Nothing to match later files against: keep no empty dataset, and say so in the exit status.
                leaks.Remove(d.Name);
                var why = result.Scan is { Errors.Count: > 0 } failed ? $": {failed.Errors[0].Source}: {failed.Errors[0].Message}" : d.Records == 0 ? ": no records" : $": no identifiers in its {d.Records.ToString("N0", CultureInfo.InvariantCulture)} records";
                terminal.Error.WriteLine($"tracemark ingest: nothing to store{why}; no dataset was added");
                return ExitCodes.InputProblems;
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(IngestReport.From(result, leaks.Description)));
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                var what = result.Outcome switch
                {
                    "unchanged" => $"[yellow]unchanged[/]: the same content is already the dataset [bold]{Markup.Escape(d.Name)}[/]",
                    "resumed" => $"[green]resumed[/] an interrupted ingest and completed [bold]{Markup.Escape(d.Name)}[/]",
                    _ => $"[green]added[/] [bold]{Markup.Escape(d.Name)}[/]",
                };
                terminal.Console.MarkupLine($"{what} ({Markup.Escape(d.Category)}, seen {d.Seen:yyyy-MM-dd}): {d.Records.ToString("N0", c)} records, {d.Persons.ToString("N0", c)} persons, {d.Identifiers.ToString("N0", c)} identifiers stored as tags in {Markup.Escape(leaks.Description)}.");
                if (result.Scan is { } scan)
                {
                    ScanCommand.RenderProblems(terminal.Console, scan);
                }
            }

            return result.Scan is { Complete: false } ? ExitCodes.InputProblems : ExitCodes.Ok;
        });
        return (command, $"""
            Scans the leak (same reading and validation as `tracemark scan`) and stores each distinct identifier of the
            strong kinds (ID, mobile, landline, bank card, e-mail, QQ, passport and permits, plates, waybills, credit
            codes) as a 16-byte keyed tag with the dataset and the date seen. Names and addresses are counted, not stored.
            The same content again (SHA-256) changes nothing. Tags are committed in chunks and the dataset counts only
            when complete: after a crash or kill, run the same command again and it resumes.

            {StoreHelp}

            Examples:
              tracemark ingest leaks/courier-2025-06.csv --name sf-2025-06 --category courier --seen 2025-06-20 --source "forum post 4411"
              tracemark ingest seized/ --name case-118 --category loan --seen 2025-11-02 --store postgres://tracemark@db/leaks

            Exit status: 0 done, 1 some input unreadable (what was read is stored) or a store problem, 2 usage.
            """);
    }

    public static (Command, string) Compare(Terminal terminal)
    {
        var paths = CliOptions.Inputs("PATH", "Files or folders; each is compared on its own.");
        var seen = SeenOption("When the input was seen, YYYY-MM-DD (default: today); freshness is measured to it.");
        var json = CliOptions.Json();
        var realtimeDays = CliOptions.Int("--realtime-days", "Real-time: newest record at most this many days old …", 1, 0);
        var realtimeKnown = CliOptions.Number("--realtime-known", "… and less than this share already known.", 0.10, 0, 1);
        var overnightDays = CliOptions.Int("--overnight-days", "Overnight: at most this many days old …", 7, 0);
        var overnightKnown = CliOptions.Number("--overnight-known", "… and less than this share known; else historical.", 0.50, 0, 1);
        var store = StoreOption();
        var key = KeyOption();
        var command = new Command("compare", "Is a leak new or recycled? Overlap with every known leak, freshness grade, test-sample check.")
        {
            paths, seen, json, realtimeDays, realtimeKnown, overnightDays, overnightKnown, store, key,
        };
        command.SetAction(parse =>
        {
            var seenDate = SeenOrToday(parse, seen);
            var rules = new FreshnessRules
            {
                RealTimeDays = parse.GetValue(realtimeDays),
                RealTimeKnown = parse.GetValue(realtimeKnown),
                OvernightDays = parse.GetValue(overnightDays),
                OvernightKnown = parse.GetValue(overnightKnown),
            };
            using var leaks = Open(parse, store, key, create: false);
            using var interruption = Interruption.Listen();
            var results = new List<Comparison>();
            foreach (var path in parse.GetValue(paths) ?? [])
            {
                try
                {
                    results.Add(ScanCommand.WithProgress(terminal, "comparing", monitor => leaks.Compare(new ScanOptions { Paths = [path], Stdin = () => terminal.Input }, seenDate, rules, monitor, interruption.Token), interruption: interruption));
                }
                catch (OperationCanceledException) when (interruption.Requested)
                {
                    terminal.Error.WriteLine($"tracemark compare: interrupted while comparing {path}; {results.Count} input(s) compared before it, nothing written");
                    return ExitCodes.Interrupted;
                }
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize<IReadOnlyList<ComparisonReport>>([.. results.Select(ComparisonReport.From)]));
            }
            else
            {
                foreach (var r in results)
                {
                    Render(terminal.Console, r);
                }
            }

            return results.All(r => r.Scan.Complete) ? ExitCodes.Ok : ExitCodes.InputProblems;
        });
        return (command, $"""
            Scans each input and looks its identifiers up in the store (as tags): the share already known per kind, each
            known leak it overlaps with its category and date, the earliest date any of it was seen, how much is new, and
            a freshness grade with its reasons (docs/store.md): real-time (newest record ≤ 1 day before --seen and < 10 %
            known), overnight (≤ 7 days, < 50 %), historical otherwise; undetermined when the data carries no record
            times and is mostly new. For a seller's test sample it also counts fabricated (invalid) entries, repeats and
            already-known entries. `tracemark scan --against-store` adds the same to a scan.

            {StoreHelp}

            Examples:
              tracemark compare sample.xlsx --seen 2025-11-20
              tracemark compare fresh/*.csv --json --overnight-days 3

            Exit status: 0 done, 1 some input unreadable or a store problem, 2 usage.
            """);
    }

    public static (Command, string) Datasets(Terminal terminal)
    {
        var json = CliOptions.Json();
        var store = StoreOption();
        var key = KeyOption();
        var command = new Command("datasets", "List the known leaks in the store; `datasets rm NAME` removes one.") { json, store, key };
        command.SetAction(parse =>
        {
            using var leaks = Open(parse, store, key, create: false);
            var list = leaks.Datasets();
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(DatasetReport.List(list)));
                return ExitCodes.Ok;
            }

            var c = CultureInfo.InvariantCulture;
            var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title($"known leaks in {Markup.Escape(leaks.Description)}");
            var wide = terminal.Width >= WideDatasets;
            if (wide)
            {
                foreach (var h in DatasetColumns)
                {
                    table.AddColumn(h);
                }
            }
            else
            {
                // Narrow terminals: name, category and state stacked, dates stacked; no cell narrower than its words.
                table.AddColumn(new TableColumn("dataset").NoWrap());
                table.AddColumn(new TableColumn("seen / newest").NoWrap());
                table.AddColumn(new TableColumn("records").RightAligned());
                table.AddColumn(new TableColumn("persons").RightAligned());
                table.AddColumn(new TableColumn("identifiers").RightAligned());
            }

            foreach (var d in list)
            {
                var newest = d.NewestRecord?.ToString("yyyy-MM-dd HH:mm", c) ?? "[grey]–[/]";
                var state = d.Complete ? "complete" : "[yellow]incomplete: re-run its ingest to resume[/]";
                if (wide)
                {
                    table.AddRow(Markup.Escape(d.Name), d.Category, d.Seen.ToString("yyyy-MM-dd", c), d.Records.ToString("N0", c), d.Persons.ToString("N0", c), d.Identifiers.ToString("N0", c), newest, state);
                }
                else
                {
                    table.AddRow(
                        $"{Markup.Escape(d.Name)}\n[grey]{d.Category}[/]\n{(d.Complete ? "complete" : "[yellow]incomplete:[/]\n[yellow]re-run its ingest[/]")}",
                        $"{d.Seen.ToString("yyyy-MM-dd", c)}\n{newest}",
                        d.Records.ToString("N0", c),
                        d.Persons.ToString("N0", c),
                        d.Identifiers.ToString("N0", c));
                }
            }

            terminal.Console.Write(table);
            terminal.Console.MarkupLine($"{list.Count} dataset(s), {(leaks.SizeOnDisk() / 1048576.0).ToString("0.0", c)} MB on disk; key file {Markup.Escape(leaks.KeyFile)}.");
            return ExitCodes.Ok;
        });

        var name = new Argument<string>("NAME") { Description = "The dataset to remove." };
        var rm = new Command("rm", "Remove one dataset and only its identifiers.") { name, store, key };
        rm.SetAction(parse =>
        {
            using var leaks = Open(parse, store, key, create: false);
            var target = parse.GetValue(name)!;
            if (!leaks.Remove(target))
            {
                terminal.Error.WriteLine($"tracemark: there is no dataset named '{target}' in {leaks.Description}");
                return ExitCodes.InputProblems;
            }

            terminal.Console.MarkupLine($"removed [bold]{Markup.Escape(target)}[/] and its identifiers from {Markup.Escape(leaks.Description)}.");
            return ExitCodes.Ok;
        });
        command.Add(rm);
        return (command, $"""
            Lists every dataset with its category, date seen, counts and newest record time. An ingest that is running or
            was interrupted shows as incomplete and is left out of every comparison until it completes.

            {StoreHelp}

            Examples:
              tracemark datasets
              tracemark datasets rm sf-2025-06
            """);
    }

    public static (Command, string) Store(Terminal terminal)
    {
        var store = new Option<string>("--store") { Description = "The coordinator: an empty PostgreSQL database, postgres://user@host:port/db.", Required = true, HelpName = "URL" };
        var shards = new Option<string>("--shards") { Description = "The shard servers' empty databases, comma-separated postgres:// URLs.", Required = true, HelpName = "URL,URL…" };
        var partitions = new Option<int?>("--partitions") { Description = "Hash partitions per large table, dealt round-robin over the shards (default: one per shard).", HelpName = "N" };
        partitions.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var n)
            {
                result.AddError($"--partitions takes a whole number of at least 1, not {n}");
            }
        });
        var init = new Command("init", "Lay out a store sharded over several PostgreSQL servers.") { store, shards, partitions };
        init.SetAction(parse =>
        {
            var urls = parse.GetValue(shards)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var count = parse.GetValue(partitions);
            foreach (var url in urls.Prepend(parse.GetValue(store)!))
            {
                if (!url.StartsWith("postgres://", StringComparison.Ordinal) && !url.StartsWith("postgresql://", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{url}' is not a postgres:// URL: a sharded store is PostgreSQL on the coordinator (--store) and on every shard (--shards)");
                }
            }

            var coordinator = KnownLeakStore.InitSharded(parse.GetValue(store)!, urls, count);
            terminal.Console.MarkupLine($"laid out a sharded store: coordinator {Markup.Escape(coordinator)}, {urls.Length} shard(s), {count ?? urls.Length} partition(s) per large table. Use the coordinator's URL as --store with every command.");
            return ExitCodes.Ok;
        });
        var command = new Command("store", "Store administration: `store init` lays out a store sharded over several PostgreSQL servers.") { init };
        return (command, """
            `tracemark store init --store postgres://COORD --shards postgres://S1,postgres://S2` lays out an empty
            PostgreSQL database as the coordinator of a sharded store: datasets, channels and other small tables on it,
            the large tables (identifier occurrences, the owner's customers, identifiers, reach and access log)
            hash-partitioned by keyed tag (owner data by customer) into postgres_fdw foreign tables on the shard
            servers. Every command then takes the coordinator's URL as --store and works unchanged. The coordinator
            needs the postgres_fdw extension (PostgreSQL's contrib) and a user allowed to create it; each shard an
            empty database. Sizing and the Citus equivalent: docs/scale.md.

            Examples:
              tracemark store init --store postgres://tm@coord/tracemark --shards postgres://tm@s1/tracemark,postgres://tm@s2/tracemark
            """);
    }

    internal static void Render(IAnsiConsole console, Comparison r, bool problems = true)
    {
        var c = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", c);
        string P(long part, long whole) => whole == 0 ? "–" : ((double)part / whole).ToString("P1", c);
        console.MarkupLine($"[bold]{Markup.Escape(r.Input)}[/]: {N(r.Scan.Records)} records, {N(r.Identifiers)} distinct identifiers: [bold]{N(r.Known)}[/] known ({P(r.Known, r.Identifiers)}), [bold]{N(r.New)}[/] new.");
        if (r.SameAs is not null)
        {
            console.MarkupLine($"  [yellow]This is exactly the content of the known dataset {Markup.Escape(r.SameAs)}.[/]");
        }

        var kinds = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("known per kind");
        kinds.AddColumn("kind");
        kinds.AddColumn(new TableColumn("identifiers").RightAligned());
        kinds.AddColumn(new TableColumn("known").RightAligned());
        kinds.AddColumn(new TableColumn("share").RightAligned());
        foreach (var k in r.Kinds)
        {
            kinds.AddRow(Markup.Escape(Identifiers.IdentifierKinds.Label(Identifiers.IdentifierKinds.Parse(k.Kind))), N(k.Identifiers), N(k.Known), P(k.Known, k.Identifiers));
        }

        console.Write(kinds);
        if (r.Datasets.Count > 0)
        {
            var sets = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("overlapping known leaks");
            sets.AddColumn("dataset");
            sets.AddColumn("category");
            sets.AddColumn("seen");
            sets.AddColumn(new TableColumn("overlap").RightAligned());
            sets.AddColumn(new TableColumn("of input").RightAligned());
            foreach (var d in r.Datasets)
            {
                sets.AddRow(Markup.Escape(d.Name), d.Category, d.Seen.ToString("yyyy-MM-dd", c), N(d.Overlap), d.ShareOfInput.ToString("P1", c));
            }

            console.Write(sets);
            console.MarkupLine($"  Earliest seen in a known leak: {r.EarliestFirstSeen:yyyy-MM-dd}.");
        }

        var color = r.Freshness.Grade switch { "real-time" => "red", "overnight" => "yellow", _ => "green" };
        console.MarkupLine($"  Freshness: [{color}]{r.Freshness.Grade}[/] — {Markup.Escape(string.Join("; ", r.Freshness.Reasons))}.");
        var s = r.Sample;
        console.MarkupLine($"  As a test sample: {N(s.Values)} identifier values, {N(s.Invalid)} invalid, {N(s.Duplicates)} repeats, {N(s.Known)} already known: {Markup.Escape(s.Verdict)}.");
        if (problems)
        {
            ScanCommand.RenderProblems(console, r.Scan);
        }
    }
}
