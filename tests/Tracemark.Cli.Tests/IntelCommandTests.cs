using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark synth posts`, `intel` and `eval intel` end to end, on synth output.</summary>
public sealed class IntelCommandTests
{
    private static string[] Inputs(string dir) =>
        [Path.Combine(dir, "telegram", "result.json"), Path.Combine(dir, "qq", "水果交流群.txt"), Path.Combine(dir, "forum.jsonl"), Path.Combine(dir, "plain.txt")];

    [Fact]
    public void Intel_reads_synth_posts_and_writes_posts_graph_stix_report_and_market()
    {
        using var dir = new TempDir("intel-cli");
        var synth = Cli.Run("synth", "posts", "--out", dir.Path, "--posts", "1500", "--seed", "3");
        Assert.True(synth.Exit == 0, synth.Error);
        Assert.Contains("1,500 synthetic posts", synth.Out, StringComparison.Ordinal);

        var json = Cli.Run(["intel", .. Inputs(dir.Path), "--json", "--store", dir.File("none.db")]);
        Assert.True(json.Exit == 0, json.Error);
        var lines = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1_500, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.True(first.RootElement.TryGetProperty("actor", out _));
            Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("samples_known").ValueKind); // no store here
        }

        var files = Cli.Run(["intel", .. Inputs(dir.Path), "--graph", dir.File("g.json"), "--graph", dir.File("g.graphml"), "--stix", dir.File("s.json"), "--report", dir.File("r.html"), "--market", dir.File("m.json"), "--actors", dir.File("a.json"), "--store", dir.File("none.db")]);
        Assert.True(files.Exit == 0, files.Error);
        Assert.Contains("top actors", files.Out, StringComparison.Ordinal);
        Assert.Contains("about the trade", files.Out, StringComparison.Ordinal);
        foreach (var f in new[] { "g.json", "g.graphml", "s.json", "r.html", "m.json", "a.json" })
        {
            Assert.True(new FileInfo(dir.File(f)).Length > 100, f);
        }

        using var stix = JsonDocument.Parse(File.ReadAllText(dir.File("s.json")));
        Assert.Equal("bundle", stix.RootElement.GetProperty("type").GetString());
        using var actors = JsonDocument.Parse(File.ReadAllText(dir.File("a.json")));
        var seller = actors.RootElement.EnumerateArray().First(a => a.GetProperty("offers").GetInt32() > 0);
        foreach (var field in new[] { "id", "accounts", "handles", "first_seen", "last_seen", "goods", "categories", "volume", "price_min", "price_max", "links", "examples" })
        {
            Assert.True(seller.TryGetProperty(field, out _), field);
        }

        Assert.DoesNotMatch(@"""value"": ""1[3-9]\d{9}""", File.ReadAllText(dir.File("a.json")));
    }

    [Fact]
    public void Sample_identifiers_are_checked_against_the_store_when_there_is_one()
    {
        using var dir = new TempDir("intel-cli-store");
        // The same seed and population as `tracemark synth`: posts show people of its leaks.
        Assert.Equal(0, Cli.Run("synth", "--out", dir.File("synth"), "--records", "2000", "--shapes", "courier").Exit);
        var leak = Directory.GetFiles(dir.File("synth/leaks")).Single();
        Assert.Equal(0, Cli.Run("ingest", leak, "--name", "courier", "--category", "courier", "--seen", "2026-01-01", "--store", dir.File("s.db")).Exit);
        Assert.Equal(0, Cli.Run("synth", "posts", "--out", dir.File("posts"), "--posts", "2000").Exit);
        var r = Cli.Run(["intel", .. Inputs(dir.File("posts")), "--json", "--store", dir.File("s.db")]);
        Assert.True(r.Exit == 0, r.Error);
        var posts = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(posts, p => Assert.NotEqual(JsonValueKind.Null, p.GetProperty("samples_known").ValueKind));
        Assert.Contains(posts, p => p.GetProperty("samples_known").GetInt32() > 0);
        Assert.All(posts, p => Assert.InRange(p.GetProperty("samples_known").GetInt32(), 0, p.GetProperty("sample_identifiers").GetInt32()));
    }

    [Fact]
    public void Broken_inputs_are_named_the_rest_is_read_and_the_exit_status_says_so()
    {
        using var dir = new TempDir("intel-cli-bad");
        Assert.Equal(0, Cli.Run("synth", "posts", "--out", dir.Path, "--posts", "400").Exit);
        var telegram = Inputs(dir.Path)[0];
        var whole = File.ReadAllText(telegram);
        File.WriteAllText(telegram, whole[..(whole.Length / 2)]);
        File.WriteAllBytes(dir.File("photo.txt"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        File.AppendAllText(Inputs(dir.Path)[2], "{\"author\":\"x\",\"text\":\n");
        var r = Cli.Run("intel", Inputs(dir.Path)[0], Inputs(dir.Path)[2], Inputs(dir.Path)[3], dir.File("photo.txt"), "--json", "--store", dir.File("none.db"));
        Assert.Equal(1, r.Exit);
        Assert.Contains("result.json", r.Error, StringComparison.Ordinal);
        Assert.Contains("truncated", r.Error, StringComparison.Ordinal);
        Assert.Contains("photo.txt", r.Error, StringComparison.Ordinal);
        Assert.Contains("forum.jsonl, line", r.Error, StringComparison.Ordinal);
        // Every post of the sound files is read, and those of the cut export up to the cut.
        var bySource = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).GroupBy(l => JsonDocument.Parse(l).RootElement.GetProperty("source").GetString()!).ToDictionary(g => Path.GetFileName(g.Key), g => g.Count());
        var truth = File.ReadLines(Path.Combine(dir.Path, "truth.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("source").GetString()!).GroupBy(Path.GetFileName).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(truth["forum.jsonl"], bySource["forum.jsonl"]);
        Assert.Equal(truth["plain.txt"], bySource["plain.txt"]);
        Assert.InRange(bySource["result.json"], 1, truth["result.json"] - 1);

        var missing = Cli.Run("intel", dir.File("nope.jsonl"));
        Assert.Equal(2, missing.Exit);
        Assert.Equal($"tracemark intel: {dir.File("nope.jsonl")}: no such file or folder", missing.Error.TrimEnd());
        Assert.Equal(string.Empty, missing.Out);
    }

    [Fact]
    public void Intel_reads_folders_recursively_and_standard_input_and_an_empty_file_is_exit_1()
    {
        using var dir = new TempDir("intel-cli-inputs");
        Assert.Equal(0, Cli.Run("synth", "posts", "--out", dir.File("posts"), "--posts", "600", "--seed", "5").Exit);
        var folder = Cli.Run("intel", dir.File("posts"), "--json");
        Assert.True(folder.Exit == 0, folder.Error);
        Assert.Equal(600, folder.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // The labels beside the posts are not posts: passed over with a note, not read as 600 broken posts.
        Assert.Contains("truth.jsonl: skipped", folder.Error, StringComparison.Ordinal);

        var plain = Path.Combine(dir.File("posts"), "plain.txt");
        var fromFile = Cli.Run("intel", plain, "--json").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var fromStdin = Cli.RunWithInput(File.ReadAllText(plain), "intel", "-", "--json");
        Assert.True(fromStdin.Exit == 0, fromStdin.Error);
        var lines = fromStdin.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(fromFile.Length, lines.Length);
        Assert.All(lines, l => Assert.Equal("-", JsonDocument.Parse(l).RootElement.GetProperty("source").GetString()));

        // Telegram's export on standard input (no .json name to go by) is still read as one document.
        var telegram = Path.Combine(dir.File("posts"), "telegram", "result.json");
        var tgFile = Cli.Run("intel", telegram, "--json").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var tgStdin = Cli.RunWithInput(File.ReadAllText(telegram), "intel", "-", "--json");
        Assert.True(tgStdin.Exit == 0, tgStdin.Error);
        Assert.Equal(tgFile, tgStdin.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        File.WriteAllBytes(dir.File("empty.csv"), []);
        var empty = Cli.Run("intel", dir.File("empty.csv"));
        Assert.Equal(1, empty.Exit);
        Assert.Contains($"{dir.File("empty.csv")}, file: no posts read", empty.Error, StringComparison.Ordinal);
        Assert.Empty(empty.Out);
        var blank = Cli.RunWithInput("\n\n", "intel", "-", "--json");
        Assert.Equal(1, blank.Exit);
        Assert.Contains("-, file: no posts read", blank.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_example_of_intel_help_runs()
    {
        using var dir = new TempDir("intel-cli-help");
        var help = Cli.Run("intel", "--help").Out;
        var examples = help.Split('\n').Select(l => l.Trim()).Where(l => (l.StartsWith("tracemark ", StringComparison.Ordinal) || l.StartsWith("cat ", StringComparison.Ordinal)) && !l.Contains('<', StringComparison.Ordinal)).ToList();
        Assert.True(examples.Count >= 4, help);
        // Paths of the examples are relative to a working folder: placed in the test's folder instead.
        string[] Args(string command)
        {
            var tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            return [.. tokens.Select((t, i) => i > 0 && tokens[i - 1] == "synth" ? t : Place(t))];
        }

        string Place(string token) => token == "posts" || token.StartsWith("posts/", StringComparison.Ordinal) || (token.Contains('.', StringComparison.Ordinal) && !token.StartsWith('-')) ? Path.Combine(dir.Path, token) : token;

        foreach (var example in examples)
        {
            if (example.StartsWith("tracemark synth", StringComparison.Ordinal))
            {
                var made = Cli.Run(Args(example));
                Assert.True(made.Exit == 0, $"{example}: {made.Error}");
                continue;
            }

            var stdin = string.Empty;
            var command = example;
            if (example.StartsWith("cat ", StringComparison.Ordinal))
            {
                var pipe = example.Split(" | ", 2);
                stdin = File.ReadAllText(Place(pipe[0]["cat ".Length..].Trim()));
                command = pipe[1];
            }

            var r = Cli.RunWithInput(stdin, Args(command.Split(" > ", 2)[0]));
            Assert.True(r.Exit == 0, $"{example}: exit {r.Exit}: {r.Error}");
            Assert.NotEmpty(r.Out);
        }
    }

    [Fact]
    public void Eval_intel_meets_the_targets_on_a_fresh_corpus()
    {
        var r = Cli.Run("eval", "intel", "--posts", "2000", "--seed", "4", "--json");
        Assert.True(r.Exit == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var scores = doc.RootElement.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(9, scores.Count);
        Assert.All(scores, s => Assert.True(s.GetProperty("met").GetBoolean(), s.GetProperty("name").GetString()));
    }

    /// <summary>A labelled set in the intel-real layout: posts.jsonl and truth.jsonl, one line each.</summary>
    private static TempDir Labelled(string purpose, string[] posts, string[] truth)
    {
        var dir = new TempDir(purpose);
        Directory.CreateDirectory(dir.Path);
        File.WriteAllLines(dir.File("posts.jsonl"), posts);
        File.WriteAllLines(dir.File("truth.jsonl"), truth);
        return dir;
    }

    [Fact]
    public void Eval_intel_cross_validates_a_labelled_set_by_folds()
    {
        using var dir = Labelled(
            "intel-labelled",
        [
            """{"time":"2026-03-02 10:00","author":"a","text":"出实时快递数据，一手源头，0.3一条，飞机@kdsell01"}""",
            """{"time":"2026-03-09 10:00","author":"a","text":"实时快递数据长期出，一手，0.3一条 飞机@kdsell01"}""",
            """{"time":"2026-03-04 12:00","author":"b","text":"代查开房记录 户籍 定位，查一次200 Q:20481234"}""",
            """{"time":"2026-03-05 19:00","author":"c","text":"今天晚上一起吃饭吗，我带点水果过去"}""",
        ],
        [
            """{"post":1,"type":"offer","goods":"personal_data","unit_price_yuan":0.3,"handles":[["telegram","kdsell01"]],"actor":"A"}""",
            """{"post":2,"type":"offer","goods":"personal_data","unit_price_yuan":0.3,"handles":[["telegram","kdsell01"]],"actor":"A"}""",
            """{"post":3,"type":"service","goods":"lookup","unit_price_yuan":200,"handles":[["qq","20481234"]],"actor":"B"}""",
            """{"post":4,"type":"other","goods":"other","unit_price_yuan":null,"handles":[],"actor":null}""",
        ]);

        var r = Cli.Run("eval", "intel", "--labelled", dir.Path, "--folds", "2", "--json");
        Assert.True(r.Exit == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var folds = doc.RootElement.GetProperty("per_fold").EnumerateArray().ToList();
        Assert.Equal(2, folds.Count);
        var posts = folds.SelectMany(f => f.GetProperty("posts").EnumerateArray().Select(p => p.GetInt64())).Order().ToList();
        Assert.Equal([1L, 2, 3, 4], posts);
        Assert.Equal(4, doc.RootElement.GetProperty("pooled").GetProperty("present").GetInt32());
        Assert.Empty(doc.RootElement.GetProperty("resubstitution").GetProperty("misses").EnumerateArray());

        var table = Cli.Run("eval", "intel", "--labelled", dir.Path, "--folds", "2");
        Assert.True(table.Exit == 0, table.Error);
        Assert.Contains("2-fold", table.Out, StringComparison.Ordinal);

        var bad = Cli.Run("eval", "intel", "--labelled", dir.Path, "--folds", "0");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("--folds", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_intel_scores_actors_by_what_labelled_posts_say_and_by_author_when_asked()
    {
        // Two sellers under one placeholder author name: only --by-author reads them as one account.
        using var dir = Labelled(
            "intel-labelled-by-author",
        [
            """{"author":"老王","channel":"群","text":"出 车主数据 一手 飞机 @chezhu_src"}""",
            """{"author":"老王","channel":"群","text":"收 一类卡 高价 飞机 @card_buyer"}""",
        ],
        [
            """{"post":1,"type":"offer","goods":"personal_data","unit_price_yuan":null,"handles":[["telegram","chezhu_src"]],"actor":"A"}""",
            """{"post":2,"type":"request","goods":"bank_kit","unit_price_yuan":null,"handles":[["telegram","card_buyer"]],"actor":"B"}""",
        ]);

        var perPost = Cli.Run("eval", "intel", "--labelled", dir.Path);
        Assert.True(perPost.Exit == 0, perPost.Error);
        Assert.DoesNotContain("linked, truth actors", perPost.Out, StringComparison.Ordinal);

        var byAuthor = Cli.Run("eval", "intel", "--labelled", dir.Path, "--by-author");
        Assert.True(byAuthor.Exit == 0, byAuthor.Error);
        Assert.Contains("#1 and #2: linked, truth actors A and B", byAuthor.Out, StringComparison.Ordinal);
    }
}
