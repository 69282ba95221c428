using System.Text;
using FsCheck.Fluent;
using Tracemark.Incident.Audit;
using Tracemark.People;
using Tracemark.Reports;
using Tracemark.Store;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Incident.Tests;

/// <summary>`tracemark audit` on a small hand-made owner, on both backends.</summary>
public sealed class AuditTests(IncidentPostgres postgres) : IClassFixture<IncidentPostgres>
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-03-31T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private KnownLeakStore Owner(TempDir dir, string backend, bool withFields)
    {
        Directory.CreateDirectory(dir.Path);
        var store = KnownLeakStore.Open(StoreLocation.Resolve(backend == "postgres" ? postgres.NewDatabase() : dir.File("store.db"), dir.File("store.key")), create: true);
        var people = new Population(11, 100);
        var customers = new StringBuilder("customer_id,mobile\n");
        for (var i = 1; i <= 10; i++)
        {
            customers.Append(System.Globalization.CultureInfo.InvariantCulture, $"C{i},{people.Get(i).Mobile}\n");
        }

        File.WriteAllText(dir.File("customers.csv"), customers.ToString());
        File.WriteAllText(dir.File("channels.csv"), "channel_id,kind,unit\nemp-a,employee,u1\nemp-b,employee,u1\nadmin-1,admin,\npartner-1,partner,\n");
        var access = new StringBuilder(withFields ? "time,channel_id,customer_id,action,fields\n" : "time,channel_id,customer_id,action\n");
        void Row(string time, string channel, int customer, string action, string fields) =>
            access.Append(System.Globalization.CultureInfo.InvariantCulture, $"{time},{channel},C{customer},{action}{(withFields ? "," + fields : string.Empty)}\n");
        for (var c = 1; c <= 3; c++)
        {
            Row("2026-03-30T10:00:00Z", "emp-a", c, "view", "name;mobile_masked");
        }

        for (var c = 4; c <= 6; c++)
        {
            Row("2025-12-01T10:00:00Z", "emp-b", c, "view", "name;mobile_masked");
        }

        Row("2026-03-31T12:00:00Z", "admin-1", 1, "view", "name;mobile;cn_id");
        Row("2026-03-31T09:00:00Z", "admin-1", 2, "search", "mobile;name");
        Row("2026-03-20T02:00:00Z", "partner-1", 1, "export", "name;mobile;address");
        Row("2026-03-20T02:00:00Z", "partner-1", 2, "export", "name;mobile;address");
        File.WriteAllText(dir.File("access.csv"), access.ToString());
        var owner = new OwnerStore(store);
        Assert.Empty(owner.ImportChannels(dir.File("channels.csv")).Problems);
        Assert.Empty(owner.ImportCustomers(dir.File("customers.csv")).Problems);
        Assert.Empty(owner.ImportAccess(dir.File("access.csv")).Problems);
        File.WriteAllText(dir.File("contracts.csv"), "channel_id,fields\npartner-1,name;mobile_masked;address\n");
        return store;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Each_finding_counts_what_can_leak_next_with_its_basis(string backend)
    {
        using var dir = new TempDir();
        using var store = Owner(dir, backend, withFields: true);
        var r = new OwnerAudit(store).Run(30, 30, AsOf, OwnerAudit.ReadContracts(dir.File("contracts.csv")));
        Assert.Equal("tracemark.audit/1", r.Contract);
        Assert.Equal(10, r.Customers);

        // Unit u1's accounts reached C1–C6: each employee can see 6; emp-b needed none of them in 30 days, emp-a 3.
        // The admin can see all 10 and needed 2; the partner received 2 and needed 2 (an export 11 days ago).
        var blast = r.Findings.Single(f => f.Code == "blast_radius");
        Assert.Equal(6 + 3 + 8 + 0, blast.Count);
        Assert.Equal(["admin-1", "emp-b", "emp-a", "partner-1"], blast.Items.Select(i => i.Channel));
        Assert.Contains("Art. 51", blast.Basis, StringComparison.Ordinal);
        Assert.Contains("Art. 6", blast.Basis, StringComparison.Ordinal);

        // C4–C6 were last accessed on 2025-12-01, more than 30 days before; C7–C10 never (a caveat, not counted).
        var retention = r.Findings.Single(f => f.Code == "retention");
        Assert.Equal(3, retention.Count);
        Assert.Contains("Art. 19", retention.Basis, StringComparison.Ordinal);
        Assert.Contains(r.Caveats, c => c.StartsWith("4 customers have no access", StringComparison.Ordinal));

        // The admin's view and search returned full numbers; employees saw masked ones; exports are the partner check.
        var full = r.Findings.Single(f => f.Code == "full_identifiers");
        Assert.True(full.Assessed);
        Assert.Equal(2, full.Count);
        Assert.Equal("admin-1", Assert.Single(full.Items).Channel);
        Assert.Contains("cn_id, mobile", full.Items[0].Detail, StringComparison.Ordinal);

        var partner = r.Findings.Single(f => f.Code == "partner_fields");
        Assert.Equal(1, partner.Count);
        Assert.Contains("received mobile beyond the contract in 2 accesses", Assert.Single(partner.Items).Detail, StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(ReportJson.Serialize(AuditDocument.From(r)));
        Assert.Equal(4, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal("blast_radius", json.RootElement.GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Without_a_fields_column_or_contracts_those_checks_say_they_were_not_assessed(string backend)
    {
        using var dir = new TempDir();
        using var store = Owner(dir, backend, withFields: false);
        var r = new OwnerAudit(store).Run(30, 180, AsOf);
        var full = r.Findings.Single(f => f.Code == "full_identifiers");
        Assert.False(full.Assessed);
        Assert.Equal(0, full.Count);
        Assert.False(r.Findings.Single(f => f.Code == "partner_fields").Assessed);
        Assert.Contains(r.Caveats, c => c.Contains("no fields column", StringComparison.Ordinal));
        Assert.Contains(r.Caveats, c => c.Contains("No --contracts file", StringComparison.Ordinal));
        Assert.Equal(0, r.Findings.Single(f => f.Code == "retention").Count); // nothing older than 180 days
    }

    [Fact]
    public void An_empty_store_is_refused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        using var store = KnownLeakStore.Open(StoreLocation.Resolve(dir.File("s.db"), dir.File("s.key")), create: true);
        Assert.Throws<StoreException>(() => new OwnerAudit(store).Run(30, 180));
    }

    [Fact]
    public void Contracts_files_with_a_wrong_header_are_refused_with_the_line()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("c.csv"), "partner,allowed\np,name\n");
        Assert.Contains("line 1", Assert.Throws<StoreException>(() => OwnerAudit.ReadContracts(dir.File("c.csv"))).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("d.csv"), "channel_id,fields\nno-comma-here\n");
        Assert.Contains("line 2", Assert.Throws<StoreException>(() => OwnerAudit.ReadContracts(dir.File("d.csv"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("180d", 180)]
    [InlineData("180", 180)]
    [InlineData("26w", 182)]
    [InlineData("6m", 180)]
    [InlineData("1y", 365)]
    [InlineData(" 2Y ", 730)]
    public void Periods_are_read_as_days(string text, int days) => Assert.Equal(days, OwnerAudit.ParseDays(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData("0d")]
    [InlineData("-5d")]
    [InlineData("6x")]
    [InlineData("d")]
    [InlineData("1.5y")]
    [InlineData("1000y")]
    public void Bad_periods_are_refused_with_why(string text)
    {
        Assert.Null(OwnerAudit.ParseDays(text, out var problem));
        Assert.Contains("not a period", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_written_period_reads_back_and_junk_never_parses()
    {
        var good = from n in Gen.Choose(1, 99) from unit in Gen.Elements(("d", 1), ("w", 7), ("m", 30), ("y", 365)) select (text: $"{n}{unit.Item1}", days: n * unit.Item2);
        Properties.Hold(good, t => OwnerAudit.ParseDays(t.text, out _) == t.days, 2000);
        var junk = Gen.Elements("x", "-", ".", "d", "天", " ", "1", "e").ListOf().Select(l => string.Concat(l)).Where(s => s.Any(ch => ch is 'x' or '-' or '.' or '天' or 'e'));
        Properties.Hold(junk, s => OwnerAudit.ParseDays(s, out _) is null, 2000);
    }
}
