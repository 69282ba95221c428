using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Evaluation;
using Tracemark.Intel;
using Tracemark.Intel.Evaluation;
using Tracemark.Intel.Output;
using Tracemark.Intel.Posts;
using Tracemark.Reports;
using Tracemark.Store;
using Tracemark.Synthetic.Posts;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark intel`: trading posts and chats → offers, prices, handles, actors, market (docs/intel.md).</summary>
internal static class IntelCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static (Command, string) Create(Terminal terminal)
    {
        var files = CliOptions.Inputs("PATH", "Telegram result.json, QQ .txt exports, JSON Lines or plain text (one post per line); folders are read recursively, - is standard input.");
        var format = CliOptions.Choice("--format", "Input format for every file (default: judged from the content; the extension only where the content leaves it open).", PostFormat.Auto, Formats);
        var json = CliOptions.Json("Print one JSON object per post (JSON Lines) instead of tables.");
        var graph = new Option<string[]>("--graph") { Description = "Write the actor graph: FILE.json (nodes, edges) or FILE.graphml; may be given twice.", HelpName = "FILE", AllowMultipleArgumentsPerToken = false };
        graph.Validators.Add(result =>
        {
            foreach (var path in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (CliOptions.WritableFileProblem(path) is { } problem)
                {
                    result.AddError($"--graph {path}: {problem}");
                }
            }
        });
        var stix = CliOptions.OutputFile("--stix", "Write a STIX 2.1 bundle (threat actors, handles as observables and indicators) for MISP/OpenCTI.");
        var report = CliOptions.OutputFile("--report", "Write one offline HTML report: actor graph, price charts, top actors, example posts.");
        var actorsFile = CliOptions.OutputFile("--actors", "Write the actor summaries as JSON: accounts, names, handles, first/last seen, offers, goods, categories, volume, price range, links, example posts.");
        var market = CliOptions.OutputFile("--market", "Write the market view as JSON: by month; by week (offers, requests, actors, price quartiles, first-hand and tested shares); samples by month.");
        var reveal = new Option<bool>("--reveal") { Description = "Show mobile and e-mail handles in clear (masked by default; sample identifiers are only ever counted)." };
        var top = CliOptions.Int("--top", "Actors in the table.", 15, 1);
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var command = new Command("intel", "Read trading posts and chats: who sells which personal data, how fresh, at what price, with which contacts; which handles are one actor.")
        {
            files, format, json, graph, stix, report, actorsFile, market, reveal, top, store, key,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            using var leaks = OpenStoreIfThere(parse.GetValue(store), parse.GetValue(key));
            if (leaks is null && parse.GetValue(store) is { } asked)
            {
                terminal.Error.WriteLine($"tracemark: no store at {asked}: test samples are counted but not checked against known leaks");
            }

            var options = new IntelOptions
            {
                Paths = paths,
                Format = parse.GetValue(format),
                Store = leaks,
                Stdin = () => terminal.Input,
                Note = note => terminal.Error.WriteLine($"tracemark: note: {note}"),
            };
            using var result = Run(terminal, options);
            var show = parse.GetValue(reveal);
            foreach (var path in parse.GetValue(graph) ?? [])
            {
                if (path.EndsWith(".graphml", StringComparison.OrdinalIgnoreCase))
                {
                    ActorGraph.WriteGraphMl(path, result, show);
                }
                else
                {
                    File.WriteAllText(path, ReportJson.Serialize(ActorGraphReport.From(result, show)));
                }
            }

            if (parse.GetValue(stix) is { } stixPath)
            {
                StixBundle.Write(stixPath, result, show, DateTimeOffset.UtcNow);
            }

            if (parse.GetValue(report) is { } reportPath)
            {
                IntelReport.Write(reportPath, result, show);
            }

            if (parse.GetValue(actorsFile) is { } actorsPath)
            {
                File.WriteAllText(actorsPath, ReportJson.Serialize(ActorReport.List(result.Actors, show)));
            }

            if (parse.GetValue(market) is { } marketPath)
            {
                File.WriteAllText(marketPath, ReportJson.Serialize(IntelMarketReport.From(result)));
            }

            if (parse.GetValue(json))
            {
                IntelPostReport.WriteLines(terminal.Out, result.Posts, show);
            }
            else
            {
                Render(terminal.Console, result, parse.GetValue(top), show, leaks is not null);
            }

            foreach (var problem in result.Problems)
            {
                terminal.Error.WriteLine($"tracemark: {problem.Source}, {problem.Where}: {problem.Message}");
            }

            return result.Problems.Count > 0 ? ExitCodes.InputProblems : ExitCodes.Ok;
        });
        return (command, """
            Each post gets a type (offer, request, service = lookups on demand, other), the goods (personal_data, lookup,
            accounts, sim, bank_kit, other), source categories (courier, loan, student, property_owner, car_owner,
            investor, cosmetics, hotel, credit, ecommerce, insurance), freshness (real-time, overnight, historical),
            first-hand or not, the fields offered, the quantity and the unit price in yuan (20元一万条 → 0.002,
            一毛五 → 0.15, 1.2一条 → 1.2), the test policy, the contact and payment handles (QQ, WeChat, Telegram,
            mobile, e-mail, USDT), how many personal identifiers its test sample holds — and, with a store, how many
            of those are in a known leak. 水果, 叶子 and 猪肉 also sell drugs, 台子 is also a gambling site and
            小裙 are traffic groups: the words around them decide. Accounts that share a contact, a USDT address,
            a near-duplicate ad or sample identifiers become one actor; escrow (担保) handles never link.

            Formats: Telegram Desktop's export (result.json), QQ's text export ("2021-01-30 11:00:00 昵称(QQ号)"),
            JSON Lines {"time","author","channel","text"}, plain text (one post per line). A folder is read recursively
            (files in it that are not posts, such as the truth.jsonl labels of `tracemark synth posts`, are passed over
            with a note); - reads standard input. A broken file is reported with the place it broke; the posts before it
            are still read. A file with no posts (empty) is reported too.

            Exit status: 0 read in full, 1 some input unreadable, broken or without posts (the rest is read), 2 usage.

            Examples:
              tracemark synth posts --out posts
              tracemark intel posts
              tracemark intel posts/telegram/result.json posts/qq/水果交流群.txt posts/forum.jsonl posts/plain.txt
              tracemark intel posts/forum.jsonl --json > posts.jsonl
              cat posts/plain.txt | tracemark intel -
              tracemark intel posts --report intel.html --graph actors.graphml --stix actors.stix.json --actors actors.json
            """);
    }

    private static readonly Dictionary<string, PostFormat> Formats = new(StringComparer.Ordinal)
    {
        ["auto"] = PostFormat.Auto,
        ["telegram"] = PostFormat.Telegram,
        ["qq"] = PostFormat.Qq,
        ["jsonl"] = PostFormat.JsonLines,
        ["plain"] = PostFormat.Plain,
        ["wechat"] = PostFormat.WeChat,
    };

    // The --format value a format is chosen by (jsonl, not JsonLines).
    private static string FormatName(PostFormat format) => Formats.First(f => f.Value == format).Key;

    /// <summary>The known-leak store, when one exists (intel never creates one).</summary>
    private static KnownLeakStore? OpenStoreIfThere(string? store, string? key)
    {
        var location = StoreLocation.Resolve(store, key);
        if (!location.IsPostgres && !File.Exists(location.Store))
        {
            return null;
        }

        return KnownLeakStore.Open(location, create: false);
    }

    private static IntelResult Run(Terminal terminal, IntelOptions options)
    {
        return ScanCommand.WithSpinner(terminal, "reading posts", status => IntelRun.Run(options with { Progress = n => status($"{n.ToString("N0", C)} posts read") }));
    }

    private static void Render(IAnsiConsole console, IntelResult result, int top, bool reveal, bool withStore)
    {
        if (result.PostCount == 0)
        {
            // Nothing read: the reasons are on stderr, and empty tables would only look like a result.
            return;
        }

        console.MarkupLine($"{result.PostCount.ToString("N0", C)} posts from {result.Formats.Count} files ({Markup.Escape(string.Join(", ", result.Formats.Select(f => $"{Path.GetFileName(f.Key)}: {FormatName(f.Value)}")))}): [bold]{result.TradePosts.ToString("N0", C)}[/] about the trade.");

        // One pass over the spooled posts for the table.
        var cells = new Dictionary<string, long[]>(StringComparer.Ordinal);
        long samples = 0, known = 0;
        var offers = new List<IntelPost>();
        foreach (var p in result.Posts)
        {
            if (p.CredentialDumps is not null && offers.Count < top)
            {
                offers.Add(p);
            }

            if (p.Goods == "other")
            {
                continue;
            }

            if (!cells.TryGetValue(p.Goods, out var row))
            {
                cells[p.Goods] = row = new long[5];
            }

            row[p.Type switch { "offer" => 0, "request" => 1, _ => 2 }]++;
            row[3] += p.UnitPriceYuan is null ? 0 : 1;
            row[4] += p.SampleIdentifiers > 0 ? 1 : 0;
            samples += p.SampleIdentifiers;
            known += p.SamplesKnown ?? 0;
        }

        var byKind = new Table().Border(TableBorder.Rounded).Title("posts by goods and type");
        foreach (var h in new[] { "goods", "offer", "request", "service", "priced", "with samples" })
        {
            byKind.AddColumn(h);
        }

        foreach (var (goods, row) in cells.OrderByDescending(c => c.Value[0] + c.Value[1] + c.Value[2]))
        {
            byKind.AddRow([goods, .. row.Select(v => v.ToString("N0", C))]);
        }

        console.Write(byKind);
        var trading = result.Actors.Where(a => a.Offers + a.Requests + a.Services > 0).ToList();
        var wide = console.Profile.Width >= WideActors;
        var actors = new Table().Border(TableBorder.Rounded).Title($"top actors ({trading.Count.ToString("N0", C)} trading)");
        foreach (var h in wide ? new[] { "actor", "posts", "goods", "category", "yuan/record", "volume", "a handle" } : ["actor", "trade"])
        {
            actors.AddColumn(h);
        }

        foreach (var a in trading.OrderByDescending(a => a.Posts).ThenBy(a => a.Id, StringComparer.Ordinal).Take(top))
        {
            var handle = a.Handles.Count == 0 ? "—" : Short($"{a.Handles[0].Kind}:{(reveal ? a.Handles[0] : a.Handles[0].Masked()).Value}") + (a.Handles.Count > 1 ? $" +{a.Handles.Count - 1}" : string.Empty);
            var price = a.PriceMin is { } lo ? (a.PriceMax == lo ? lo.ToString("0.####", C) : $"{lo.ToString("0.####", C)}–{a.PriceMax!.Value.ToString("0.####", C)}") : "—";
            var goods = a.Goods.OrderByDescending(g => g.Value).Select(g => g.Key).FirstOrDefault() ?? "—";
            var category = a.Categories.OrderByDescending(c => c.Value).Select(c => c.Key).FirstOrDefault() ?? "—";
            var posts = $"{a.Posts.ToString(C)} ({a.Accounts.Count.ToString(C)} acc.)";
            if (wide)
            {
                actors.AddRow(Markup.Escape(a.Id), posts, Markup.Escape(goods), Markup.Escape(category), price, a.Volume.ToString("N0", C), Markup.Escape(handle));
            }
            else
            {
                // Narrow terminals: the facts as short lines that wrap between words, never inside one.
                actors.AddRow(
                    $"{Markup.Escape(a.Id)}\n[grey]{posts} posts[/]",
                    Markup.Escape($"{goods} · {category}\n{price} yuan/record · volume {a.Volume.ToString("N0", C)}\n{handle}"));
            }
        }

        console.Write(actors);
        console.MarkupLine(withStore
            ? $"Samples: {samples.ToString("N0", C)} identifiers in test samples, {known.ToString("N0", C)} of them in a known leak."
            : $"Samples: {samples.ToString("N0", C)} identifiers in test samples (no store here to check them against: --store).");
        foreach (var p in offers)
        {
            // Dataset names are the investigator's own; the samples themselves are never printed.
            var dumps = string.Join("; ", p.CredentialDumps!.Select(d => $"{d.Dataset} ({d.Pairs.ToString(C)} account+password pair(s), {d.Accounts.ToString(C)} account(s))"));
            console.MarkupLine($"Account offer {Markup.Escape(Path.GetFileName(p.Source))} #{p.Post.ToString(C)} ({Markup.Escape(p.Actor)}): its samples are in {Markup.Escape(dumps)}.");
        }

        if (result.Hubs.Count > 0)
        {
            console.MarkupLine($"{result.Hubs.Count.ToString(C)} handles appear with more than {IntelRun.HubLimit} accounts (escrows, group admins): not used to link.");
        }
    }

    private static int EvalLabelled(Terminal terminal, string dir, bool json, int folds, bool byAuthor)
    {
        var postsPath = Path.Combine(dir, "posts.jsonl");
        var truthPath = Path.Combine(dir, "truth.jsonl");
        foreach (var path in new[] { postsPath, truthPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file (--labelled wants a folder with posts.jsonl and truth.jsonl)");
            }
        }

        if (folds > 1)
        {
            return CrossValidate(terminal, dir, json, folds, byAuthor);
        }

        var evaluation = LabelledEvaluation.Evaluate(dir, byAuthor);
        if (json)
        {
            terminal.Out.WriteLine(ReportJson.Serialize(LabelledEvalReport.From(evaluation)));
            return ExitCodes.Ok;
        }

        terminal.Console.MarkupLine($"{evaluation.Present.ToString("N0", C)} of {evaluation.Posts.ToString("N0", C)} labelled posts read from {Markup.Escape(postsPath)}.");
        terminal.Console.Write(ScoreTable("intel accuracy on a labelled set", evaluation.Scores));
        foreach (var miss in evaluation.Misses)
        {
            terminal.Console.MarkupLine(Markup.Escape(miss));
        }

        return ExitCodes.Ok;
    }

    private static int CrossValidate(Terminal terminal, string dir, bool json, int folds, bool byAuthor)
    {
        var cv = LabelledEvaluation.CrossValidate(dir, folds, byAuthor);
        if (json)
        {
            terminal.Out.WriteLine(ReportJson.Serialize(CrossValidationEvalReport.From(cv)));
            return ExitCodes.Ok;
        }

        terminal.Console.MarkupLine($"{folds.ToString(C)}-fold cross-validation on {cv.Pooled.Posts.ToString("N0", C)} labelled posts; per fold, the lexicon words only its posts use are withdrawn: "
            + Markup.Escape(string.Join(", ", cv.PerFold.Select(f => $"fold {f.Fold} {f.Posts.Count} posts, {f.Withdrawn.Count} words"))) + ".");
        var table = new Table().Border(TableBorder.Rounded).Title($"intel on a labelled set, {folds.ToString(C)}-fold");
        table.AddColumn("measure");
        table.AddColumn("pooled");
        table.AddColumn("folds min–max");
        table.AddColumn("all words");
        table.AddColumn("target");
        table.AddColumn("met");
        for (var i = 0; i < cv.Pooled.Scores.Count; i++)
        {
            var s = cv.Pooled.Scores[i];
            var perFold = cv.PerFold.Select(f => f.Report.Scores[i].Value).ToList();
            table.AddRow(
                s.Name,
                s.Value.ToString("0.000", C),
                perFold.Min().ToString("0.000", C) + "–" + perFold.Max().ToString("0.000", C),
                cv.Resubstitution.Scores[i].Value.ToString("0.000", C),
                (s.AtLeast ? "≥ " : "≤ ") + s.Target.ToString("0.00", C),
                s.Met ? "[green]yes[/]" : "[red]no[/]");
        }

        terminal.Console.Write(table);
        foreach (var f in cv.PerFold)
        {
            foreach (var miss in f.Report.Misses)
            {
                terminal.Console.MarkupLine(Markup.Escape($"fold {f.Fold} {miss}"));
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Columns the seven-column top-actors table needs before its cells start to wrap.</summary>
    internal const int WideActors = 110;

    private static string Short(string text) => text.Length > 20 ? text[..19] + "…" : text;

    /// <summary>`tracemark eval intel`.</summary>
    public static Command Eval(Terminal terminal)
    {
        var posts = CliOptions.Int("--posts", "Synthetic posts to generate and read.", 8_000, 100, 10_000_000);
        var seed = CliOptions.Long("--seed", "Same seed, same posts.", 1, 0);
        var folder = new Option<string?>("--dir") { Description = "Score an existing `tracemark synth posts` folder instead of generating one.", HelpName = "DIR" };
        folder.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } dir && !Directory.Exists(dir))
            {
                result.AddError($"--dir {dir}: no such folder");
            }
        });
        var json = CliOptions.Json();
        var labelled = new Option<string?>("--labelled") { Description = "Score a hand-labelled set instead: DIR/posts.jsonl with DIR/truth.jsonl (the intel-real layout, docs/intel.md); misses are listed.", HelpName = "DIR" };
        labelled.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } dir && !Directory.Exists(dir))
            {
                result.AddError($"--labelled {dir}: no such folder");
            }
        });
        var folds = CliOptions.Int("--folds", "With --labelled: K-fold cross-validation (posts of one actor in one fold; the words only a fold's posts use are withdrawn from the lexicon while it is read; docs/intel.md). 1 scores the set as a whole.", 1, 1, 50, "K");
        var byAuthor = new Option<bool>("--by-author") { Description = "With --labelled: read the posts of one author and channel as one account, as `tracemark intel` does. By default each labelled post is an account of its own: the layout's authors are synthetic placeholders, and the truth's actors come from contacts and reposted text (docs/intel.md)." };
        var command = new Command("intel", "Score `tracemark intel` on labelled synthetic posts: type and goods F1, prices, handles, actor linking, hard negatives.")
        {
            posts, seed, folder, json, labelled, folds, byAuthor,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(labelled) is { } set)
            {
                return EvalLabelled(terminal, set, parse.GetValue(json), parse.GetValue(folds), parse.GetValue(byAuthor));
            }

            var dir = parse.GetValue(folder);
            var temporary = dir is null;
            dir ??= Path.Combine(Path.GetTempPath(), "tracemark-eval-intel-" + Guid.NewGuid().ToString("N"));
            try
            {
                if (temporary)
                {
                    PostFiles.Write(dir, new PostOptions { Posts = Math.Max(100, parse.GetValue(posts)), Seed = parse.GetValue(seed) }, SynthCommand.WritePostTruth);
                }

                var inputs = new[] { PostFiles.TelegramFile, PostFiles.QqFile, PostFiles.ForumFile, PostFiles.PlainFile }.Select(f => Path.Combine(dir, f)).ToList();
                using var result = IntelRun.Run(new IntelOptions { Paths = inputs });
                var evaluation = IntelEvaluation.Score(dir, result);
                if (parse.GetValue(json))
                {
                    terminal.Out.WriteLine(ReportJson.Serialize(new IntelEvalReport(
                        evaluation.Posts,
                        evaluation.Matched,
                        evaluation.Accounts,
                        evaluation.Actors,
                        IntelEvalReport.ByType(evaluation.TypeF1),
                        IntelEvalReport.ByGoods(evaluation.GoodsF1),
                        IntelScoreReport.List(evaluation.Scores),
                        evaluation.Misses)));
                    return ExitCodes.Ok;
                }

                terminal.Console.MarkupLine($"{evaluation.Matched.ToString("N0", C)} of {evaluation.Posts.ToString("N0", C)} labelled posts read; {evaluation.Accounts.ToString("N0", C)} accounts of {evaluation.Actors.ToString("N0", C)} true actors.");
                terminal.Console.Write(ScoreTable("intel accuracy", evaluation.Scores));
                terminal.Console.MarkupLine("F1 by class — type: " + Markup.Escape(string.Join(", ", evaluation.TypeF1.Select(k => $"{k.Key} {k.Value.ToString("0.000", C)}"))));
                terminal.Console.MarkupLine("goods: " + Markup.Escape(string.Join(", ", evaluation.GoodsF1.Select(k => $"{k.Key} {k.Value.ToString("0.000", C)}"))));
                return ExitCodes.Ok;
            }
            finally
            {
                if (temporary && Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        });
        return command;
    }

    private static Table ScoreTable(string title, IEnumerable<Score> scores)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn("measure");
        table.AddColumn("value");
        table.AddColumn("target");
        table.AddColumn("met");
        foreach (var s in scores)
        {
            table.AddRow(s.Name, s.Value.ToString("0.0000", C), (s.AtLeast ? "≥ " : "≤ ") + s.Target.ToString("0.00", C), s.Met ? "[green]yes[/]" : "[red]no[/]");
        }

        return table;
    }
}
