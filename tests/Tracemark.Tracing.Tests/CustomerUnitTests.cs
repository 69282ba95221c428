using Tracemark.Store;
using Tracemark.Store.Owner;
using Tracemark.Store.Tests;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Tests;

/// <summary>The optional unit column of customers.csv (issue 19): stored per customer on SQLite and PostgreSQL.</summary>
[Collection("postgres")]
public sealed class CustomerUnitTests(PostgresServer server)
{
    private KnownLeakStore Open(string backend, TempDir dir) => KnownLeakStore.Open(backend == "sqlite"
        ? new StoreLocation(dir.File("s.db"), dir.File("s.key"))
        : new StoreLocation(server.NewDatabase(), dir.File("pg.key")), create: true);

    private static SortedDictionary<long, string> Units(KnownLeakStore store)
    {
        var units = new SortedDictionary<long, string>();
        store.OwnerData.CustomerUnits((c, u) => units[c] = u);
        return units;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Units_are_stored_normalized_the_later_line_winning_and_a_reimport_updates_them(string backend)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("customers.csv"), "customer_id,mobile,unit\nC1,13800138000, outlet-07/route-03/ \nC2,13900139000,\nC3,13700137000,outlet-08\nC3,13700137000,outlet-09//route-1\n");
        using var store = Open(backend, dir);
        var owner = new OwnerStore(store);
        Assert.Empty(owner.ImportCustomers(dir.File("customers.csv")).Problems);
        var ids = store.OwnerData.CustomerIds().Values.Order().ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(new Dictionary<long, string> { [ids[0]] = "outlet-07/route-03", [ids[2]] = "outlet-09/route-1" }, Units(store));

        File.WriteAllText(dir.File("moved.csv"), "customer_id,mobile,unit\nC1,13800138000,outlet-01\n");
        owner.ImportCustomers(dir.File("moved.csv"));
        Assert.Equal("outlet-01", Units(store)[ids[0]]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_customers_file_without_unit_still_imports_and_stores_no_units(string backend)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("customers.csv"), "customer_id,mobile\nC1,13800138000\nC2,13900139000\n");
        using var store = Open(backend, dir);
        var result = new OwnerStore(store).ImportCustomers(dir.File("customers.csv"));
        Assert.Equal(2, result.Rows);
        Assert.Empty(result.Problems);
        Assert.Empty(Units(store));
    }

    [Theory]
    [InlineData("outlet-07", "outlet-07/route-03", true)]
    [InlineData("outlet-07", "outlet-07", true)]
    [InlineData("outlet-07", "outlet-070", false)]
    [InlineData("outlet-07/route-03", "outlet-07", false)]
    [InlineData("hq", "outlet-07/route-03", false)]
    public void A_unit_covers_itself_and_the_paths_below_it_at_a_slash(string unit, string other, bool covers) =>
        Assert.Equal(covers, UnitPath.Covers(unit, other));

    [Fact]
    public void Normalizing_a_unit_is_idempotent_and_never_leaves_empty_segments() =>
        Properties.Hold(FsCheck.Fluent.ArbMap.Default.ArbFor<string>().Generator, text =>
        {
            var once = UnitPath.Normalize(text);
            return once is null || (UnitPath.Normalize(once) == once && !once.Split('/').Any(string.IsNullOrWhiteSpace));
        }, count: 3000);
}
