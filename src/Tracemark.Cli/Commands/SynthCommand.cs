using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Synthetic;
using Tracemark.Synthetic.Owners;
using Tracemark.Synthetic.Posts;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark synth`: synthetic people and leak files with ground truth.</summary>
internal static class SynthCommand
{
    private const string Summary = "Write synthetic leak files shaped like real cases, with ground truth, to test on (never real people).";

    /// <summary>The command (one-line description) and the details its --help adds.</summary>
    public static (Command Command, string Details) Create(Terminal terminal)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder to write into: leak files in leaks/, ground truth in truth/, counts in manifest.json.", DefaultValueFactory = _ => "tracemark-synth", HelpName = "DIR" };
        var seed = new Option<long>("--seed") { Description = "Same seed, same files, byte for byte.", DefaultValueFactory = _ => 1 };
        var people = new Option<long>("--people") { Description = "Size of the shared population; records draw from it, so people repeat within and across files.", DefaultValueFactory = _ => 5_000 };
        var records = new Option<long>("--records", "-n") { Description = "Records per file (streamed: 10 million is fine).", DefaultValueFactory = _ => 1_000 };
        var noise = new Option<double>("--noise") { Description = "Share of identifiers disfigured: reformatted (+86, spaces, full-width), masked, mistyped or missing.", DefaultValueFactory = _ => 0.12 };
        var shapes = new Option<string[]>("--shapes") { Description = "Comma-separated shapes to write (default: all): " + string.Join(", ", LeakCorpus.ShapeNames), AllowMultipleArgumentsPerToken = true, HelpName = "SHAPES" };
        var noTruth = new Option<bool>("--no-truth") { Description = "Skip the per-record ground-truth files (manifest.json is always written)." };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON instead of a table." };

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
            Validate(options);
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

    private static void Validate(SynthOptions o)
    {
        if (o.People < 1)
        {
            throw new ArgumentException("--people must be at least 1");
        }

        if (o.Records < 0)
        {
            throw new ArgumentException("--records must not be negative");
        }

        if (o.Noise is < 0 or > 1)
        {
            throw new ArgumentException("--noise is a share between 0 and 1, e.g. 0.12");
        }

        foreach (var s in o.Shapes ?? [])
        {
            if (!LeakCorpus.ShapeNames.Contains(s))
            {
                throw new ArgumentException($"unknown shape '{s}'; known shapes: {string.Join(", ", LeakCorpus.ShapeNames)}");
            }
        }
    }

    private static CorpusManifest Run(Terminal terminal, SynthOptions options)
    {
        var total = LeakCorpus.TotalRecords(options);
        if (!terminal.IsInteractive || total < 200_000)
        {
            return LeakCorpus.Generate(options);
        }

        CorpusManifest? manifest = null;
        terminal.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("generating records", maxValue: total);
                manifest = LeakCorpus.Generate(options, n => task.Increment(n));
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
    private static Command Owner(Terminal terminal)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder to write into.", DefaultValueFactory = _ => "tracemark-owner", HelpName = "DIR" };
        var seed = new Option<long>("--seed") { Description = "Same seed, same owner, byte for byte.", DefaultValueFactory = _ => 1 };
        var customers = new Option<int>("--customers") { Description = "Customers (split over 50 outlets of 40 employee accounts).", DefaultValueFactory = _ => 200_000 };
        var outlets = new Option<int>("--outlets") { Description = "Outlets.", DefaultValueFactory = _ => 50 };
        var employees = new Option<int>("--employees-per-outlet") { Description = "Employee accounts per outlet.", DefaultValueFactory = _ => 40 };
        var perKind = new Option<int>("--samples-per-kind") { Description = "Leak samples per scenario kind.", DefaultValueFactory = _ => 2 };
        var size = new Option<int>("--sample-size") { Description = "Records per sample.", DefaultValueFactory = _ => 50 };
        var command = new Command("owner", "A synthetic data owner (customers, channels, access log) and leak samples with the truth, for `tracemark owner import` and `tracemark trace`.")
        {
            output, seed, customers, outlets, employees, perKind, size,
        };
        command.SetAction(parse =>
        {
            var options = new OwnerOptions
            {
                Customers = parse.GetValue(customers),
                Outlets = parse.GetValue(outlets),
                EmployeesPerOutlet = parse.GetValue(employees),
            };
            if (options.Customers < options.Outlets * options.EmployeesPerOutlet || options.Outlets < 1 || options.EmployeesPerOutlet < 1)
            {
                throw new ArgumentException("--customers must be at least --outlets × --employees-per-outlet, both at least 1");
            }

            var world = OwnerWorld.Generate(options, (ulong)parse.GetValue(seed));
            var folder = parse.GetValue(output)!;
            var files = OwnerFiles.Write(world, folder, (ulong)parse.GetValue(seed), parse.GetValue(perKind), parse.GetValue(size));
            terminal.Console.MarkupLine($"Wrote a synthetic owner to [bold]{Markup.Escape(folder)}[/]: {options.Customers:N0} customers, {world.Channels.Count:N0} channels, access.csv, older-leak.csv and {files.Count} leak samples (truth in scenarios.json; samples seen {OwnerFiles.SeenDate(options):yyyy-MM-dd}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Posts(Terminal terminal)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder to write into.", DefaultValueFactory = _ => "tracemark-posts", HelpName = "DIR" };
        var seed = new Option<long>("--seed") { Description = "Same seed, same posts, byte for byte.", DefaultValueFactory = _ => 1 };
        var posts = new Option<int>("--posts", "-n") { Description = "Posts in all, split over the four files.", DefaultValueFactory = _ => 4_000 };
        var people = new Option<long>("--people") { Description = "Population the test samples come from (as `tracemark synth --people`, so they can be found in its leaks).", DefaultValueFactory = _ => 5_000 };
        var command = new Command("posts", "Labelled trading posts and chats for `tracemark intel`: a Telegram export, a QQ chat export (GB18030), JSON Lines and plain text, with truth.jsonl.")
        {
            output, seed, posts, people,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(posts);
            if (count < 1 || count > 10_000_000)
            {
                throw new ArgumentException("--posts is 1 to 10,000,000");
            }

            var folder = parse.GetValue(output)!;
            var manifest = PostFiles.Write(folder, new PostOptions { Posts = count, Seed = parse.GetValue(seed), People = Math.Max(1_000, parse.GetValue(people)) });
            terminal.Console.MarkupLine($"Wrote {manifest.Posts:N0} synthetic posts to [bold]{Markup.Escape(folder)}[/] ({manifest.Actors:N0} trading actors, {manifest.Negatives:N0} hard negatives): {Markup.Escape(string.Join(", ", manifest.Files))}; labels in {manifest.Truth}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
