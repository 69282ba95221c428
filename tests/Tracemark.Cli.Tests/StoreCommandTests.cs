using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark ingest`, `compare`, `datasets` and `scan --against-store` on synth output, with a SQLite store.</summary>
public sealed class StoreCommandTests(SynthCorpus corpus) : IClassFixture<SynthCorpus>
{
    private static readonly string[] StoredKinds = ["cn_id", "mobile", "landline", "bank_card", "email", "qq", "uscc", "cn_passport", "hk_macau_permit", "hk_id", "tw_id", "plate", "waybill"];

    private HashSet<(string, string)> Truth(string truthFile) =>
        [.. StoredKinds.SelectMany(k => corpus.ValidValues(truthFile, k).Select(v => (k, v)))];

    [Theory]
    [InlineData("store.db", "postgres://u@h/s1", "store.db")]
    [InlineData("postgres://u@h/c", "postgres://u@h/s1,shard.db", "shard.db")]
    public void Store_init_refuses_what_is_not_PostgreSQL_as_a_usage_error(string coordinator, string shards, string named)
    {
        var run = Cli.Run("store", "init", "--store", coordinator, "--shards", shards);
        Assert.Equal(2, run.Exit);
        Assert.Contains($"'{named}' is not a postgres:// URL", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Ingest_then_compare_counts_the_overlap_the_generator_wrote()
    {
        using var dir = new TempDir();
        var store = dir.File("store.db");
        var courier = Path.Combine(corpus.Leaks, "courier-waybills.csv");
        var app = Path.Combine(corpus.Leaks, "app-users.jsonl");

        var ingest = Cli.Run("ingest", courier, "--name", "courier-1", "--category", "courier", "--seen", "2026-01-01", "--store", store, "--json");
        Assert.Equal(0, ingest.Exit);
        using (var doc = JsonDocument.Parse(ingest.Out))
        {
            Assert.Equal("added", doc.RootElement.GetProperty("outcome").GetString());
            Assert.Equal(Truth("courier-waybills.truth.jsonl").Count, doc.RootElement.GetProperty("dataset").GetProperty("identifiers").GetInt64());
        }

        var compare = Cli.Run("compare", app, "--store", store, "--seen", "2026-01-02", "--json");
        Assert.Equal(0, compare.Exit);
        using var result = JsonDocument.Parse(compare.Out);
        var r = result.RootElement[0];
        var appTruth = Truth("app-users.truth.jsonl");
        var expectedKnown = appTruth.Intersect(Truth("courier-waybills.truth.jsonl")).Count();
        Assert.True(expectedKnown > 0, "the generator shares people between files");
        Assert.Equal(appTruth.Count, r.GetProperty("identifiers").GetInt64());
        Assert.Equal(expectedKnown, r.GetProperty("known").GetInt64());
        Assert.Equal("courier-1", r.GetProperty("datasets")[0].GetProperty("name").GetString());
        Assert.Equal("2026-01-01", r.GetProperty("earliest_first_seen").GetString());
        Assert.False(string.IsNullOrEmpty(r.GetProperty("freshness").GetProperty("grade").GetString()));
    }

    [Fact]
    public void Datasets_lists_and_rm_removes()
    {
        using var dir = new TempDir();
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("ingest", Path.Combine(corpus.Leaks, "courier-waybills.csv"), "--name", "c", "--category", "courier", "--seen", "2026-01-01", "--store", store).Exit);
        Assert.Equal(0, Cli.Run("ingest", Path.Combine(corpus.Leaks, "loan-applications.xlsx"), "--name", "l", "--category", "loan", "--seen", "2026-01-03", "--store", store).Exit);

        var list = Cli.Run("datasets", "--store", store);
        Assert.Equal(0, list.Exit);
        Assert.Contains("courier", list.Out, StringComparison.Ordinal);
        Assert.Contains("2 dataset(s)", list.Out, StringComparison.Ordinal);

        Assert.Equal(0, Cli.Run("datasets", "rm", "c", "--store", store).Exit);
        var rm = Cli.Run("datasets", "rm", "c", "--store", store);
        Assert.Equal(1, rm.Exit);
        Assert.Contains("no dataset named 'c'", rm.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Cli.Run("datasets", "--store", store, "--json").Out);
        Assert.Equal(["l"], json.RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }

    [Fact]
    public void Scan_against_the_store_adds_the_comparison()
    {
        using var dir = new TempDir();
        var store = dir.File("store.db");
        var courier = Path.Combine(corpus.Leaks, "courier-waybills.csv");
        Cli.Run("ingest", courier, "--name", "c", "--category", "courier", "--seen", "2026-01-01", "--store", store);

        var r = Cli.Run("scan", courier, "--against-store", "--store", store);

        Assert.Equal(0, r.Exit);
        Assert.Contains("personal data found", r.Out, StringComparison.Ordinal);
        Assert.Contains("This is exactly the content of the known dataset c", r.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Cli.Run("scan", courier, "--against-store", "--store", store, "--json").Out);
        Assert.Equal(json.RootElement.GetProperty("store").GetProperty("identifiers").GetInt64(), json.RootElement.GetProperty("store").GetProperty("known").GetInt64());
        Assert.True(json.RootElement.GetProperty("scan").GetProperty("records").GetInt64() > 0);
    }

    [Theory]
    [InlineData(new[] { "ingest", "x.csv", "--name", "a", "--category", "pets", "--seen", "2026-01-01" }, "pets")]
    [InlineData(new[] { "ingest", "x.csv", "--name", "a", "--category", "courier", "--seen", "01/01/2026" }, "YYYY-MM-DD")]
    [InlineData(new[] { "ingest", "x.csv", "--category", "courier", "--seen", "2026-01-01" }, "--name")]
    public void Bad_arguments_are_usage_errors(string[] args, string mentioned)
    {
        using var dir = new TempDir();
        var r = Cli.Run([.. args, "--store", dir.File("s.db")]);
        Assert.Equal(2, r.Exit);
        Assert.Contains(mentioned, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_without_a_store_says_how_to_make_one()
    {
        using var dir = new TempDir();
        var r = Cli.Run("compare", Path.Combine(corpus.Leaks, "courier-waybills.csv"), "--store", dir.File("none.db"));
        Assert.Equal(1, r.Exit);
        Assert.Contains("`tracemark ingest` creates it", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Killed_mid_ingest_then_run_again_resumes_to_exactly_what_a_clean_ingest_stores()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Cli.Run("synth", "--out", dir.File("big"), "--shapes", "courier", "--records", "300000", "--people", "400000", "--no-truth", "--seed", "7").Exit);
        var file = Path.Combine(dir.File("big"), "leaks", "courier-waybills.csv");
        var store = dir.File("killed.db");
        string[] ingest = ["ingest", file, "--name", "big", "--category", "courier", "--seen", "2026-01-01", "--store", store];

        using (var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "tracemark.dll"), .. ingest]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            var partial = false;
            while (!process.HasExited && !partial)
            {
                Thread.Sleep(20);
                partial = Count(store, "SELECT count(*) FROM occurrences") > 0 && Count(store, "SELECT count(*) FROM datasets WHERE complete = 0") == 1;
            }

            Assert.True(partial, "the ingest ended before any chunk was committed: the file is too small to interrupt");
            process.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
            process.WaitForExit();
        }

        var resumed = Cli.Run([.. ingest, "--json"]);
        Assert.Equal(0, resumed.Exit);
        Assert.Contains("\"outcome\": \"resumed\"", resumed.Out, StringComparison.Ordinal);

        var clean = dir.File("clean.db");
        Assert.Equal(0, Cli.Run("ingest", file, "--name", "big", "--category", "courier", "--seen", "2026-01-01", "--store", clean).Exit);
        Assert.Equal(Count(clean, "SELECT count(*) FROM occurrences"), Count(store, "SELECT count(*) FROM occurrences"));
        Assert.Equal(Count(clean, "SELECT identifiers FROM datasets"), Count(store, "SELECT identifiers FROM datasets WHERE complete = 1"));
    }

    private static long Count(string db, string sql)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=false");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }
}
