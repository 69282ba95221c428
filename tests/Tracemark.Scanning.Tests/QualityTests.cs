using Xunit.Abstractions;

namespace Tracemark.Scanning.Tests;

/// <summary>
/// The quality bar on a synthetic corpus (2,000 records per shape, noise 0.12): precision and recall ≥ 0.99
/// for IDs, mobiles, cards and e-mails, ≥ 0.95 for names and addresses in tabular data, no decoy reported, and the
/// distinct-person count exact. TRACEMARK_EVAL_SEED / TRACEMARK_EVAL_NOISE pick another corpus.
/// </summary>
public sealed class QualityTests(QualityTests.Corpus corpus, ITestOutputHelper output) : IClassFixture<QualityTests.Corpus>
{
    public sealed class Corpus : IDisposable
    {
        public Evaluation Evaluation { get; } = new(
            records: 2_000,
            people: 4_000,
            seed: int.Parse(Environment.GetEnvironmentVariable("TRACEMARK_EVAL_SEED") ?? "31", System.Globalization.CultureInfo.InvariantCulture),
            noise: double.Parse(Environment.GetEnvironmentVariable("TRACEMARK_EVAL_NOISE") ?? "0.12", System.Globalization.CultureInfo.InvariantCulture));

        public void Dispose() => Evaluation.Dispose();
    }

    private Evaluation E => corpus.Evaluation;

    private static readonly HashSet<string> Tabular = ["courier-waybills.csv", "hotel-checkins.txt", "app-users.jsonl", "loan-applications.xlsx!申请记录", "loan-applications.xlsx!放款记录"];

    [Theory]
    [InlineData("cn_id", 0.99)]
    [InlineData("mobile", 0.99)]
    [InlineData("bank_card", 0.99)]
    [InlineData("email", 0.99)]
    public void Identifiers_meet_the_bar(string kind, double bar)
    {
        var (precision, recall, found, expected) = E.Score(kind);
        output.WriteLine($"{kind}: precision {precision:0.0000} recall {recall:0.0000} (found {found}, expected {expected})");
        Assert.True(expected > 100, "the corpus must exercise the kind");
        Assert.InRange(precision, bar, 1);
        Assert.InRange(recall, bar, 1);
    }

    [Theory]
    [InlineData("name", 0.95)]
    [InlineData("address", 0.95)]
    public void Names_and_addresses_in_tabular_data_meet_the_bar(string kind, double bar)
    {
        var (precision, recall, found, expected) = E.Score(kind, k => Tabular.Contains(k.Source));
        output.WriteLine($"{kind} (tabular): precision {precision:0.0000} recall {recall:0.0000} (found {found}, expected {expected})");
        Assert.True(expected > 100);
        Assert.InRange(precision, bar, 1);
        Assert.InRange(recall, bar, 1);
    }

    [Fact]
    public void No_decoy_is_reported() => Assert.Empty(E.DecoysReported());

    [Fact]
    public void The_decoy_only_file_yields_no_findings()
    {
        Assert.DoesNotContain(E.Findings, f => f.Key.Source == "orders-decoys.csv");
        Assert.Equal(2_000, E.Summary.Tables.Single(t => t.Source == "orders-decoys.csv").Records);
    }

    [Fact]
    public void Distinct_persons_are_exact() => Assert.Equal(E.Manifest.Persons, E.Summary.Persons);

    [Fact]
    public void Every_input_is_read_in_full() => Assert.True(E.Summary.Complete, string.Join("; ", E.Summary.Errors.Select(e => e.Message)));

    [Fact]
    public void Report() => output.WriteLine(E.Report());
}
