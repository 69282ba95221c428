using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Tests;

/// <summary>Ids come from the database: two processes writing customers at once never hand out the same number.</summary>
[Collection("postgres")]
public sealed class ConcurrentWriterTests(PostgresServer server)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Two_writers_at_once_give_every_customer_its_own_id(string backend)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        var location = backend == "sqlite"
            ? new StoreLocation(dir.File("s.db"), dir.File("s.key"))
            : new StoreLocation(server.NewDatabase(), dir.File("pg.key"));
        using (var first = KnownLeakStore.Open(location, create: true))
        {
            File.WriteAllLines(dir.File("channels.csv"), ["channel_id,kind", "emp-1,employee", "emp-2,employee"]);
            new OwnerStore(first).ImportChannels(dir.File("channels.csv"));
        }

        const int PerWriter = 3_000;
        for (var w = 0; w < 2; w++)
        {
            File.WriteAllLines(dir.File($"customers-{w}.csv"), ["customer_id,mobile", .. Enumerable.Range(0, PerWriter).Select(i => $"w{w}-{i},1{(w == 0 ? 38 : 39)}{i:D8}")]);
        }

        using var start = new Barrier(2);
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, w =>
        {
            using var store = KnownLeakStore.Open(location, create: false);
            var owner = new OwnerStore(store);
            start.SignalAndWait();
            owner.ImportCustomers(dir.File($"customers-{w}.csv"));
            owner.IssueCanaries(w == 0 ? "emp-1" : "emp-2", 5);
        });

        using var check = KnownLeakStore.Open(location, create: false);
        var data = new OwnerStore(check).Data;
        var ids = data.CustomerIds();
        Assert.Equal((2 * PerWriter) + 10, ids.Count);
        Assert.Equal(ids.Count, ids.Values.Distinct().Count());
        Assert.Equal(ids.Count, data.CustomerCount());
    }
}
