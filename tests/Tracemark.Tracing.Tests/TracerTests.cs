using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tags;
using Tracemark.Store.Tests;
using Tracemark.Synthetic.Owners;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Tests;

/// <summary>Owner import and trace end to end on a synthetic owner, against SQLite and PostgreSQL.</summary>
[Collection("postgres")]
public sealed class TracerTests(PostgresServer server)
{
    private static readonly OwnerOptions Small = new() { Customers = 8_000, Outlets = 4, EmployeesPerOutlet = 8, Admins = 2, Partners = 2, ApiClients = 2 };

    private KnownLeakStore Open(string backend, TempDir dir) => KnownLeakStore.Open(backend == "sqlite"
        ? new StoreLocation(dir.File("s.db"), dir.File("s.key"))
        : new StoreLocation(server.NewDatabase(), dir.File("pg.key")), create: true);

    // The three owner files `synth owner` wrote into dir, imported in the documented order.
    private static OwnerStore ImportAll(KnownLeakStore store, TempDir dir)
    {
        var owner = new OwnerStore(store);
        owner.ImportChannels(dir.File("channels.csv"));
        owner.ImportCustomers(dir.File("customers.csv"));
        owner.ImportAccess(dir.File("access.csv"));
        return owner;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Imported_owner_data_names_the_leaker_of_each_single_channel_sample_and_no_one_for_the_null_case(string backend)
    {
        using var dir = new TempDir();
        var world = OwnerWorld.Generate(Small, 5);
        // Three samples per kind: each kind in each form (plain; re-typed as GB18030 tab-separated with English
        // headers and "+86 138-…" mobiles; name and mobile only).
        var files = OwnerFiles.Write(world, dir.Path, 5, samplesPerKind: 3, sampleSize: 40, contamination: 0.2);
        Assert.All(files.GroupBy(f => f.Kind), g => Assert.Equal(["columns-dropped", "plain", "reformatted"], g.Select(f => f.Form).Order()));
        using var store = Open(backend, dir);
        var owner = new OwnerStore(store);
        Assert.Equal(world.Channels.Count, owner.ImportChannels(dir.File("channels.csv")).Rows);
        Assert.Equal(Small.Customers, owner.ImportCustomers(dir.File("customers.csv")).Rows);
        var access = owner.ImportAccess(dir.File("access.csv"));
        Assert.Empty(access.Problems);
        Assert.True(owner.ImportAccess(dir.File("access.csv")).Unchanged);
        store.Ingest(new ScanOptions { Paths = [dir.File("older-leak.csv")] }, "older", "other", new DateOnly(2025, 10, 1), null);

        var tracer = new Tracer(store);
        foreach (var f in files.Where(f => f.Kind is "single-insider" or "rented-account" or "partner-export" or "null"))
        {
            var report = tracer.Trace(new ScanOptions { Paths = [Path.Combine(dir.Path, f.File)] }, OwnerFiles.SeenDate(Small));
            Assert.True(report.Records == 40, $"{f.File} ({f.Form}): {report.Records} records");
            if (f.Truth.Count == 0)
            {
                Assert.Equal("undetermined", report.Verdict);
            }
            else
            {
                Assert.True(report.Verdict == "attributed", $"{f.File} ({f.Form}): {report.Verdict}");
                Assert.Equal(f.Truth, report.Ranked[0].Channels);
                Assert.Equal(f.Truth[0], report.Evidence[0].Channel);
            }

            // A rented account's bulk night stands out against its usual days.
            if (f.Kind == "rented-account")
            {
                var e = report.Evidence[0];
                Assert.True(e.PeakAccesses > 5 * e.MedianAccesses, $"peak {e.PeakAccesses} vs median {e.MedianAccesses}");
                Assert.True(e.NewDevices >= 1);
                Assert.True(e.OffHoursShare > 0.5);
            }

            // Contamination: some records are no customer at all, some are in the older leak.
            Assert.True(report.Matched < report.Records, f.File);
            Assert.True(report.Known > 0, f.File);
        }
    }

    [Fact]
    public void Accesses_after_the_sample_was_seen_do_not_count()
    {
        using var dir = new TempDir();
        var world = OwnerWorld.Generate(Small, 9);
        var files = OwnerFiles.Write(world, dir.Path, 9, samplesPerKind: 1, sampleSize: 40, contamination: 0);
        using var store = Open("sqlite", dir);
        ImportAll(store, dir);
        var insider = files.Single(f => f.Kind == "single-insider");

        // Seen before any access happened: nobody had accessed anyone yet.
        var report = new Tracer(store).Trace(new ScanOptions { Paths = [Path.Combine(dir.Path, insider.File)] }, new DateOnly(2025, 10, 1));
        Assert.Equal("undetermined", report.Verdict);
        Assert.Empty(report.Evidence);

        // The caveats come as data too, one per sentence in order, so a page in another language can word them: an
        // undetermined trace of 40 records, all matched, says the candidates are not separated, and how many channels.
        Assert.Equal(report.Caveats, report.CaveatCodes.Select(c => c.English()));
        Assert.Contains(report.CaveatCodes, c => c.Kind == TraceCaveatKind.NotSeparated);
        Assert.DoesNotContain(report.CaveatCodes, c => c.Kind == TraceCaveatKind.Unmatched);
        Assert.Equal(new TraceCaveat(TraceCaveatKind.ChannelsConsidered, store.OwnerData.Channels().Count), report.CaveatCodes[^1]);
    }

    // The first import writes the summaries straight into empty tables; later ones merge through a stage. Importing
    // the log in two files (the same customer and channel in both) must leave exactly what one file leaves, and a
    // second customers file that moves a mobile to another customer must move it.
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Importing_in_two_files_leaves_what_one_file_leaves(string backend)
    {
        using var dir = new TempDir();
        var world = OwnerWorld.Generate(Small, 21);
        OwnerFiles.Write(world, dir.Path, 21, samplesPerKind: 1, sampleSize: 20);
        var lines = File.ReadAllLines(dir.File("access.csv"));
        File.WriteAllLines(dir.File("odd.csv"), [lines[0], .. lines.Skip(1).Where((_, i) => i % 2 == 1)]);
        File.WriteAllLines(dir.File("even.csv"), [lines[0], .. lines.Skip(1).Where((_, i) => i % 2 == 0)]);
        var customers = File.ReadAllLines(dir.File("customers.csv"));
        var header = customers[0].Split(',');
        var mobile = Array.IndexOf(header, "mobile");
        var first = customers[1].Split(',');
        var second = customers[2].Split(',');
        second[mobile] = first[mobile];
        File.WriteAllLines(dir.File("moved.csv"), [customers[0], string.Join(',', second)]);

        string Tables(params string[] accessFiles)
        {
            // One key for both stores: the comparison names customers by their keyed tags.
            using var sub = new TempDir();
            Directory.CreateDirectory(sub.Path);
            if (File.Exists(dir.File("shared.key")))
            {
                File.Copy(dir.File("shared.key"), sub.File(backend == "sqlite" ? "s.key" : "pg.key"));
            }

            using var store = Open(backend, sub);
            File.Copy(store.KeyFile, dir.File("shared.key"), overwrite: true);
            var owner = new OwnerStore(store);
            owner.ImportChannels(dir.File("channels.csv"));
            owner.ImportCustomers(dir.File("customers.csv"));
            owner.ImportCustomers(dir.File("moved.csv"));
            foreach (var f in accessFiles)
            {
                Assert.Empty(owner.ImportAccess(dir.File(f)).Problems);
            }

            // The first customer's mobile moved to the second customer (moved.csv); its other identifiers stayed.
            using var tagger = new Tagger(StoreKey.Load(store.KeyFile));
            var ids = owner.Data.CustomerIds();
            var id = Array.IndexOf(header, "customer_id");
            var kinds = header.Select((h, i) => (Index: i, Ok: Identifiers.IdentifierKinds.TryParse(h, out var k) && TagPipeline.Stores(k), Kind: k)).Where(x => x.Ok && first[x.Index].Length > 0).ToList();
            var canonical = new char[Identifiers.Identifier.MaxCanonicalLength];
            var tags = kinds.ToDictionary(k => k.Index, k => tagger.Make(k.Kind, canonical.AsSpan(0, Identifiers.Identifier.Check(k.Kind, first[k.Index], canonical).Length)));
            var owners = owner.Data.CustomersOf(tags.Values.ToList());
            foreach (var (index, tag) in tags)
            {
                Assert.Equal(ids[tagger.MakeLabeled("customer", (index == mobile ? second : first)[id])], owners[tag]);
            }

            return owner.Data.Dump();
        }

        var once = Tables("access.csv");
        Assert.Equal(once, Tables("odd.csv", "even.csv"));
    }

    // A channel's customer count comes from the totals the import keeps when the sample was seen after its newest
    // first access, and is counted from the reach table otherwise: both must equal a direct count.
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_channels_customer_count_is_the_count_before_the_sample_was_seen(string backend)
    {
        using var dir = new TempDir();
        var world = OwnerWorld.Generate(Small, 9);
        var files = OwnerFiles.Write(world, dir.Path, 9, samplesPerKind: 1, sampleSize: 40, contamination: 0);
        using var store = Open(backend, dir);
        var owner = ImportAll(store, dir);
        var insider = files.Single(f => f.Kind == "single-insider");
        var channels = owner.ChannelIds();
        foreach (var seen in new[] { new DateOnly(2025, 11, 16), OwnerFiles.SeenDate(Small) })
        {
            var report = new Tracer(store).Trace(new ScanOptions { Paths = [Path.Combine(dir.Path, insider.File)] }, seen);
            Assert.NotEmpty(report.Evidence);
            foreach (var e in report.Evidence)
            {
                var before = new DateTimeOffset(seen.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
                var counted = owner.Data.Reached(owner.Data.CustomerIds().Values.ToList(), before).Count(r => r.Channel == channels[e.Channel]);
                Assert.Equal(counted, e.AccessedCustomers);
            }
        }
    }

    [Fact]
    public void Bad_rows_are_refused_with_their_line_and_the_rest_is_imported()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("channels.csv"), "channel_id,kind\nemp-1,employee\nweird,robot\n");
        File.WriteAllText(dir.File("customers.csv"), "customer_id,mobile\nC1,13800000001\nC2,12345\n");
        File.WriteAllText(dir.File("access.csv"), "time,channel_id,customer_id,action\n2025-11-02T10:00:00,emp-1,C1,view\nyesterday,emp-1,C1,view\n2025-11-02T10:00:00,ghost,C1,view\n2025-11-02T10:00:00,emp-1,C9,view\n\"quoted\",emp-1,C1,view\n");
        using var store = Open("sqlite", dir);
        var owner = new OwnerStore(store);

        var channels = owner.ImportChannels(dir.File("channels.csv"));
        var customers = owner.ImportCustomers(dir.File("customers.csv"));
        var access = owner.ImportAccess(dir.File("access.csv"));

        Assert.Equal((1L, "line 3"), (channels.Rows, channels.Problems.Single()[^("line 3: needs a channel_id and a kind of employee, admin, partner, api or export (got 'robot')".Length)..][..6]));
        Assert.Equal(2, customers.Rows);
        Assert.Contains(customers.Problems, p => p.Contains("line 3: mobile is not valid", StringComparison.Ordinal));
        Assert.Equal(1, access.Rows);
        Assert.Equal(4, access.Problems.Count);
        Assert.Contains(access.Problems, p => p.Contains("line 3: time 'yesterday'", StringComparison.Ordinal));
        Assert.Contains(access.Problems, p => p.Contains("line 4: channel 'ghost'", StringComparison.Ordinal));
        Assert.Contains(access.Problems, p => p.Contains("line 5: customer_id is not in the imported customers", StringComparison.Ordinal));
        Assert.Contains(access.Problems, p => p.Contains("line 6: time 'quoted'", StringComparison.Ordinal));
    }

    [Fact]
    public void Owner_exports_are_read_like_leak_files_quoted_fields_gbk_and_zip()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GB18030");

        // A GBK export with CRLF line ends, a quoted unit holding a comma and a doubled quote.
        File.WriteAllBytes(dir.File("channels.csv"), gbk.GetBytes("channel_id,kind,unit\r\nemp-1,employee,\"华东区,客服\"\"一组\"\"\"\r\nemp-2,admin,后台\r\n"));
        // Customers inside a zip, a quoted customer number.
        using (var zip = System.IO.Compression.ZipFile.Open(dir.File("customers.zip"), System.IO.Compression.ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("export/customers.csv").Open());
            w.Write("customer_id,mobile\n\"C1\",13800000001\nC2,13800000002\n");
        }

        File.WriteAllText(dir.File("access.csv"), "time,channel_id,customer_id,action\n2025-11-02T10:00:00,\"emp-1\",C1,view\n2025-11-02T11:00:00,emp-2,C2,\"export\"\n");
        using var store = Open("sqlite", dir);
        var owner = new OwnerStore(store);

        var channels = owner.ImportChannels(dir.File("channels.csv"));
        var customers = owner.ImportCustomers(dir.File("customers.zip"));
        var access = owner.ImportAccess(dir.File("access.csv"));

        Assert.Equal((2L, 2L, 2L), (channels.Rows, customers.Rows, access.Rows));
        Assert.Empty(channels.Problems.Concat(customers.Problems).Concat(access.Problems));
        Assert.Equal("华东区,客服\"一组\"", store.OwnerData.Channels().Single(c => c.Name == "emp-1").Unit);
    }

    [Fact]
    public void Quoted_fields_with_commas_quotes_and_line_breaks_are_one_field_and_bad_rows_after_them_are_named_by_file_and_line()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        // Line 2 holds a unit over two lines (ending on line 3); line 4 is a bad kind; line 5 a unit with a quoted
        // comma and doubled quotes; line 6 another bad kind.
        File.WriteAllText(dir.File("channels.csv"), "channel_id,kind,unit\nemp-1,employee,\"华东区\n客服, 一组\"\nemp-x,robot,后台\nemp-2,admin,\"总部,\"\"数据\"\"组\"\nemp-y,,x\n");
        using var store = Open("sqlite", dir);

        var channels = new OwnerStore(store).ImportChannels(dir.File("channels.csv"));

        Assert.Equal(2, channels.Rows);
        var units = store.OwnerData.Channels().ToDictionary(c => c.Name, c => c.Unit);
        Assert.Equal("华东区\n客服, 一组", units["emp-1"]);
        Assert.Equal("总部,\"数据\"组", units["emp-2"]);
        Assert.Equal(
            [dir.File("channels.csv") + " line 4: needs a channel_id and a kind of employee, admin, partner, api or export (got 'robot')", dir.File("channels.csv") + " line 6: needs a channel_id and a kind of employee, admin, partner, api or export (got '')"],
            channels.Problems);
    }

    [Fact]
    public void A_second_table_with_another_header_is_refused_by_name()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        using (var zip = System.IO.Compression.ZipFile.Open(dir.File("channels.zip"), System.IO.Compression.ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("a.csv").Open()))
            {
                w.Write("channel_id,kind\nemp-1,employee\n");
            }

            using (var w = new StreamWriter(zip.CreateEntry("b.csv").Open()))
            {
                w.Write("name,role\nemp-2,admin\n");
            }
        }

        using var store = Open("sqlite", dir);
        var channels = new OwnerStore(store).ImportChannels(dir.File("channels.zip"));

        Assert.Equal(1, channels.Rows);
        Assert.Contains(channels.Problems, p => p.Contains("channels.zip!b.csv: its header differs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_canary_in_a_sample_names_its_channel(string backend)
    {
        using var dir = new TempDir();
        var world = OwnerWorld.Generate(Small, 13);
        OwnerFiles.Write(world, dir.Path, 13, samplesPerKind: 1, sampleSize: 20);
        using var store = Open(backend, dir);
        var owner = ImportAll(store, dir);
        var canaries = owner.IssueCanaries("partner-2", 3, phones: ["13800000007", "13800000008", "13800000009"]);
        Assert.Equal("13800000008", canaries[1].Mobile);

        // A sample of ten customers from everywhere (no channel stands out) plus one canary.
        var lines = File.ReadLines(dir.File("customers.csv")).Skip(1).Where((_, i) => i % 800 == 0).Take(10)
            .Select(l => l.Split(',')).Select(f => $"{f[1]},{f[2]},{f[3]}")
            .Append($"{canaries[0].Name},{canaries[0].Mobile},{canaries[0].ResidentId}");
        File.WriteAllLines(dir.File("sample.csv"), ["姓名,手机号,身份证号", .. lines]);

        var report = new Tracer(store).Trace(new ScanOptions { Paths = [dir.File("sample.csv")] }, OwnerFiles.SeenDate(Small));

        Assert.Contains("partner-2", report.Ranked[0].Channels);
        Assert.Equal(1, report.Ranked[0].Canaries);
        Assert.Throws<StoreException>(() => owner.IssueCanaries("no-such-channel", 1));
    }

    // PostgreSQL answers each kind of lookup in one array query, SQLite key by key: the two must agree to the digit.
    [Fact]
    public void SQLite_and_PostgreSQL_give_the_same_trace()
    {
        using var dir = new TempDir();
        var world = OwnerWorld.Generate(Small, 9);
        var files = OwnerFiles.Write(world, dir.Path, 9, samplesPerKind: 1, sampleSize: 60, contamination: 0.2);
        string Describe(string backend, string file)
        {
            using var store = Open(backend, dir);
            ImportAll(store, dir);
            var r = new Tracer(store).Trace(new ScanOptions { Paths = [Path.Combine(dir.Path, file)] }, OwnerFiles.SeenDate(Small));
            return System.Text.Json.JsonSerializer.Serialize(new { r.Verdict, r.Matched, r.Known, r.BackgroundShare, r.Ranked, r.Evidence, r.Rows });
        }

        var sample = files.First(f => f.Kind == "rented-account").File;
        var sqlite = Describe("sqlite", sample);
        Assert.Contains("\"NewDevices\":1", sqlite, StringComparison.Ordinal);
        Assert.Equal(sqlite, Describe("postgres", sample));
    }

    [Fact]
    public void A_store_without_owner_data_says_what_to_do()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("sample.csv"), "姓名,手机号\n张三,13800000001\n");
        using var store = Open("sqlite", dir);
        var e = Assert.Throws<StoreException>(() => new Tracer(store).Trace(new ScanOptions { Paths = [dir.File("sample.csv")] }, new DateOnly(2025, 12, 1)));
        Assert.Contains("owner import", e.Message, StringComparison.Ordinal);
    }
}
