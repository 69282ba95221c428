using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tracemark.Identifiers.Kinds;
using Tracemark.Reports;
using Tracemark.Synthetic;
using Tracemark.Synthetic.Owners;
using Tracemark.Synthetic.Posts;
using Tracemark.Synthetic.Truth;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark synth`: synthetic people and leak files with ground truth.</summary>
internal static class SynthCommand
{
    private const string Summary = "Write synthetic leak files shaped like real cases, with ground truth, to test on (never real people).";

    /// <summary>The command (one-line description) and the details its --help adds.</summary>
    public static (Command Command, string Details) Create(Terminal terminal)
    {
        var output = CliOptions.OutputFolder("--out", "Folder to write into: leak files in leaks/, ground truth in truth/, counts in manifest.json. Files of an earlier run there are replaced.", "tracemark-synth", "-o");
        var seed = CliOptions.Long("--seed", "Same seed, same files, byte for byte.", 1, 0);
        var people = CliOptions.Long("--people", "Size of the shared population; records draw from it, so people repeat within and across files.", 5_000, 1);
        var records = CliOptions.Long("--records", "Records per file (streamed: 10 million is fine).", 1_000, 0, long.MaxValue, "N", "-n");
        var noise = CliOptions.Number("--noise", "Share of identifiers disfigured: reformatted (+86, spaces, full-width), masked, mistyped or missing.", 0.12, 0, 1);
        var shapes = new Option<string[]>("--shapes") { Description = "Comma-separated shapes to write (default: all): " + string.Join(", ", LeakCorpus.ShapeNames), AllowMultipleArgumentsPerToken = true, HelpName = "SHAPE,…" };
        shapes.Validators.Add(result =>
        {
            foreach (var shape in (result.GetValueOrDefault<string[]>() ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!LeakCorpus.ShapeNames.Contains(shape))
                {
                    var near = Suggestions.Nearest(shape, LeakCorpus.ShapeNames);
                    result.AddError($"--shapes: unknown shape '{shape}'{(near is null ? string.Empty : $"; did you mean '{near}'?")} (shapes: {string.Join(", ", LeakCorpus.ShapeNames)})");
                }
            }
        });
        var noTruth = new Option<bool>("--no-truth") { Description = "Skip the per-record ground-truth files (manifest.json is always written)." };
        var json = CliOptions.Json("Print the manifest as JSON on standard output instead of a table.");

        var shapeHelp = string.Join('\n', LeakCorpus.ShapeNames.Select(s => $"  {s,-8} {LeakCorpus.Describe(s)}"));
        var details = $"""
            Write synthetic leak files shaped like real cases, with a ground-truth file per dataset: which identifiers
            each record holds (valid, masked, mistyped) and which numbers are decoys that must not be detected. Every
            person is synthetic: consistent ID, region, birth date and sex; names by real surname frequency; mobiles
            in real segments; addresses in the ID's region; cards with real BINs and valid Luhn digits.

            Shapes:
            {shapeHelp}

            Examples:
              tracemark synth --out samples
              tracemark synth --out big --records 10000000 --shapes dump,app --no-truth
            """;
        var command = new Command("synth", Summary)
        {
            output, seed, people, records, noise, shapes, noTruth, json,
        };
        command.Add(Owner(terminal));
        command.Add(Posts(terminal));
        command.Add(FraudReports(terminal));
        command.Add(CredentialDumps(terminal));
        command.SetAction(parse =>
        {
            var selected = (parse.GetValue(shapes) ?? [])
                .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            var options = new SynthOptions(
                parse.GetValue(output)!,
                parse.GetValue(seed),
                parse.GetValue(people),
                parse.GetValue(records),
                parse.GetValue(noise),
                selected,
                !parse.GetValue(noTruth));
            RemoveEarlierRun(options.OutputDirectory);
            var manifest = Run(terminal, options);
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(File.ReadAllText(Path.Combine(options.OutputDirectory, "manifest.json")));
            }
            else
            {
                Render(terminal.Console, manifest, options.OutputDirectory);
            }

            return ExitCodes.Ok;
        });
        return (command, details);
    }

    /// <summary>
    /// Deletes the leak and truth files an earlier run listed in DIR/manifest.json, so that the new manifest describes
    /// every file beside it; nothing else in the folder is touched.
    /// </summary>
    internal static void RemoveEarlierRun(string folder)
    {
        var manifest = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifest))
        {
            return;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
            if (!doc.RootElement.TryGetProperty("datasets", out var datasets) || datasets.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return;
            }

            foreach (var d in datasets.EnumerateArray())
            {
                foreach (var (property, under) in new[] { ("file", LeakCorpus.LeaksFolder), ("truth", string.Empty) })
                {
                    if (d.TryGetProperty(property, out var name) && name.GetString() is { } relative && !relative.Contains("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                    {
                        File.Delete(Path.Combine(folder, under, relative));
                    }
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a manifest this command wrote: leave the folder as it is.
        }
    }

    /// <summary>manifest.json as the Reports contract (Synthetic hands over the data; the layering keeps it off Reports).</summary>
    private static void WriteManifest(CorpusManifest m, Stream output) =>
        ReportJson.Write(
            new SynthManifestReport(
                "tracemark synth",
                m.Seed,
                m.People,
                m.Noise,
                m.Records,
                m.Persons,
                Sorted(m.Distinct),
                [.. m.Datasets.Select(d => new SynthDatasetReport(
                    d.File, ReportValues.Shape(d.Shape), ReportValues.TableFormat(d.Format), ReportValues.Encoding(d.Encoding), d.Records, d.Persons,
                    Sorted(d.Valid), Sorted(d.Distinct), Sorted(d.Masked), Sorted(d.Invalid), d.Decoys, d.Truth))]),
            output);

    /// <summary>
    /// One line of a dataset's truth/NAME.truth.jsonl as the Reports contract. Called for every generated record
    /// (tens of millions in a big run), from one thread per dataset, each with its own stream.
    /// </summary>
    internal static void WriteRecordTruth(RecordTruth truth, Stream output)
    {
        // These lines are synth's biggest output (about a third of its CPU on courier records): each thread keeps one
        // JSON writer over a reused buffer, and a line costs one write into the file's buffered stream — no flush of
        // the file per line, no writer or buffer per line.
        var line = _truthLine ??= new TruthLine();
        var items = new TruthItemReport[truth.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = truth.Items[i];
            items[i] = new TruthItemReport(item.Field, item.Kind, item.Value, item.Written, Status(item.Status), item.Slot);
        }

        ReportJson.Write(new RecordTruthReport(truth.Source, truth.Record, truth.Persons, items), line.Json);
        line.Json.Flush();
        line.Bytes.Write("\n"u8);
        output.Write(line.Bytes.WrittenSpan);
        line.Bytes.ResetWrittenCount();
        line.Json.Reset();
    }

    [ThreadStatic]
    private static TruthLine? _truthLine;

    // A thread's reused writer for truth lines: one line as ReportJson writes it on one line (non-ASCII kept).
    private sealed class TruthLine
    {
        public ArrayBufferWriter<byte> Bytes { get; } = new(1 << 12);

        public Utf8JsonWriter Json { get; }

        public TruthLine() => Json = ReportJson.LineWriter(Bytes);
    }

    private static TruthItemStatus Status(ItemStatus status) => status switch
    {
        ItemStatus.Valid => TruthItemStatus.Valid,
        ItemStatus.Masked => TruthItemStatus.Masked,
        ItemStatus.Invalid => TruthItemStatus.Invalid,
        ItemStatus.Decoy => TruthItemStatus.Decoy,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an item status"),
    };

    /// <summary>
    /// One line of truth/credentials.truth.jsonl as the Reports contract, escaped as it has always been written
    /// (System.Text.Json's default escaping: + as \u002B, non-ASCII as \uXXXX), which readers of the file expect.
    /// </summary>
    internal static void WriteCredentialTruth(Tracemark.Synthetic.Credentials.CredentialTruth truth, Stream output)
    {
        var report = new CredentialTruthReport(
            truth.Source,
            truth.Record,
            truth.Decoy is null ? CredentialTruthStatus.Credential : CredentialTruthStatus.Decoy,
            truth.Person,
            truth.Written,
            truth.Account,
            truth.Password,
            truth.Shape is { } shape ? ReportValues.PasswordShape(shape.Code()) : null,
            truth.Clear,
            truth.Decoy is null ? null : SynthValues.Decoy(truth.Decoy));
        JsonSerializer.Serialize(output, report, ReportJson.EscapedInfo<CredentialTruthReport>());
        output.WriteByte((byte)'\n');
    }

    /// <summary>guard-truth.json as the Reports contract (Synthetic hands over the log; the layering keeps it off Reports).</summary>
    private static void WriteGuardTruth(InsiderLog log, Stream output) =>
        ReportJson.Write(new GuardTruthReport([.. log.Episodes.Select(Truth)], [.. log.Negatives.Select(Truth)], log.ChannelDays), output);

    private static GuardTruthEpisode Truth(InsiderEpisode e) => new(e.Kind, e.Channels, e.From, e.To, e.Slow, e.Detail);

    private static SortedDictionary<string, long> Sorted(IReadOnlyDictionary<string, long> counts) =>
        new(counts.ToDictionary(c => c.Key, c => c.Value), StringComparer.Ordinal);

    private static CorpusManifest Run(Terminal terminal, SynthOptions options)
    {
        var total = LeakCorpus.TotalRecords(options);
        if (!terminal.ShowsProgress || total < 200_000)
        {
            return LeakCorpus.Generate(options, WriteManifest, writeTruth: WriteRecordTruth);
        }

        CorpusManifest? manifest = null;
        terminal.Progress.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("generating records", maxValue: total);
                manifest = LeakCorpus.Generate(options, WriteManifest, n => task.Increment(n), WriteRecordTruth);
                task.Value = total;
            });
        return manifest!;
    }

    private static void Render(IAnsiConsole console, CorpusManifest m, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", c);
        var files = new Table().Border(TableBorder.Rounded).Title($"synthetic leaks in [bold]{Markup.Escape(folder)}[/] (seed {m.Seed})");
        files.AddColumn("file");
        foreach (var name in new[] { "records", "persons", "valid", "masked", "invalid", "decoys" })
        {
            files.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var d in m.Datasets)
        {
            files.AddRow(
                $"{Markup.Escape(d.File)}\n[grey]{d.Encoding}[/]",
                N(d.Records),
                N(d.Persons),
                N(d.Valid.Values.Sum()),
                N(d.Masked.Values.Sum()),
                N(d.Invalid.Values.Sum()),
                N(d.Decoys));
        }

        console.Write(files);

        var kinds = new Table().Border(TableBorder.Rounded).Title("valid identifiers by kind");
        kinds.AddColumn("kind");
        kinds.AddColumn(new TableColumn("occurrences").RightAligned());
        kinds.AddColumn(new TableColumn("distinct").RightAligned());
        foreach (var kind in m.Datasets.SelectMany(d => d.Valid.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            kinds.AddRow(
                kind,
                N(m.Datasets.Sum(d => d.Valid.GetValueOrDefault(kind))),
                m.Distinct.TryGetValue(kind, out var distinct) ? N(distinct) : "[grey]–[/]");
        }

        console.Write(kinds);
        console.MarkupLine(
            $"{N(m.Records)} records, [bold]{N(m.Persons)}[/] distinct persons across all files " +
            $"(drawn from {N(m.People)} synthetic people). Scan {Markup.Escape(Path.Combine(folder, LeakCorpus.LeaksFolder))}; truth and counts: {Markup.Escape(Path.Combine(folder, "manifest.json"))}");
    }

    /// <summary>`tracemark synth owner`: a synthetic data owner with access logs and leak scenarios (issue 5).</summary>
    private static Command FraudReports(Terminal terminal)
    {
        var output = CliOptions.OutputFolder("--out", "Folder to write into: leaks/ (a linked courier leak, an unlinked hotel leak, a dump of everyone), reports.csv, fraud-manifest.json.", "tracemark-fraud", "-o");
        var seed = CliOptions.Long("--seed", "Same seed, same files, byte for byte.", 1, 0);
        var people = CliOptions.Long("--people", "Size of the population the leaks and the victims are drawn from.", 5_000, 10);
        var reports = CliOptions.Int("--reports", "Fraud reports to write (a third of the victims planted in the courier leak).", 600, 1);
        var command = new Command("fraud", "Synthetic fraud reports with a known answer for `tracemark fraud`: one leak that fed the fraud, one that did not.")
        {
            output, seed, people, reports,
        };
        command.SetAction(parse =>
        {
            var where = parse.GetValue(output)!;
            var options = new Tracemark.Synthetic.Fraud.FraudOptions(parse.GetValue(people), Math.Min(parse.GetValue(reports), (int)Math.Min(int.MaxValue, parse.GetValue(people) / 2)));
            var m = Tracemark.Synthetic.Fraud.FraudScenario.Write(where, (ulong)parse.GetValue(seed), options, WriteFraudManifest);
            terminal.Console.MarkupLine($"Wrote {m.ReportCount:N0} fraud reports and three leaks of a population of {m.Population:N0} to [bold]{Markup.Escape(where)}[/] ({m.PlantedVictims:N0} victims planted in {Markup.Escape(m.Linked)}; truth in fraud-manifest.json). Next:");
            terminal.Console.WriteLine($"  tracemark ingest {Path.Combine(where, m.Linked)} --name courier-linked --category courier --seen {m.Seen:yyyy-MM-dd}");
            terminal.Console.WriteLine($"  tracemark ingest {Path.Combine(where, m.Unlinked)} --name hotel-unlinked --category hotel --seen {m.Seen:yyyy-MM-dd}");
            terminal.Console.WriteLine($"  tracemark fraud import {Path.Combine(where, m.Reports)}");
            terminal.Console.WriteLine($"  tracemark fraud link --population {m.Population}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>fraud-manifest.json as the Reports contract.</summary>
    private static void WriteFraudManifest(Tracemark.Synthetic.Fraud.FraudManifest m, Stream output) =>
        ReportJson.Write(new FraudManifestReport(m.Population, m.Seen, m.Linked, m.Unlinked, m.Everyone, m.Reports, m.ReportCount, m.PlantedVictims), output);

    /// <summary>`tracemark synth credentials`: stolen-account dumps with the truth of every record (issue 22).</summary>
    private static Command CredentialDumps(Terminal terminal)
    {
        var output = CliOptions.OutputFolder("--out", "Folder to write into: leaks/ (a 洗号 dump, an MD5/SHA-1 dump, a game-account CSV, a file of decoys), truth/credentials.truth.jsonl, credentials-manifest.json.", "tracemark-credentials", "-o");
        var seed = CliOptions.Long("--seed", "Same seed, same files, byte for byte.", 1, 0);
        var people = CliOptions.Long("--people", "Size of the population the accounts' owners are drawn from (the people `tracemark synth` draws for the same seed).", 5_000, 10);
        var accounts = CliOptions.Int("--accounts", "Account–password pairs in all (half in the 洗号 dump, a quarter each in the hashed dump and the game-account table).", 1_000, 8, 10_000_000, "N", "-n");
        var json = CliOptions.Json("Print the manifest as JSON on standard output instead of a summary.");
        var command = new Command("credentials", "Synthetic stolen-account dumps for `tracemark scan`, `ingest` and `check --account`: 账号----密码 lines, hashed passwords, a game-account table and decoys, with the truth.")
        {
            output, seed, people, accounts, json,
        };
        command.SetAction(parse =>
        {
            var where = parse.GetValue(output)!;
            var options = new Tracemark.Synthetic.Credentials.CredentialOptions(parse.GetValue(people), (int)Math.Min(parse.GetValue(accounts), parse.GetValue(people)));
            var m = Tracemark.Synthetic.Credentials.CredentialDumps.Write(where, (ulong)parse.GetValue(seed), options, WriteCredentialTruth, (written, stream) => ReportJson.Write(CredentialReport(written), stream));
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(CredentialReport(m)));
                return ExitCodes.Ok;
            }

            var shapes = string.Join(", ", m.Shapes.Select(s => $"{s.Value:N0} {s.Key}"));
            terminal.Console.MarkupLine($"Wrote {m.Credentials:N0} account–password pairs ({Markup.Escape(shapes)}) and {m.Decoys:N0} decoys in {m.Files.Count} files to [bold]{Markup.Escape(Path.Combine(where, LeakCorpus.LeaksFolder))}[/] (truth in {Markup.Escape(m.Truth)}). Next:");
            terminal.Console.WriteLine($"  tracemark scan {Path.Combine(where, LeakCorpus.LeaksFolder)}");
            terminal.Console.WriteLine($"  tracemark ingest {Path.Combine(where, LeakCorpus.LeaksFolder, m.Files[0].File)} --name qq-dump --category social --seen 2026-03-01");
            terminal.Console.WriteLine($"  tracemark publish {Path.Combine(where, LeakCorpus.LeaksFolder, m.Files[0].File)} --credentials --out index");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>credentials-manifest.json (and `synth credentials --json`) as the Reports contract.</summary>
    private static CredentialManifestReport CredentialReport(Tracemark.Synthetic.Credentials.CredentialManifest m) =>
        new(
            m.Seed,
            m.People,
            [.. m.Files.Select(f => new CredentialFileReport(f.File, f.Records, f.Credentials, ReportValues.PasswordShapes(f.Shapes), f.Decoys))],
            m.Credentials,
            ReportValues.PasswordShapes(m.Shapes),
            m.Decoys,
            m.Truth);

    private static Command Owner(Terminal terminal)
    {
        var output = CliOptions.OutputFolder("--out", "Folder to write into.", "tracemark-owner", "-o");
        var seed = CliOptions.Long("--seed", "Same seed, same owner, byte for byte.", 1, 0);
        var customers = CliOptions.Int("--customers", "Customers (split over the outlets' employee accounts).", 200_000, 1);
        var outlets = CliOptions.Int("--outlets", "Outlets.", 50, 1);
        var employees = CliOptions.Int("--employees-per-outlet", "Employee accounts per outlet.", 40, 1);
        var perKind = CliOptions.Int("--samples-per-kind", "Leak samples per scenario kind.", 2, 1);
        var size = CliOptions.Int("--sample-size", "Records per sample.", 50, 1);
        var insiders = new Option<bool>("--insiders") { Description = "Instead: an owner for `tracemark guard` — 56 days of access in time order with insider episodes and hard negatives, customers with units, canaries.csv and the truth in guard-truth.json (sizes fixed; --seed applies)." };
        var alternate = new Option<bool>("--alternate") { Description = "With --insiders: the differently parameterised owner `tracemark eval guard` checks against (70 days, 12 outlets, other shifts and strengths)." };
        var command = new Command("owner", "A synthetic data owner (customers, channels, access log) and leak samples with the truth, for `tracemark owner import` and `tracemark trace`.")
        {
            output, seed, customers, outlets, employees, perKind, size, insiders, alternate,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(insiders))
            {
                var where = parse.GetValue(output)!;
                var log = ScanCommand.WithSpinner(terminal, "simulating the access log", _ =>
                {
                    var log = InsiderLog.Generate(parse.GetValue(alternate) ? InsiderOptions.Alternate : new InsiderOptions(), (ulong)parse.GetValue(seed));
                    log.Write(where, (ulong)parse.GetValue(seed), WriteGuardTruth);
                    return log;
                });
                terminal.Console.MarkupLine($"Wrote an owner for `tracemark guard` to [bold]{Markup.Escape(where)}[/]: {log.CustomerUnits.Count:N0} customers, {log.Channels.Count:N0} channels, {log.Accesses.Count:N0} access rows over {log.Options.Days} days, {log.Episodes.Count} insider episodes and {log.Negatives.Count} hard negatives (truth in guard-truth.json; canaries in canaries.csv).");
                return ExitCodes.Ok;
            }

            var options = new OwnerOptions
            {
                Customers = parse.GetValue(customers),
                Outlets = parse.GetValue(outlets),
                EmployeesPerOutlet = parse.GetValue(employees),
            };
            if ((long)options.Customers < (long)options.Outlets * options.EmployeesPerOutlet)
            {
                throw new UsageException("--customers must be at least --outlets × --employees-per-outlet");
            }

            var folder = parse.GetValue(output)!;
            var (world, files) = ScanCommand.WithSpinner(terminal, "generating the owner", _ =>
            {
                var world = OwnerWorld.Generate(options, (ulong)parse.GetValue(seed));
                return (world, OwnerFiles.Write(world, folder, (ulong)parse.GetValue(seed), parse.GetValue(perKind), parse.GetValue(size), writeScenarios: WriteScenarios));
            });
            terminal.Console.MarkupLine($"Wrote a synthetic owner to [bold]{Markup.Escape(folder)}[/]: {options.Customers:N0} customers, {world.Channels.Count:N0} channels, access.csv, older-leak.csv and {files.Count} leak samples (truth in scenarios.json; samples seen {OwnerFiles.SeenDate(options):yyyy-MM-dd}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>scenarios.json (the owner's leak samples and who leaked each) as the Reports contract.</summary>
    private static void WriteScenarios(IReadOnlyList<ScenarioFile> files, Stream output) =>
        ReportJson.Write<IReadOnlyList<OwnerScenarioReport>>(
            [.. files.Select(f => new OwnerScenarioReport(f.File, EvalValues.Scenario(f.Kind), f.Truth, f.Records, SynthValues.Form(f.Form)))],
            output);

    /// <summary>One line of `synth posts`' truth.jsonl (a post's labels) as the Reports contract; `eval intel` writes
    /// its temporary corpus the same way.</summary>
    internal static void WritePostTruth(PostTruth truth, Stream output)
    {
        var report = new PostTruthReport(
            truth.Source,
            truth.Post,
            truth.Actor,
            IntelValues.Type(truth.Type),
            IntelValues.Goods(truth.Goods),
            [.. truth.Categories.Select(IntelValues.Category)],
            truth.Freshness is null ? null : IntelValues.Freshness(truth.Freshness),
            truth.FirstHand,
            [.. truth.Fields.Select(IntelValues.Field)],
            truth.Quantity,
            truth.UnitPriceYuan,
            truth.TestPolicy is null ? null : IntelValues.Test(truth.TestPolicy),
            [.. truth.Handles.Select(h => new PostTruthHandle(IntelValues.Handle(h.Kind), h.Value))],
            truth.SampleIdentifiers,
            truth.Negative is null ? null : SynthValues.Negative(truth.Negative));
        ReportJson.Write(report, output, indented: false);
        output.WriteByte((byte)'\n');
    }

    private static Command Posts(Terminal terminal)
    {
        var output = CliOptions.OutputFolder("--out", "Folder to write into.", "tracemark-posts", "-o");
        var seed = CliOptions.Long("--seed", "Same seed, same posts, byte for byte.", 1, 0);
        var posts = CliOptions.Int("--posts", "Posts in all, split over the four files.", 4_000, 1, 10_000_000, "N", "-n");
        var people = CliOptions.Long("--people", "Population the test samples come from (as `tracemark synth --people`, so they can be found in its leaks; at least 1,000).", 5_000, 1);
        var command = new Command("posts", "Labelled trading posts and chats for `tracemark intel`: a Telegram export, a QQ chat export (GB18030), JSON Lines and plain text, with truth.jsonl.")
        {
            output, seed, posts, people,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(posts);
            var folder = parse.GetValue(output)!;
            var manifest = PostFiles.Write(folder, new PostOptions { Posts = count, Seed = parse.GetValue(seed), People = Math.Max(1_000, parse.GetValue(people)) }, WritePostTruth);
            terminal.Console.MarkupLine($"Wrote {manifest.Posts:N0} synthetic posts to [bold]{Markup.Escape(folder)}[/] ({manifest.Actors:N0} trading actors, {manifest.Negatives:N0} hard negatives): {Markup.Escape(string.Join(", ", manifest.Files))}; labels in {manifest.Truth}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
