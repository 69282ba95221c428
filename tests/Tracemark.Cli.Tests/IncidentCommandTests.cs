using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark incident` end to end on `tracemark synth` output, with and without the owner's data.</summary>
public sealed class IncidentCommandTests
{
    // A synthetic courier (three outlets of six accounts, one sample per scenario kind) imported into a new store.
    private static (string Owner, string Store) SynthOwner(TempDir dir, int customers, int sampleSize)
    {
        var owner = dir.File("owner");
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("synth", "owner", "--out", owner, "--customers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--outlets", "3", "--employees-per-outlet", "6", "--sample-size", sampleSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--samples-per-kind", "1").Exit);
        Assert.Equal(0, Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", store).Exit);
        return (owner, store);
    }

    [Fact]
    public void An_incident_on_the_owners_leak_is_graded_traced_and_gives_a_notify_list_without_contact_values()
    {
        using var dir = new TempDir();
        var (owner, store) = SynthOwner(dir, 4000, 120);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(owner, "scenarios.json")));
        var insider = truth.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "single-insider");
        var sample = Path.Combine(owner, insider.GetProperty("file").GetString()!);
        var leaker = insider.GetProperty("truth")[0].GetString()!;

        var open = Cli.Run("incident", "open", "courier", "--discovered", "2025-12-01T23:20:00+08:00", "--operator", "other", "--entity", "顺达快递", "--system", "网点派件系统", "--owner-contact", "95000", "--store", store);
        Assert.Equal(0, open.Exit);
        var add = Cli.Run("incident", "add", "courier", sample, "--store", store);
        Assert.Equal(0, add.Exit);
        Assert.Contains("attributed", add.Out, StringComparison.Ordinal);
        Assert.Contains(leaker, add.Out, StringComparison.Ordinal);

        var notify = dir.File("notify.csv");
        var report = Cli.Run("incident", "report", "courier", "--json", "--notify", notify, "--customers", Path.Combine(owner, "customers.csv"), "--store", store);
        Assert.Equal(0, report.Exit);
        using var json = JsonDocument.Parse(report.Out);
        var root = json.RootElement;
        Assert.Equal("tracemark.incident/1", root.GetProperty("contract").GetString());
        Assert.Equal("一般", root.GetProperty("grade").GetString());
        Assert.Equal(120, root.GetProperty("people").GetInt64());
        var customers = root.GetProperty("owner_customers").GetInt64();
        Assert.InRange(customers, 60, 120);
        Assert.Contains(leaker, root.GetProperty("initial_report").GetProperty("items")[4].GetProperty("content").GetString(), StringComparison.Ordinal);
        var authority = root.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("report").GetString() == "pipl_authority");
        Assert.Equal("2025-12-01T23:20:00+08:00", authority.GetProperty("due").GetString());

        // One row per affected customer; channels and categories, never a phone number or e-mail address.
        var rows = File.ReadAllLines(notify);
        Assert.Equal("customer_id,channels,categories,sms", rows[0]);
        Assert.Equal(customers, rows.Length - 1);
        Assert.All(rows.Skip(1), row =>
        {
            var sms = row[(row.LastIndexOf(',') + 1)..];
            Assert.True(sms.Length <= 70, sms);
            Assert.Contains("sms", row.Split(',')[1], StringComparison.Ordinal);
        });
        var contacts = File.ReadLines(Path.Combine(owner, "customers.csv")).Skip(1).SelectMany(l => l.Split(',').Skip(1)).Where(v => v.Length >= 6).ToHashSet(StringComparer.Ordinal);
        var text = File.ReadAllText(notify);
        Assert.DoesNotContain(contacts, v => text.Contains(v, StringComparison.Ordinal));

        var terminal = Cli.Run("incident", "report", "courier", "--store", store);
        Assert.Contains("Grade: 一般", terminal.Out, StringComparison.Ordinal);
        Assert.Contains("SMS:", terminal.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incident_with_no_owner_data_is_graded_from_the_leak_alone()
    {
        using var dir = new TempDir();
        var store = dir.File("store.db");
        Assert.Equal(0, Cli.Run("synth", "--out", dir.File("synth"), "--records", "300", "--people", "500", "--seed", "5").Exit);
        Assert.Equal(0, Cli.Run("incident", "open", "found", "--discovered", "2025-06-01 10:00", "--operator", "central", "--loss", "6000000", "--store", store).Exit);
        var add = Cli.Run("incident", "add", "found", dir.File("synth/leaks"), "--store", store);
        Assert.Contains("no owner data imported", add.Out, StringComparison.Ordinal);
        var r = Cli.Run("incident", "report", "found", "--json", "--store", store);
        using var json = JsonDocument.Parse(r.Out);
        Assert.Equal("较大", json.RootElement.GetProperty("grade").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("owner_customers").ValueKind);
        Assert.True(json.RootElement.GetProperty("people").GetInt64() > 0);
        var initial = json.RootElement.GetProperty("deadlines")[0];
        Assert.Equal("cac_initial", initial.GetProperty("report").GetString());
        Assert.Equal("2025-06-01T12:00:00+08:00", initial.GetProperty("due").GetString()); // Beijing time assumed, + 2 h
    }

    [Theory]
    [InlineData("--discovered", "yesterday", "--operator", "other", "not an ISO 8601")]
    [InlineData("--discovered", "2025-06-01T10:00:00+08:00", "--operator", "bank", "not an operator type")]
    [InlineData("--discovered", "2099-06-01T10:00:00+08:00", "--operator", "other", "in the future")]
    public void Bad_times_and_operator_types_are_usage_errors_before_any_work(string o1, string v1, string o2, string v2, string message)
    {
        using var dir = new TempDir();
        var r = Cli.Run("incident", "open", "x", o1, v1, o2, v2, "--store", dir.File("store.db"));
        Assert.Equal(2, r.Exit);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("store.db")));
    }

    [Fact]
    public void Evidence_that_fails_to_scan_or_is_missing_writes_nothing()
    {
        using var dir = new TempDir();
        var store = dir.File("store.db");
        Directory.CreateDirectory(dir.Path);
        Assert.Equal(0, Cli.Run("incident", "open", "x", "--discovered", "2025-06-01T10:00:00+08:00", "--operator", "other", "--store", store).Exit);
        var missing = Cli.Run("incident", "add", "x", dir.File("nope.csv"), "--store", store);
        Assert.Equal(2, missing.Exit);
        File.WriteAllBytes(dir.File("scan.pdf"), "%PDF-1.7\n%âãÏÓ\n"u8.ToArray());
        var pdf = Cli.Run("incident", "add", "x", dir.File("scan.pdf"), "--store", store);
        Assert.Equal(1, pdf.Exit);
        Assert.Contains("scan.pdf", pdf.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was added", pdf.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Cli.Run("incident", "report", "x", "--json", "--store", store).Out);
        Assert.Equal(0, json.RootElement.GetProperty("evidence").GetArrayLength());
        Assert.Equal(1, Cli.Run("incident", "report", "nobody", "--store", store).Exit);
        Assert.Equal(2, Cli.Run("incident", "report", "x", "--notify", dir.File("n.csv"), "--store", store).Exit);
    }

    [Fact]
    public void Audit_on_the_synthetic_courier_finds_the_reach_the_full_numbers_and_the_partners_beyond_contract()
    {
        using var dir = new TempDir();
        var (owner, store) = SynthOwner(dir, 3000, 40);
        var r = Cli.Run("audit", "--contracts", Path.Combine(owner, "contracts.csv"), "--retention", "7d", "--json", "--html", dir.File("audit.html"), "--store", store);
        Assert.Equal(0, r.Exit);
        using var json = JsonDocument.Parse(r.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        Assert.True(findings["blast_radius"].GetProperty("count").GetInt64() > 0);
        Assert.True(findings["retention"].GetProperty("count").GetInt64() > 0); // a 30-day log: much is older than 7 days
        var full = findings["full_identifiers"].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("channel").GetString()).ToList();
        Assert.Contains("admin-1", full);
        // Employees see masked numbers; the only employee fetching full ones is the rented account's night of look-ups.
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(owner, "scenarios.json")));
        var rented = truth.RootElement.EnumerateArray().First(s => s.GetProperty("kind").GetString() == "rented-account").GetProperty("truth")[0].GetString();
        Assert.Equal([rented], full.Where(c => c!.StartsWith("emp-", StringComparison.Ordinal)));
        Assert.Equal(5, findings["partner_fields"].GetProperty("items").GetArrayLength());
        Assert.Contains("Art. 19", findings["retention"].GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Contains("<h1>数据暴露面审计", File.ReadAllText(dir.File("audit.html")), StringComparison.Ordinal);

        Assert.Equal(2, Cli.Run("audit", "--retention", "6x", "--store", store).Exit);
        Assert.Equal(1, Cli.Run("audit", "--store", dir.File("empty.db")).Exit);
    }
}
