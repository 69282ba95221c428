using System.Text;
using System.Text.Json;
using Tracemark.People;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Incident.Tests;

/// <summary>A clock that stands still, for deadlines and time left.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Shared PostgreSQL cluster for the incident tests.</summary>
public sealed class IncidentPostgres : IDisposable
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

/// <summary>`incident open`, `add`, `close` and `report` on both backends, with leak files of made-up people.</summary>
public sealed class IncidentBookTests(IncidentPostgres postgres) : IClassFixture<IncidentPostgres>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-06T23:30:00+08:00", System.Globalization.CultureInfo.InvariantCulture);

    private KnownLeakStore Store(TempDir dir, string backend) => KnownLeakStore.Open(
        StoreLocation.Resolve(backend == "postgres" ? postgres.NewDatabase() : dir.File("store.db"), dir.File("store.key")),
        create: true);

    // A leak file of persons [from, to) of one synthetic population, in the order given: name, mobile, ID and address
    // (other personal information), or with balance = true name, mobile and an account balance (property: the
    // 50-record band).
    private static string Leak(TempDir dir, string name, int from, int to, bool reversed = false, bool balance = false)
    {
        Directory.CreateDirectory(dir.Path);
        var people = new Population(7, 10_000);
        var text = new StringBuilder(balance ? "姓名,手机号,余额\n" : "姓名,手机号,身份证号,地址\n");
        var range = Enumerable.Range(from, to - from);
        foreach (var i in reversed ? range.Reverse() : range)
        {
            var p = people.Get(i);
            text.Append(p.Name).Append(',').Append(p.Mobile).Append(',');
            text.Append(balance ? (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) : p.ResidentId + "," + p.Address).Append('\n');
        }

        var path = dir.File(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static ScanOptions Files(params string[] paths) => new() { Paths = paths };

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Persons_count_once_toward_the_grade_and_once_per_buyer_toward_the_criminal_count(string backend)
    {
        using var dir = new TempDir();
        using var store = Store(dir, backend);
        var book = new IncidentBook(store, new FixedClock(Now));
        book.Open("leak-1", "2026-12-06T21:40:00+08:00", "other", null, "95000", "顺达快递", "派件系统");

        var a = book.Add("leak-1", Files(Leak(dir, "a.csv", 0, 200)), buyer: null);
        Assert.Equal("added", a.Outcome);
        Assert.Equal(200, a.Evidence!.Persons);
        Assert.Equal(200, a.Evidence.NewPersons);
        Assert.Null(a.Evidence.Trace); // no owner data: graded from the leak alone

        var b = book.Add("leak-1", Files(Leak(dir, "b.csv", 100, 300)), buyer: null);
        Assert.Equal(100, b.Evidence!.NewPersons);
        Assert.Equal("unchanged", book.Add("leak-1", Files(dir.File("a.csv")), null).Outcome);

        // The same people again, sold to a buyer: nobody new for the grade, but a sale to count (Art. 11).
        var c = book.Add("leak-1", Files(Leak(dir, "c.csv", 0, 100, reversed: true)), buyer: "buyer-x");
        Assert.Equal(0, c.Evidence!.NewPersons);

        var r = book.Report("leak-1");
        Assert.Equal(300, r.People);
        Assert.Equal("一般", r.Grade);
        Assert.Null(r.OwnerCustomers);
        Assert.Equal(400, r.Criminal.Bands.Single(x => x.Band == "other_5000").Count);
        Assert.Equal(2, r.Criminal.Buyers);
        Assert.Equal("未达到数量标准", r.Criminal.Level);
        Assert.Equal(["姓名", "手机号码", "身份证号码", "地址"], r.Notice.Categories.Select(x => x.Zh));
        Assert.True(r.Notice.Ready);
        Assert.StartsWith("不适用", r.Notice.Exemption, StringComparison.Ordinal);
        Assert.Contains("not mandatory", r.GradeBasis.Note, StringComparison.Ordinal);
        Assert.False(r.Deadlines.Single(d => d.Report == "cac_initial").Mandatory);
        Assert.Equal("complete", r.InitialReport.Items[0].Status);
        Assert.Equal("complete", r.InitialReport.Items[1].Status);
        Assert.All(r.InitialReport.Items.Skip(2), i => Assert.NotEqual("complete", i.Status));
        Assert.Equal(8, r.InitialReport.Items.Count);
        Assert.Equal(6, r.ClosingReport.Items.Count);
        Assert.Contains("未导入本单位数据", r.InitialReport.Items[4].Content, StringComparison.Ordinal);

        // Insiders: thresholds halved.
        Assert.Equal(2_500m, book.Report("leak-1", insider: true).Criminal.Bands.Single(x => x.Band == "other_5000").Serious);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_loss_grades_the_incident_and_starts_the_clock(string backend)
    {
        using var dir = new TempDir();
        using var store = Store(dir, backend);
        var book = new IncidentBook(store, new FixedClock(Now));
        book.Open("loss", "2026-12-06T21:40:00+08:00", "cii", "20000000", null, null, null);
        book.Add("loss", Files(Leak(dir, "a.csv", 0, 50)), null);
        var r = book.Report("loss");
        Assert.Equal("重大", r.Grade);
        var initial = r.Deadlines.Single(d => d.Report == "cac_initial");
        Assert.True(initial.Mandatory);
        Assert.Equal("2026-12-06T22:40:00+08:00", initial.Due);
        Assert.Equal("2026-12-06T22:40:00+08:00", initial.DueBeijing);
        Assert.True(initial.Overdue);
        Assert.Equal("overdue by 0 h 50 min", initial.Remaining);
        Assert.Contains("公安机关", initial.To, StringComparison.Ordinal);
        Assert.False(r.Notice.Ready); // no contact given: the notice is not ready to send
        Assert.Equal("partial", r.InitialReport.Items[0].Status);
        Assert.Null(r.ClosingReport.Due);

        book.Close("loss", "2026-12-20T18:00:00+08:00");
        Assert.Equal("2027-01-19T18:00:00+08:00", book.Report("loss").ClosingReport.Due);
        Assert.Throws<ArgumentException>(() => book.Close("loss", "2026-12-01T00:00:00+08:00"));

        using var json = JsonDocument.Parse(ReportJson.Serialize(IncidentDocument.From(r)));
        var root = json.RootElement;
        Assert.Equal("tracemark.incident/1", root.GetProperty("contract").GetString());
        Assert.Equal("重大", root.GetProperty("grade").GetString());
        foreach (var field in new[] { "grade_basis", "people", "deadlines", "initial_report", "closing_report", "notice", "criminal" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }

        Assert.Equal("2026-12-06T22:40:00+08:00", root.GetProperty("deadlines")[0].GetProperty("due").GetString());
        Assert.Equal("direct_loss", root.GetProperty("grade_basis").GetProperty("indicators")[1].GetProperty("indicator").GetString());

        // What the law notes mark unconfirmed is reported as such, with the fields it sets.
        var unconfirmed = root.GetProperty("unconfirmed").EnumerateArray().ToList();
        Assert.Contains(unconfirmed, u => u.GetProperty("applies").GetString()!.Contains("criminal.level", StringComparison.Ordinal) && u.GetProperty("status").GetString()!.StartsWith("⚠️", StringComparison.Ordinal));
        Assert.Contains(unconfirmed, u => u.GetProperty("applies").GetString() == "deadlines[cac_initial].due" && u.GetProperty("status").GetString()!.StartsWith('❌'));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Bad_input_is_refused_and_nothing_is_written(string backend)
    {
        using var dir = new TempDir();
        using var store = Store(dir, backend);
        var book = new IncidentBook(store, new FixedClock(Now));
        Assert.Throws<ArgumentException>(() => book.Open("x", "yesterday", "other", null, null, null, null));
        Assert.Throws<ArgumentException>(() => book.Open("x", "2026-12-06T21:40:00+08:00", "bank", null, null, null, null));
        Assert.Throws<ArgumentException>(() => book.Open("x", "2026-12-08T21:40:00+08:00", "other", null, null, null, null));
        Assert.Throws<ArgumentException>(() => book.Open("x", "2026-12-06T21:40:00+08:00", "other", "-5", null, null, null));
        Assert.Throws<ArgumentException>(() => book.Open("x", "2026-12-06T21:40:00+08:00", "other", "lots", null, null, null));
        Assert.Empty(book.List());

        book.Open("x", "2026-12-06T21:40:00+08:00", "other", null, null, null, null);
        Assert.Throws<StoreException>(() => book.Open("x", "2026-12-06T21:40:00+08:00", "other", null, null, null, null));
        Assert.Throws<StoreException>(() => book.Add("nobody", Files(Leak(dir, "a.csv", 0, 10)), null));

        // A file the scanner cannot read personal data from: refused whole.
        var binary = dir.File("image.png");
        File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        var e = Assert.Throws<StoreException>(() => book.Add("x", Files(binary), null));
        Assert.Contains("image.png", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was added", e.Message, StringComparison.Ordinal);
        Assert.Empty(book.Report("x").Evidence);
        Assert.Equal(0, book.Report("x").People);
    }
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Evidence_is_read_once_for_the_comparison_the_persons_and_the_trace(string backend)
    {
        using var dir = new TempDir();
        using var store = Store(dir, backend);
        var people = new Population(7, 10_000);
        var customers = new StringBuilder("customer_id,mobile\n");
        var access = new StringBuilder("time,channel_id,customer_id,action\n");
        for (var i = 0; i < 300; i++)
        {
            customers.Append(System.Globalization.CultureInfo.InvariantCulture, $"C{i},{people.Get(i).Mobile}\n");
            access.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-11-{1 + (i % 20):00}T10:00:00Z,{(i < 100 ? "emp-a" : "emp-b")},C{i},view\n");
        }

        File.WriteAllText(dir.File("customers.csv"), customers.ToString());
        File.WriteAllText(dir.File("channels.csv"), "channel_id,kind,unit\nemp-a,employee,u1\nemp-b,employee,u2\n");
        File.WriteAllText(dir.File("access.csv"), access.ToString());
        var owner = new OwnerStore(store);
        Assert.Empty(owner.ImportChannels(dir.File("channels.csv")).Problems);
        Assert.Empty(owner.ImportCustomers(dir.File("customers.csv")).Problems);
        Assert.Empty(owner.ImportAccess(dir.File("access.csv")).Problems);

        var book = new IncidentBook(store, new FixedClock(Now));
        book.Open("by-file", "2026-12-06T21:40:00+08:00", "other", null, null, null, null);
        book.Open("by-stdin", "2026-12-06T21:40:00+08:00", "other", null, null, null, null);
        var file = Leak(dir, "a.csv", 0, 80);
        var byFile = book.Add("by-file", Files(file), null).Evidence!;

        // Standard input can be read once only: every consumer (comparison, person tags, customers, trace) must
        // take its share of the same pass.
        var bytes = File.ReadAllBytes(file);
        var opened = 0;
        long read = 0;
        var byStdin = book.Add("by-stdin", new ScanOptions { Paths = ["-"], Stdin = () => { opened++; return new CountingStream(bytes, n => read += n); } }, null).Evidence!;
        Assert.Equal(1, opened);
        Assert.Equal(bytes.Length, read);

        Assert.NotNull(byFile.Trace);
        Assert.Equal("attributed", byFile.Trace!.Verdict);
        Assert.Equal(["emp-a"], byFile.Trace.Leading);
        Assert.Equal(80, byFile.Customers);
        Assert.Equal(JsonSerializer.Serialize(byFile with { Files = "-", Added = "" }), JsonSerializer.Serialize(byStdin with { Added = "" }));
        Assert.Equal(book.Report("by-file").Criminal.Bands.Select(b => b.Count), book.Report("by-stdin").Criminal.Bands.Select(b => b.Count));
        Assert.Equal(80, book.Report("by-stdin").OwnerCustomers);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Art11_a_person_sold_to_one_buyer_in_two_files_counts_once_in_the_most_sensitive_band_known(string backend)
    {
        using var dir = new TempDir();
        using var store = Store(dir, backend);
        var book = new IncidentBook(store, new FixedClock(Now));
        book.Open("sales", "2026-12-06T21:40:00+08:00", "other", null, null, null, null);

        // Persons 0–99 with ID and address (other: 5,000), then persons 50–349 by mobile with an account balance
        // (property: 50), both to buyer x. Persons 50–99 are in both: once, and in the property band.
        book.Add("sales", Files(Leak(dir, "a.csv", 0, 100)), "x");
        var first = book.Report("sales").Criminal;
        Assert.Equal(100, first.Bands.Single(b => b.Band == "other_5000").Count);
        Assert.Equal(0, first.Bands.Single(b => b.Band == "sensitive_50").Count);

        book.Add("sales", Files(Leak(dir, "b.csv", 50, 350, balance: true)), "x");
        var r = book.Report("sales");
        Assert.Equal(350, r.People);
        Assert.Equal(50, r.Criminal.Bands.Single(b => b.Band == "other_5000").Count);
        Assert.Equal(300, r.Criminal.Bands.Single(b => b.Band == "sensitive_50").Count);
        Assert.Equal(0, r.Criminal.Bands.Single(b => b.Band == "personal_500").Count);

        // Mixed bands add up in proportion: 300/500 + 50/50,000 < 1 for 情节特别严重; halved for insiders it is 1.202.
        Assert.Equal("情节严重", r.Criminal.Level);
        Assert.Equal(0.601m, r.Criminal.RatioEspeciallySerious);
        var insider = book.Report("sales", insider: true).Criminal;
        Assert.Equal(1.202m, insider.RatioEspeciallySerious);
        Assert.Equal("情节特别严重", insider.Level);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Art11_the_same_persons_sold_to_two_buyers_count_once_per_sale(string backend)
    {
        using var dir = new TempDir();
        using var store = Store(dir, backend);
        var book = new IncidentBook(store, new FixedClock(Now));
        book.Open("resold", "2026-12-06T21:40:00+08:00", "other", null, null, null, null);
        var file = Leak(dir, "a.csv", 0, 40);

        Assert.Equal("added", book.Add("resold", Files(file), "x").Outcome);
        Assert.Equal("unchanged", book.Add("resold", Files(file), "x").Outcome);

        // The same rows in another order, to the same buyer: duplicates, nobody new.
        Assert.Equal("added", book.Add("resold", Files(Leak(dir, "a-again.csv", 0, 40, reversed: true)), "x").Outcome);
        Assert.Equal(40, book.Report("resold").Criminal.Bands.Single(b => b.Band == "other_5000").Count);

        // The same file sold to buyer y: another sale.
        Assert.Equal("added", book.Add("resold", Files(file), "y").Outcome);
        var r = book.Report("resold");
        Assert.Equal(40, r.People);
        Assert.Equal(80, r.Criminal.Bands.Single(b => b.Band == "other_5000").Count);
        Assert.Equal(2, r.Criminal.Buyers);
        Assert.Equal(2_500m, book.Report("resold", insider: true).Criminal.Bands.Single(b => b.Band == "other_5000").Serious);
    }

    /// <summary>A stream over bytes that reports how many were read.</summary>
    // Only the array overload counts: a MemoryStream subclass's span reads go through it (Stream.Read(Span) rents an
    // array and calls it), so counting both counted every span read twice.
    private sealed class CountingStream(byte[] bytes, Action<int> counted) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            counted(n);
            return n;
        }
    }
}
