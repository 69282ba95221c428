using System.Text;
using Tracemark.Identifiers;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Synthetic.Fraud;
using Tracemark.Tests;

namespace Tracemark.Fraud.Tests;

/// <summary>Shared PostgreSQL cluster for the fraud tests.</summary>
public sealed class FraudPostgres : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() => new PostgresServer());

    public string NewDatabase() => _server.Value.NewDatabase();

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

/// <summary>Import, link, who and sample on both backends, on `synth fraud`'s world (a planted leak and an unplanted one).</summary>
public sealed class FraudStoreTests(FraudPostgres postgres) : IClassFixture<FraudPostgres>
{
    private KnownLeakStore Store(TempDir dir, string backend)
    {
        Directory.CreateDirectory(dir.Path);
        return KnownLeakStore.Open(StoreLocation.Resolve(backend == "postgres" ? postgres.NewDatabase() : dir.File("store.db"), dir.File("store.key")), create: true);
    }

    // The synthetic world ingested: the two leaks (not the dump), reports imported.
    private static FraudManifest World(TempDir dir, KnownLeakStore store, bool dump = false)
    {
        var m = FraudScenario.Write(dir.File("world"), 1, new FraudOptions());
        store.Ingest(new ScanOptions { Paths = [Path.Combine(dir.File("world"), m.Linked)] }, "courier-linked", "courier", m.Seen, null);
        store.Ingest(new ScanOptions { Paths = [Path.Combine(dir.File("world"), m.Unlinked)] }, "hotel-unlinked", "hotel", m.Seen, null);
        if (dump)
        {
            store.Ingest(new ScanOptions { Paths = [Path.Combine(dir.File("world"), m.Everyone)] }, "broker-dump", "other", m.Seen, null);
        }

        var r = FraudImport.Import(store, Path.Combine(dir.File("world"), m.Reports));
        Assert.Empty(r.Problems);
        return m;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void The_planted_leak_comes_first_with_its_interval_above_1_and_the_other_contains_1(string backend)
    {
        using var dir = new TempDir("fraud");
        using var store = Store(dir, backend);
        var m = World(dir, store);
        var link = FraudLink.Link(store, m.Population);

        Assert.Equal("courier-linked", link.Leaks[0].Dataset.Name);
        Assert.True(link.Leaks[0].LiftLow > 1, $"lift interval {link.Leaks[0].LiftLow}–{link.Leaks[0].LiftHigh}");
        Assert.True(link.Leaks[0].Connected);
        var hotel = Assert.Single(link.Leaks, l => l.Dataset.Name == "hotel-unlinked");
        Assert.InRange(1.0, hotel.LiftLow, hotel.LiftHigh);
        Assert.False(hotel.Connected);
        Assert.StartsWith("Unconnected", FraudText.Verdict(hotel), StringComparison.Ordinal);

        // The planted victims mostly reported refund scams: that type, and no other, stands out in the linked leak.
        Assert.Equal(FraudType.ImpersonateCustomerService, Assert.Single(link.Leaks[0].FraudTypes).Type);
        Assert.Empty(hotel.FraudTypes);

        // Expected by chance = victims × persons ÷ population; victims reporting twice count once.
        Assert.True(link.Victims < link.Reports);
        Assert.Equal(link.Victims * 1000.0 / m.Population, link.Leaks[0].Expected, 6);
        Assert.True(link.Leaks[0].DaysToReport is >= 5 and <= 60);
        Assert.True(link.Leaks[0].LossYuan > 0);

        // The fraudsters' numbers used on planted victims lead back to the courier leak.
        Assert.NotEmpty(link.Contacts);
        Assert.All(link.Contacts, c => Assert.Equal("courier-linked", c.Leaks[0].Dataset));
        Assert.All(link.Contacts, c => Assert.Contains("*", c.Contact, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_population_the_union_of_the_leaks_is_used_and_a_dump_of_everyone_is_unconnected()
    {
        using var dir = new TempDir("fraud");
        using var store = Store(dir, "sqlite");
        var m = World(dir, store, dump: true);
        var link = FraudLink.Link(store);

        Assert.Equal(m.Population, link.Population);
        Assert.Contains("union", link.PopulationSource, StringComparison.Ordinal);
        Assert.Equal("courier-linked", link.Leaks[0].Dataset.Name);
        var dump = Assert.Single(link.Leaks, l => l.Dataset.Name == "broker-dump");
        Assert.Equal(link.Victims, dump.Victims);
        Assert.InRange(1.0, dump.LiftLow, dump.LiftHigh);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Importing_the_same_reports_again_changes_nothing(string backend)
    {
        using var dir = new TempDir("fraud");
        using var store = Store(dir, backend);
        var m = World(dir, store);
        var before = ReportJson.SerializeLine(FraudLinkReport.From(FraudLink.Link(store, m.Population)));
        var again = FraudImport.Import(store, Path.Combine(dir.File("world"), m.Reports));

        Assert.Equal(0, again.Added);
        Assert.Equal(again.Rows, again.Unchanged);
        Assert.Equal(before, ReportJson.SerializeLine(FraudLinkReport.From(FraudLink.Link(store, m.Population))));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Bad_rows_are_named_by_file_and_line_and_the_rest_is_kept(string backend)
    {
        using var dir = new TempDir("fraud");
        using var store = Store(dir, backend);
        var csv = dir.File("reports.csv");
        File.WriteAllText(csv, new StringBuilder()
            .Append("report_id,time,victim_mobile,victim_id,fraud_type,loss_yuan,fraud_contact\n")
            .Append("R1,2026-02-01 10:00,13800138000,,刷单,\"1,200.50\",17012345678\n")
            .Append(",2026-02-01,13800138000,,刷单,1,\n")
            .Append("R3,yesterday,13800138000,,刷单,1,\n")
            .Append("R4,2026-02-01,1380013800,,刷单,1,\n")
            .Append("R5,2026-02-01,,,刷单,1,\n")
            .Append("R6,2026-02-01,13800138000,,刷单,-3,\n")
            .Append("R7,2026-02-01,,11010519491231002X,\"冒充\"\"客服\"\",\n退款\",300,\n")
            .Append("R8,2026年2月3日,13900139000,,贷款,0,\n")
            .ToString());

        var r = FraudImport.Import(store, csv);

        Assert.Equal(3, r.Added);
        string[] expected = ["reports.csv:3: no report_id", "reports.csv:4: time 'yesterday'", "reports.csv:5: victim_mobile is not a valid", "reports.csv:6: no victim_mobile", "reports.csv:7: loss_yuan '-3'"];
        Assert.Equal(expected.Length, r.Problems.Count);
        Assert.All(expected.Zip(r.Problems), p => Assert.StartsWith(p.First, p.Second, StringComparison.Ordinal));
        Assert.DoesNotContain(r.Problems, p => p.Contains("1380013800", StringComparison.Ordinal));
        Assert.Equal(1, r.ByType[FraudType.ImpersonateCustomerService]);
        var held = new List<Store.Fraud.FraudReportRow>();
        store.FraudReports.Reports(held.Add);
        Assert.Equal(["R1", "R7", "R8"], held.Select(h => h.ReportId).ToArray());
        Assert.Equal(120_050, held[0].LossFen);
        Assert.Equal("170****5678", held[0].ContactMasked);
        Assert.Equal(new DateOnly(2026, 2, 3), DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + held[2].Day));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_report_id_repeated_in_one_file_keeps_its_first_row_and_its_victims_only(string backend)
    {
        using var dir = new TempDir("fraud");
        using var store = Store(dir, backend);
        var csv = dir.File("reports.csv");
        File.WriteAllText(csv, "report_id,time,victim_mobile,fraud_type,loss_yuan\nR2,2026-02-01,13800138000,刷单,100\nR1,2026-02-02,13900139000,贷款,200\nR2,2026-02-03,15000150000,投资,300\n");

        var r = FraudImport.Import(store, csv);

        Assert.Equal((3L, 2L, 1L), (r.Rows, r.Added, r.Unchanged));
        var held = new List<Store.Fraud.FraudReportRow>();
        store.FraudReports.Reports(held.Add);
        Assert.Equal(["R2", "R1"], held.Select(h => h.ReportId).ToArray()); // file order
        Assert.Equal(10_000, held[0].LossFen);
        using var tagger = store.CreateTagger();
        var (first, second, dropped) = (tagger.Make(IdentifierKind.Mobile, "13800138000"), tagger.Make(IdentifierKind.Mobile, "13900139000"), tagger.Make(IdentifierKind.Mobile, "15000150000"));
        Assert.Equal(first, held[0].Victim);
        Assert.Equal(new[] { first, second }.Order().ToArray(), store.FraudReports.Reported([first, second, dropped]).Order().ToArray());
    }

    [Fact]
    public void A_file_without_the_needed_columns_is_refused_before_anything_is_stored()
    {
        using var dir = new TempDir("fraud");
        using var store = Store(dir, "sqlite");
        var csv = dir.File("x.csv");
        File.WriteAllText(csv, "id,when,phone\n1,2026-01-01,13800138000\n");
        var e = Assert.Throws<FraudInputException>(() => FraudImport.Import(store, csv));
        Assert.Contains("no report_id column", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Who_lists_the_leaks_a_person_is_in_and_sample_counts_reported_people(string backend)
    {
        using var dir = new TempDir("fraud");
        using var store = Store(dir, backend);
        var m = World(dir, store);
        var people = new Tracemark.People.Population(1, m.Population);
        var courierPerson = people.Get(3);

        var leaks = FraudWho.Find(store, [(IdentifierKind.Mobile, courierPerson.Mobile), (IdentifierKind.ResidentId, courierPerson.ResidentId)]);
        var courier = Assert.Single(leaks, l => l.Dataset.Name == "courier-linked");
        Assert.Equal(["cn_id", "mobile"], courier.Kinds);
        Assert.Equal(m.Seen, courier.FirstSeen);
        Assert.Equal("courier", courier.Dataset.Category);
        Assert.Throws<ArgumentException>(() => FraudWho.Find(store, [(IdentifierKind.Mobile, "12345")]));

        var linked = FraudSample.Draw(store, "courier-linked", 200, seed: 5);
        var unlinked = FraudSample.Draw(store, "hotel-unlinked", 200, seed: 5);
        Assert.Equal(200, linked.Drawn);
        Assert.Equal(linked.Reported, FraudSample.Draw(store, "courier-linked", 200, seed: 5).Reported);
        Assert.InRange(linked.Share, linked.Low, linked.High);
        Assert.InRange(unlinked.Share, unlinked.Low, unlinked.High);

        // A sample of 200 depends on the store's key (tags order the pass), so its intervals may touch; drawing
        // every person of both leaks leaves no sampling error, and the planted leak's share stands clear.
        var linkedAll = FraudSample.Draw(store, "courier-linked", 1000, seed: 5);
        var unlinkedAll = FraudSample.Draw(store, "hotel-unlinked", 1000, seed: 5);
        Assert.Equal(1000, linkedAll.Drawn);
        Assert.True(linkedAll.Low > unlinkedAll.High, $"{linkedAll.Low} vs {unlinkedAll.High}");
        Assert.Equal(1000, FraudSample.Draw(store, "hotel-unlinked", 5000, seed: 1).Drawn);
        Assert.Throws<ArgumentException>(() => FraudSample.Draw(store, "nope", 10, 1));
    }
}
