using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Tracemark.Synthetic;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>
/// Synth output made once with fixed seeds, and a store filled from it, for the contract snapshots: every verb's
/// --json is run on these files and compared with the approved text in Contracts/.
/// </summary>
public sealed class ContractCorpus : IDisposable
{
    private readonly TempDir _dir = new("contracts");

    public ContractCorpus()
    {
        Synth = Must(Cli.Run("synth", "--out", File("s"), "--seed", "7", "--records", "150", "--people", "400", "--json"));
        Owner = Must(Cli.Run("synth", "owner", "--out", File("o"), "--seed", "7", "--customers", "2000", "--outlets", "4", "--employees-per-outlet", "3", "--samples-per-kind", "1", "--sample-size", "30"));
        Posts = Must(Cli.Run("synth", "posts", "--out", File("p"), "--seed", "7", "--posts", "40", "--people", "1000"));
    }

    /// <summary>The folder everything is in (replaced by &lt;dir&gt; in the snapshots).</summary>
    public string Dir => _dir.Path;

    /// <summary>What `synth --json` printed.</summary>
    internal Cli.Result Synth { get; }

    /// <summary>What `synth owner` (into o/) printed.</summary>
    internal Cli.Result Owner { get; }

    /// <summary>What `synth posts` (into p/) printed.</summary>
    internal Cli.Result Posts { get; }

    public string File(string relative) => Path.Combine(_dir.Path, relative);

    internal static Cli.Result Must(Cli.Result r) => r.Exit == 0 ? r : throw new InvalidOperationException($"exit {r.Exit}: {r.Error}");

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// Contract snapshots of every verb's --json (issue 18): the exact text each prints on synth output, with only what
/// varies from run to run replaced (the temporary folder, elapsed times and rates, and the age bands that move with
/// today's date). A change to an output shows up as a change to an approved file in review; when one is intended,
/// replace Contracts/NAME.json with the NAME.json.received the failing test wrote.
/// </summary>
public sealed class ContractTests(ContractCorpus corpus) : IClassFixture<ContractCorpus>
{
    // Values that differ between two runs on the same input: how long it took, and what depends on today's date.
    private static readonly Regex Volatile = new(
        "\"(elapsed_seconds|elapsed|evaluations_per_second|scalar_mults_per_second|minors_under_14)\": ?(\"[^\"]*\"|[-0-9.Ee+]+)",
        RegexOptions.CultureInvariant);

    private static readonly Regex AgeBands = new("\"by_age_band\": ?\\{[^}]*\\}", RegexOptions.CultureInvariant);

    [Fact]
    public void Synth() => Approve("synth", corpus.Synth);

    [Fact]
    public void Synth_credentials() =>
        Approve("synth-credentials", Cli.Run("synth", "credentials", "--out", corpus.File("c"), "--seed", "7", "--accounts", "200", "--people", "1000", "--json"));

    [Fact]
    public void Scan_credentials()
    {
        // The passwords map (credentials per shape) appears only when a scan finds credentials.
        ContractCorpus.Must(Cli.Run("synth", "credentials", "--out", corpus.File("sc"), "--seed", "7", "--accounts", "200", "--people", "1000"));
        Approve("scan-credentials", Cli.Run("scan", corpus.File("sc/leaks"), "--json"));
    }

    [Fact]
    public void Synth_owner_scenarios() => Approve("synth-owner-scenarios", corpus.Owner with { Out = File.ReadAllText(corpus.File("o/scenarios.json")) });

    [Fact]
    public void Synth_posts_truth() => Approve("synth-posts-truth", corpus.Posts with { Out = File.ReadAllText(corpus.File("p/truth.jsonl")) });

    [Fact]
    public void Synth_truth()
    {
        // Every shape's truth/NAME.truth.jsonl, in file-name order; noise 0.5 so that all four item statuses appear.
        var synth = ContractCorpus.Must(Cli.Run("synth", "--out", corpus.File("t"), "--seed", "3", "--records", "3", "--people", "400", "--noise", "0.5"));
        var files = Directory.GetFiles(corpus.File("t/truth")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(LeakCorpus.ShapeNames.Count, files.Count);
        Approve("synth-truth", synth with { Out = string.Concat(files.Select(File.ReadAllText)) });
    }

    [Fact]
    public void Synth_credentials_truth()
    {
        // Seed 9 at 60 accounts plants all four password shapes and all six kinds of decoy.
        var synth = ContractCorpus.Must(Cli.Run("synth", "credentials", "--out", corpus.File("ct"), "--seed", "9", "--accounts", "60", "--people", "1000"));
        Approve("synth-credentials-truth", synth with { Out = File.ReadAllText(corpus.File("ct/truth/credentials.truth.jsonl")) });
    }

    [Fact]
    public void Scan() => Approve("scan", Cli.Run("scan", corpus.File("s/leaks"), "--json"));

    [Fact]
    public void Ingest_compare_and_datasets()
    {
        var store = corpus.File("ingest.db");
        Approve("ingest", ContractCorpus.Must(Cli.Run("ingest", corpus.File("s/leaks/courier-waybills.csv"), "--name", "courier-1", "--category", "courier", "--seen", "2025-12-20", "--store", store, "--json")));
        ContractCorpus.Must(Cli.Run("ingest", corpus.File("s/leaks/loan-applications.xlsx"), "--name", "loan-1", "--category", "loan", "--seen", "2026-01-02", "--store", store));
        Approve("compare", Cli.Run("compare", corpus.File("s/leaks/materials-dump.txt"), "--seen", "2026-02-01", "--store", store, "--json"));
        Approve("datasets", Cli.Run("datasets", "--store", store, "--json"));
    }

    [Fact]
    public void Fraud_link()
    {
        var store = corpus.File("fraud.db");
        var synth = ContractCorpus.Must(Cli.Run("synth", "fraud", "--out", corpus.File("f"), "--seed", "7", "--people", "2000", "--reports", "200"));
        Approve("synth-fraud-manifest", synth with { Out = File.ReadAllText(corpus.File("f/fraud-manifest.json")) });
        ContractCorpus.Must(Cli.Run("ingest", corpus.File("f/leaks/courier-linked.csv"), "--name", "courier-linked", "--category", "courier", "--seen", "2026-01-10", "--store", store));
        ContractCorpus.Must(Cli.Run("ingest", corpus.File("f/leaks/hotel-unlinked.csv"), "--name", "hotel-unlinked", "--category", "hotel", "--seen", "2026-01-10", "--store", store));
        ContractCorpus.Must(Cli.Run("fraud", "import", corpus.File("f/reports.csv"), "--store", store));
        Approve("fraud-link", Cli.Run("fraud", "link", "--population", "2000", "--store", store, "--json"));
    }

    [Fact]
    public void Trace()
    {
        var store = corpus.File("owner.db");
        ContractCorpus.Must(Cli.Run("owner", "import", "--channels", corpus.File("o/channels.csv"), "--customers", corpus.File("o/customers.csv"), "--access", corpus.File("o/access.csv"), "--store", store));
        Approve("trace", Cli.Run("trace", corpus.File("o/scenarios/001-single-insider.csv"), "--seen", "2026-01-01", "--store", store, "--json"));
    }

    [Fact]
    public async Task Publish_and_check()
    {
        var store = corpus.File("publish.db");
        var key = corpus.File("exposure.key");
        ContractCorpus.Must(Cli.Run("ingest", corpus.File("s/leaks/courier-waybills.csv"), "--name", "courier-1", "--category", "courier", "--seen", "2025-12-20", "--store", store));
        // The bucket size follows the busiest bucket, which depends on the (random) exposure key.
        Approve("publish", Cli.Run("publish", corpus.File("s/leaks/courier-waybills.csv"), "--out", corpus.File("index"), "--prefix-bits", "8", "--public", "courier-1", "--store", store, "--exposure-key", key, "--json"), "entries_per_bucket", "bytes");

        var port = ExposureCommandTests.FreePort();
        using var server = ExposureCommandTests.Serve(corpus.File("index"), key, port);
        try
        {
            var url = $"http://127.0.0.1:{port}";
            await ExposureCommandTests.WaitUntilUp(url);
            var member = File.ReadLines(corpus.File("s/leaks/courier-waybills.csv"), CodePagesEncodingProvider.Instance.GetEncoding(936)!).Skip(1).Select(l => Regex.Match(l, "1[3-9][0-9]{9}").Value).First(m => m.Length > 0);
            Approve("check-member", Cli.Run("check", "--mobile", member, "--server", url, "--json"));
            Approve("check-outsider", Cli.Run("check", "--mobile", "13912345678", "--server", url, "--json"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Intel() =>
        Approve("intel", Cli.Run("intel", corpus.File("p/forum.jsonl"), corpus.File("p/plain.txt"), "--json", "--store", corpus.File("none.db")));

    [Fact]
    public void Eval_intel() => Approve("eval-intel", Cli.Run("eval", "intel", "--posts", "200", "--seed", "3", "--json"));

    [Fact]
    public void Intel_market_and_actors()
    {
        // Both are files beside the table the command prints; the snapshot is the file, the exit status the command's.
        var market = corpus.File("market.json");
        var actors = corpus.File("actors.json");
        var r = Cli.Run("intel", corpus.File("p"), "--market", market, "--actors", actors, "--store", corpus.File("none.db"));
        Assert.True(File.Exists(market) && File.Exists(actors), r.Error);
        Approve("intel-market", r with { Out = File.ReadAllText(market) });
        Approve("intel-actors", r with { Out = File.ReadAllText(actors) });
    }

    [Fact]
    public void Intel_graph()
    {
        // The --graph FILE.json file (masked handles); GraphML is an external format and not pinned here.
        var graph = corpus.File("graph.json");
        var r = Cli.Run("intel", corpus.File("p"), "--graph", graph, "--store", corpus.File("none.db"));
        Assert.True(File.Exists(graph), r.Error);
        Approve("intel-graph", r with { Out = File.ReadAllText(graph) });
    }

    [Fact]
    public void Intel_reveal()
    {
        // The same posts with mobile and e-mail handles in clear: the masking is the only difference from intel.json.
        Approve("intel-reveal", Cli.Run("intel", corpus.File("p/forum.jsonl"), corpus.File("p/plain.txt"), "--json", "--reveal", "--store", corpus.File("none.db")));
    }

    [Fact]
    public void Eval_intel_labelled_and_cross_validated()
    {
        var dir = corpus.File("labelled");
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "posts.jsonl"), [
            """{"time":"2026-03-02 10:00","author":"a","text":"出实时快递数据，一手源头，0.3一条，飞机@kdsell01"}""",
            """{"time":"2026-03-09 10:00","author":"a","text":"实时快递数据长期出，一手，0.3一条 飞机@kdsell01"}""",
            """{"time":"2026-03-04 12:00","author":"b","text":"代查开房记录 户籍 定位，查一次200 Q:20481234"}""",
            """{"time":"2026-03-05 19:00","author":"c","text":"今天晚上一起吃饭吗，我带点水果过去"}""",
            """{"time":"2026-03-06 09:00","author":"d","text":"收网贷客户资料，要新鲜的，微信 loanbuy88"}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "truth.jsonl"), [
            """{"post":1,"type":"offer","goods":"personal_data","unit_price_yuan":0.3,"handles":[["telegram","kdsell01"]],"actor":"A"}""",
            """{"post":2,"type":"offer","goods":"personal_data","unit_price_yuan":0.3,"handles":[["telegram","kdsell01"]],"actor":"A"}""",
            """{"post":3,"type":"service","goods":"lookup","unit_price_yuan":200,"handles":[["qq","20481234"]],"actor":"B"}""",
            """{"post":4,"type":"other","goods":"other","unit_price_yuan":null,"handles":[],"actor":null}""",
            """{"post":5,"type":"request","goods":"personal_data","unit_price_yuan":null,"handles":[["wechat","loanbuy88"]],"actor":"C"}""",
        ]);
        Approve("eval-intel-labelled", Cli.Run("eval", "intel", "--labelled", dir, "--json"));
        Approve("eval-intel-folds", Cli.Run("eval", "intel", "--labelled", dir, "--folds", "2", "--json"));
    }

    [Fact]
    public void Eval_trace() => Approve("eval-trace", Cli.Run("eval", "trace", "--customers", "10000", "--repeats", "1", "--seed", "3", "--json"));

    [Fact]
    public void Eval_guard() => Approve("eval-guard", Cli.Run("eval", "guard", "--seeds", "1", "--simulation", "standard", "--json"));

    [Fact]
    public void Guard_alerts_and_audit()
    {
        var store = corpus.File("guard.db");
        ContractCorpus.Must(Cli.Run("synth", "owner", "--insiders", "--out", corpus.File("g"), "--seed", "2"));
        ContractCorpus.Must(Cli.Run("owner", "import", "--channels", corpus.File("g/channels.csv"), "--customers", corpus.File("g/customers.csv"), "--access", corpus.File("g/access.csv"), "--store", store));
        Approve("guard", Cli.Run("guard", "--store", store, "--canaries", corpus.File("g/canaries.csv"), "--json"));
        Approve("audit", Cli.Run("audit", "--store", store, "--json"), "as_of");
    }

    [Fact]
    public void Incident_report_and_list()
    {
        var store = corpus.File("incident.db");
        ContractCorpus.Must(Cli.Run("owner", "import", "--channels", corpus.File("o/channels.csv"), "--customers", corpus.File("o/customers.csv"), "--access", corpus.File("o/access.csv"), "--store", store));
        ContractCorpus.Must(Cli.Run("incident", "open", "courier", "--discovered", "2025-12-01T23:20:00+08:00", "--operator", "other", "--entity", "顺达快递", "--system", "网点派件系统", "--owner-contact", "95000", "--loss", "6000000", "--store", store));
        ContractCorpus.Must(Cli.Run("incident", "add", "courier", corpus.File("o/scenarios/001-single-insider.csv"), "--store", store));
        ContractCorpus.Must(Cli.Run("incident", "add", "courier", corpus.File("s/leaks"), "--store", store));

        // When the report was made, when each evidence was added and the time left before each deadline move with the clock.
        Approve("incident-report", Cli.Run("incident", "report", "courier", "--insider", "--json", "--store", store), "generated", "added", "remaining");
        Approve("incident-list", Cli.Run("incident", "list", "--json", "--store", store));
    }

    [Fact]
    public void Identify() =>
        Approve("identify", Cli.Run("identify", "13800138000", "110105199001011237", "91350100M000100Y43", "6222020200112233445", "zhang@example.com", "12345", "--as-of", "2026-01-01", "--json"));

    [Fact]
    public void Identify_lines() =>
        Approve("identify-lines", Cli.RunWithInput("13800138000\n110105199001011237\nnot a number\n", "identify", "-", "--as-of", "2026-01-01", "--json"));

    [Fact]
    public void The_normalisation_only_touches_what_varies()
    {
        // If the patterns swallowed more than they should, the snapshots would stop proving anything.
        const string text = "{\n  \"elapsed_seconds\": 1.5,\n  \"records\": 12,\n  \"elapsed\": \"00:00:02.1\",\n  \"by_age_band\": {\"18-29\": 3},\n  \"minors_under_14\": 2\n}";
        Assert.Equal("{\n  \"elapsed_seconds\": \"<varies>\",\n  \"records\": 12,\n  \"elapsed\": \"<varies>\",\n  \"by_age_band\": \"<varies>\",\n  \"minors_under_14\": \"<varies>\"\n}", Normalise(text, "/nowhere"));
    }

    private void Approve(string name, Cli.Result result, params string[] alsoVarying)
    {
        var output = Normalise(result.Out, corpus.Dir);
        foreach (var field in alsoVarying)
        {
            output = Regex.Replace(output, $"\"{field}\": ?(\"[^\"]*\"|[-0-9.Ee+]+)", $"\"{field}\": \"<varies>\"");
        }

        var actual = $"exit {result.Exit}\n{output}";
        var path = Path.Combine(SourceDirectory(), "Contracts", name + ".json");
        var approved = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(path + ".received", actual);
            Assert.Fail($"The --json contract '{name}' changed. If intended, replace Contracts/{name}.json with Contracts/{name}.json.received.\n{result.Error}");
        }
    }

    private static string Normalise(string text, string dir)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace(dir.Replace("\\", "\\\\", StringComparison.Ordinal), "<dir>", StringComparison.Ordinal)
            .Replace(dir, "<dir>", StringComparison.Ordinal);
        text = Volatile.Replace(text, m => $"\"{m.Groups[1].Value}\": \"<varies>\"");
        return AgeBands.Replace(text, "\"by_age_band\": \"<varies>\"");
    }

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
