using Npgsql;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Synthetic.Owners;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Tests;

/// <summary>
/// A store sharded over two PostgreSQL servers (`store init --shards`) answers ingest, compare, owner import and
/// trace exactly as one server does, with rows on both shards. Three clusters: the shared one as coordinator (and as
/// the single server to compare with) and two started here as shards.
/// </summary>
[Collection("postgres")]
public sealed class ShardTests(PostgresServer server)
{
    private static readonly OwnerOptions Small = new() { Customers = 4_000, Outlets = 3, EmployeesPerOutlet = 6, Admins = 2, Partners = 2, ApiClients = 2 };

    [Fact]
    public void A_sharded_store_gives_the_answers_of_one_server_with_rows_on_both_shards()
    {
        using var shard1 = new PostgresServer();
        using var shard2 = new PostgresServer();
        using var dir = new TempDir();
        var world = OwnerWorld.Generate(Small, 31);
        var files = OwnerFiles.Write(world, dir.Path, 31, samplesPerKind: 1, sampleSize: 40, contamination: 0.2);
        var lines = File.ReadAllLines(dir.File("access.csv"));
        File.WriteAllLines(dir.File("odd.csv"), [lines[0], .. lines.Skip(1).Where((_, i) => i % 2 == 1)]);
        File.WriteAllLines(dir.File("even.csv"), [lines[0], .. lines.Skip(1).Where((_, i) => i % 2 == 0)]);
        var customers = File.ReadAllLines(dir.File("customers.csv"));
        var mobile = Array.IndexOf(customers[0].Split(','), "mobile");
        var second = customers[2].Split(',');
        second[mobile] = customers[1].Split(',')[mobile];
        File.WriteAllLines(dir.File("moved.csv"), [customers[0], string.Join(',', second)]);

        var single = server.NewDatabase();
        var coordinator = server.NewDatabase();
        var shards = new[] { shard1.NewDatabase(), shard2.NewDatabase() };
        Assert.Contains("/", KnownLeakStore.InitSharded(coordinator, shards), StringComparison.Ordinal);

        (string Dump, string Answers) Run(string url)
        {
            // One key for both: the answers are compared tag for tag.
            if (!File.Exists(dir.File("shared.key")))
            {
                using var first = KnownLeakStore.Open(new StoreLocation(url, dir.File("shared.key")), create: true);
            }

            using var store = KnownLeakStore.Open(new StoreLocation(url, dir.File("shared.key")), create: true);
            var seen = OwnerFiles.SeenDate(Small);
            Assert.Equal("added", store.Ingest(new ScanOptions { Paths = [dir.File("older-leak.csv")] }, "older", "other", new DateOnly(2025, 10, 1), null).Outcome);
            Assert.Equal("added", store.Ingest(new ScanOptions { Paths = [Path.Combine(dir.Path, files[0].File)] }, "first-sample", "other", new DateOnly(2025, 11, 1), null).Outcome);
            var owner = new OwnerStore(store);
            owner.ImportChannels(dir.File("channels.csv"));
            owner.ImportCustomers(dir.File("customers.csv"));
            owner.ImportCustomers(dir.File("moved.csv"));
            Assert.Empty(owner.ImportAccess(dir.File("odd.csv")).Problems);
            Assert.Empty(owner.ImportAccess(dir.File("even.csv")).Problems); // merged into what is there

            var answers = new System.Text.StringBuilder();
            foreach (var f in files)
            {
                var path = Path.Combine(dir.Path, f.File);
                var c = store.Compare(new ScanOptions { Paths = [path] }, seen);
                answers.Append(System.Globalization.CultureInfo.InvariantCulture, $"{f.File}: {c.Identifiers} {c.Known} {c.EarliestFirstSeen} {string.Join(' ', c.Datasets.Select(d => $"{d.Name}={d.Overlap}"))}\n");
                var t = new Tracer(store).Trace(new ScanOptions { Paths = [path] }, seen);
                answers.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {t.Verdict} {t.Matched} {t.Known} {string.Join(' ', t.Ranked.Select(h => $"{string.Join('+', h.Channels)}:{h.Posterior:R}"))}\n");
                answers.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {string.Join(' ', t.Evidence.Select(e => $"{e.Channel}:{e.AccessedCustomers}/{e.Devices}/{e.NewDevices}/{e.PeakAccesses}"))}\n");
            }

            Assert.True(store.Remove("first-sample"));
            answers.Append(string.Join(' ', store.Datasets().Select(d => $"{d.Name}:{d.Identifiers}:{d.Complete}")));
            return (owner.Data.Dump(), answers.ToString());
        }

        var one = Run(single);
        var sharded = Run(coordinator);
        Assert.Equal(one.Answers, sharded.Answers);
        Assert.Equal(one.Dump, sharded.Dump);
        Assert.Contains("attributed", one.Answers, StringComparison.Ordinal);

        // Both shards hold rows of every large table, and together exactly what the single server holds.
        long Count(string url, string sql)
        {
            using var connection = new NpgsqlConnection(StoreLocationString(url));
            connection.Open();
            using var cmd = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var table in new[] { "occurrences", "owner_customers", "owner_identifiers", "owner_reach", "owner_access" })
        {
            var perShard = shards.Select((s, i) => Count(s, $"SELECT COUNT(*) FROM tracemark.{table}_p{i}")).ToList();
            Assert.All(perShard, n => Assert.True(n > 0, $"{table}: a shard holds no rows ({string.Join(", ", perShard)})"));
            Assert.Equal(Count(single, $"SELECT COUNT(*) FROM tracemark.{table}"), perShard.Sum());
        }

        // Canaries on the sharded store: numbered by the coordinator's sequence, found by a trace through the shards.
        using (var store = KnownLeakStore.Open(new StoreLocation(coordinator, dir.File("shared.key")), create: false))
        {
            var channel = world.Channels[0].Name;
            var canaries = new OwnerStore(store).IssueCanaries(channel, 3);
            File.WriteAllLines(dir.File("canaries.csv"), ["name,mobile,cn_id", .. canaries.Select(p => $"{p.Name},{p.Mobile},{p.ResidentId}")]);
            var report = new Tracer(store).Trace(new ScanOptions { Paths = [dir.File("canaries.csv")] }, OwnerFiles.SeenDate(Small));
            Assert.Equal([channel], report.Ranked[0].Channels);
            Assert.Equal(3, report.Ranked[0].Canaries);
            Assert.Equal(Small.Customers + 3, new OwnerStore(store).Data.CustomerCount());
        }
    }

    private static string StoreLocationString(string url)
    {
        var uri = new Uri(url);
        return $"Host={uri.Host};Port={uri.Port};Username=postgres;Database={uri.AbsolutePath.TrimStart('/')};Pooling=false";
    }
}
