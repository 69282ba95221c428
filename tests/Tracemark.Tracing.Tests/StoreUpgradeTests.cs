using System.IO.Compression;
using System.Text.Json;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Tests;

/// <summary>
/// Stores written by release a83c9eb (Data/release-a83c9eb, made as its README says) open under this code, migrate,
/// and give that release's answers; and what is written after the upgrade takes its ids from the database.
/// </summary>
[Collection("postgres")]
public sealed class StoreUpgradeTests(PostgresServer server)
{
    private static readonly string Release = Path.Combine(AppContext.BaseDirectory, "Data", "release-a83c9eb");
    private static readonly DateOnly Seen = new(2025, 12, 1);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_store_of_the_previous_release_upgrades_and_answers_as_it_did(string backend)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        var prefix = backend == "sqlite" ? string.Empty : "pg-";
        var location = backend == "sqlite" ? Sqlite(dir) : Postgres(dir);

        using (var store = KnownLeakStore.Open(location, create: false))
        {
            Assert.Equal(["courier", "dump"], store.Datasets().Select(d => d.Name));

            var compare = store.Compare(new ScanOptions { Paths = [Path.Combine(RepositoryRoot(), "samples", "leaks", "hotel-checkins.txt")] }, Seen);
            using var expectedCompare = Json(prefix + "compare-hotel.json");
            var c = expectedCompare.RootElement[0];
            Assert.Equal(c.GetProperty("identifiers").GetInt64(), compare.Identifiers);
            Assert.Equal(c.GetProperty("known").GetInt64(), compare.Known);
            Assert.Equal(
                c.GetProperty("datasets").EnumerateArray().Select(d => (d.GetProperty("name").GetString(), d.GetProperty("overlap").GetInt64())),
                compare.Datasets.Select(d => ((string?)d.Name, d.Overlap)));

            AssertTrace(store, "001-single-insider.csv", prefix + "trace-001.json");
            AssertTrace(store, prefix + "canaries.csv", prefix + "trace-canaries.json");

            // Written after the upgrade: new customers and canaries are numbered by the database, after the old ones.
            var owner = new OwnerStore(store);
            var before = owner.Data.CustomerIds();
            Assert.Equal(2_003, owner.Data.CustomerCount());
            File.WriteAllLines(dir.File("more.csv"), ["customer_id,mobile", "new-1,13800138000", "new-2,13900139000"]);
            Assert.Equal(2, owner.ImportCustomers(dir.File("more.csv")).Rows);
            owner.IssueCanaries("emp-outlet00-02", 2);
            var after = owner.Data.CustomerIds();
            Assert.Equal(before.Count + 4, after.Count);
            Assert.Equal(after.Count, after.Values.Distinct().Count());
            Assert.All(after.Where(p => !before.ContainsKey(p.Key)), p => Assert.True(p.Value > before.Values.Max()));
            Assert.Equal(2_007, owner.Data.CustomerCount());
        }

        // Opening again finds nothing left to migrate and the same answers.
        using (var again = KnownLeakStore.Open(location, create: false))
        {
            AssertTrace(again, "001-single-insider.csv", prefix + "trace-001.json");
        }
    }

    private StoreLocation Sqlite(TempDir dir)
    {
        using (var source = new GZipStream(File.OpenRead(Path.Combine(Release, "store.db.gz")), CompressionMode.Decompress))
        using (var target = File.Create(dir.File("store.db")))
        {
            source.CopyTo(target);
        }

        File.Copy(Path.Combine(Release, "store.key"), dir.File("store.key"));
        return new StoreLocation(dir.File("store.db"), dir.File("store.key"));
    }

    private StoreLocation Postgres(TempDir dir)
    {
        using (var source = new GZipStream(File.OpenRead(Path.Combine(Release, "pg-store.sql.gz")), CompressionMode.Decompress))
        using (var target = File.Create(dir.File("dump.sql")))
        {
            source.CopyTo(target);
        }

        var url = server.NewDatabase();
        server.Psql(url, dir.File("dump.sql"));
        File.Copy(Path.Combine(Release, "pg.key"), dir.File("pg.key"));
        return new StoreLocation(url, dir.File("pg.key"));
    }

    private static void AssertTrace(KnownLeakStore store, string sample, string expectedFile)
    {
        var report = new Tracer(store).Trace(new ScanOptions { Paths = [Path.Combine(Release, sample)] }, Seen);
        using var expected = Json(expectedFile);
        var e = expected.RootElement;
        Assert.Equal(e.GetProperty("verdict").GetString(), report.Verdict);
        Assert.Equal(e.GetProperty("matched").GetInt32(), report.Matched);
        Assert.Equal(e.GetProperty("known").GetInt32(), report.Known);
        var ranked = e.GetProperty("ranked").EnumerateArray().ToList();
        Assert.Equal(ranked.Count, report.Ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            Assert.Equal(ranked[i].GetProperty("channels").EnumerateArray().Select(x => x.GetString()), report.Ranked[i].Channels);
            Assert.Equal(ranked[i].GetProperty("posterior").GetDouble(), report.Ranked[i].Posterior, 9);
            Assert.Equal(ranked[i].GetProperty("canaries").GetInt32(), report.Ranked[i].Canaries);
        }

        Assert.Equal(
            e.GetProperty("evidence").EnumerateArray().Select(x => (x.GetProperty("channel").GetString(), x.GetProperty("accessed_customers").GetInt64(), x.GetProperty("devices").GetInt32(), x.GetProperty("peak_accesses").GetInt64())),
            report.Evidence.Select(x => ((string?)x.Channel, x.AccessedCustomers, x.Devices, x.PeakAccesses)));
    }

    private static JsonDocument Json(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Release, file)));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tracemark.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Tracemark.slnx) is not above " + AppContext.BaseDirectory);
    }
}
