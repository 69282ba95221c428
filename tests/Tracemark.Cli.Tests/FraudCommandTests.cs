using System.Text.Json;
using System.Text.RegularExpressions;
using Tracemark.People;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark fraud` end to end on `synth fraud` output: import, link (JSON, text, HTML), who, sample, and bad input.</summary>
public sealed class FraudCommandTests : IDisposable
{
    private readonly TempDir _dir = new("cli-fraud");

    public FraudCommandTests()
    {
        Must(Cli.Run("synth", "fraud", "--out", World, "--seed", "3"));
        Must(Cli.Run("ingest", Path.Combine(World, "leaks/courier-linked.csv"), "--name", "courier-linked", "--category", "courier", "--seen", "2026-01-10", "--store", Store));
        Must(Cli.Run("ingest", Path.Combine(World, "leaks/hotel-unlinked.csv"), "--name", "hotel-unlinked", "--category", "hotel", "--seen", "2026-01-10", "--store", Store));
    }

    private string World => _dir.File("world");

    private string Store => _dir.File("store.db");

    private static Cli.Result Must(Cli.Result r) => r.Exit == 0 ? r : throw new InvalidOperationException($"exit {r.Exit}: {r.Error}");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Import_then_link_ranks_the_planted_leak_first_and_calls_the_other_unconnected()
    {
        var import = Cli.Run("fraud", "import", Path.Combine(World, "reports.csv"), "--store", Store);
        Assert.Equal(0, import.Exit);
        Assert.Contains("reports added", import.Out, StringComparison.Ordinal);
        Assert.Empty(import.Error);

        var again = Cli.Run("fraud", "import", Path.Combine(World, "reports.csv"), "--store", Store, "--json");
        using (var doc = JsonDocument.Parse(again.Out))
        {
            Assert.Equal(0, doc.RootElement.GetProperty("added").GetInt32());
            Assert.Equal(doc.RootElement.GetProperty("rows").GetInt32(), doc.RootElement.GetProperty("unchanged").GetInt32());
        }

        var html = _dir.File("link.html");
        string firstContact;
        var json = Cli.Run("fraud", "link", "--population", "5000", "--store", Store, "--json", "--html", html);
        Assert.Equal(0, json.Exit);
        using (var doc = JsonDocument.Parse(json.Out))
        {
            Assert.Equal(["leaks", "contacts"], doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
            var leaks = doc.RootElement.GetProperty("leaks").EnumerateArray().ToList();
            Assert.Equal(
                ["dataset", "victims", "expected", "lift", "lift_low", "lift_high", "fraud_types", "days_to_report", "loss_yuan"],
                leaks[0].EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal("courier-linked", leaks[0].GetProperty("dataset").GetString());
            Assert.True(leaks[0].GetProperty("lift_low").GetDouble() > 1);
            Assert.Equal("impersonate_customer_service", leaks[0].GetProperty("fraud_types")[0].GetProperty("type").GetString());
            var hotel = leaks.Single(l => l.GetProperty("dataset").GetString() == "hotel-unlinked");
            Assert.InRange(1.0, hotel.GetProperty("lift_low").GetDouble(), hotel.GetProperty("lift_high").GetDouble());

            // Per fraud contact, masked: the fraudsters' numbers used on planted victims lead back to the courier leak.
            var contacts = doc.RootElement.GetProperty("contacts").EnumerateArray().ToList();
            Assert.NotEmpty(contacts);
            Assert.All(contacts, c =>
            {
                Assert.Equal(["contact", "victims", "leaks"], c.EnumerateObject().Select(p => p.Name).ToArray());
                Assert.Contains("*", c.GetProperty("contact").GetString(), StringComparison.Ordinal);
                var shared = c.GetProperty("leaks")[0];
                Assert.Equal("courier-linked", shared.GetProperty("dataset").GetString());
                Assert.InRange(shared.GetProperty("victims").GetInt64(), 2, c.GetProperty("victims").GetInt64());
            });
            firstContact = contacts[0].GetProperty("contact").GetString()!;
        }

        var page = File.ReadAllText(html);
        Assert.Contains("courier-linked", page, StringComparison.Ordinal);
        Assert.Contains("Unconnected", page, StringComparison.Ordinal);
        Assert.Contains($"<code>{firstContact}</code>", page, StringComparison.Ordinal);

        var text = Cli.Run("fraud", "link", "--population", "5000", "--store", Store);
        Assert.Matches("courier-linked: Connected: ", text.Out);
        Assert.Matches("hotel-unlinked: Unconnected: ", text.Out);
        Assert.Contains("Fraud contacts whose victims share a leak", text.Out, StringComparison.Ordinal);
        Assert.Matches($@"{Regex.Escape(firstContact)}[ │]+\d+[ │]+courier-linked \d+", text.Out);
        Assert.DoesNotMatch(@"1[3-9]\d{9}", text.Out + page + json.Out);
    }

    [Fact]
    public void Bad_rows_are_listed_with_file_and_line_on_standard_error_the_rest_imported_and_exit_1()
    {
        var csv = _dir.File("bad.csv");
        File.WriteAllText(csv, "report_id,time,victim_mobile,fraud_type,loss_yuan\nA1,2026-02-01,13800138000,刷单,100\nA2,2026-02-31,13800138000,刷单,1\nA3,2026-02-01,138001380,刷单,1\n");
        var r = Cli.Run("fraud", "import", csv, "--store", Store);
        Assert.Equal(1, r.Exit);
        Assert.Contains("1 reports added", r.Out, StringComparison.Ordinal);
        var lines = r.Error.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("tracemark fraud import: bad.csv:3: time", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("tracemark fraud import: bad.csv:4: victim_mobile", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("138001380", r.Error, StringComparison.Ordinal);

        File.WriteAllText(csv, "id,phone\n1,13800138000\n");
        var refused = Cli.Run("fraud", "import", csv, "--store", Store);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("no report_id column", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Who_masks_unless_revealed_and_sample_reports_a_wilson_interval()
    {
        Must(Cli.Run("fraud", "import", Path.Combine(World, "reports.csv"), "--store", Store));
        var person = new Population(3, 5000).Get(10);
        var masked = Cli.Run("fraud", "who", "--mobile", person.Mobile, "--store", Store);
        Assert.Equal(0, masked.Exit);
        Assert.Contains("courier-linked (courier)", masked.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Mobile, masked.Out, StringComparison.Ordinal);
        Assert.Contains(person.Mobile[..3] + "****" + person.Mobile[^4..], masked.Out, StringComparison.Ordinal);
        Assert.Contains(person.Mobile, Cli.Run("fraud", "who", "--mobile", person.Mobile, "--reveal", "--store", Store).Out, StringComparison.Ordinal);

        var usage = Cli.Run("fraud", "who", "--store", Store);
        Assert.Equal(2, usage.Exit);
        Assert.Contains("--mobile", usage.Error, StringComparison.Ordinal);

        var sample = Cli.Run("fraud", "sample", "courier-linked", "--n", "100", "--seed", "9", "--store", Store, "--json");
        using var doc = JsonDocument.Parse(sample.Out);
        Assert.Equal(100, doc.RootElement.GetProperty("drawn").GetInt32());
        Assert.Equal("wilson-95", doc.RootElement.GetProperty("interval").GetString());
        Assert.True(doc.RootElement.GetProperty("reported").GetInt32() > 10);
        Assert.Equal(sample.Out, Cli.Run("fraud", "sample", "courier-linked", "--n", "100", "--seed", "9", "--store", Store, "--json").Out);
        var unknown = Cli.Run("fraud", "sample", "no-such-leak", "--store", Store);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no complete dataset named 'no-such-leak'", unknown.Error, StringComparison.Ordinal);
    }
}
