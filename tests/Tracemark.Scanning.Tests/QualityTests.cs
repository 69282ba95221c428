using Xunit.Abstractions;

namespace Tracemark.Scanning.Tests;

public sealed class QualityTests(QualityTests.Corpus corpus, ITestOutputHelper output) : IClassFixture<QualityTests.Corpus>
{
    public sealed class Corpus : IDisposable
    {
        public Evaluation Evaluation { get; } = new(records: 2_000, people: 4_000, seed: int.Parse(Environment.GetEnvironmentVariable("TRACEMARK_EVAL_SEED") ?? "31", System.Globalization.CultureInfo.InvariantCulture),
            noise: double.Parse(Environment.GetEnvironmentVariable("TRACEMARK_EVAL_NOISE") ?? "0.12", System.Globalization.CultureInfo.InvariantCulture));

        public void Dispose() => Evaluation.Dispose();
    }

    private Evaluation E => corpus.Evaluation;

    [Fact]
    public void Report()
    {
        output.WriteLine(E.Report());
        foreach (var kind in new[] { "name", "name_masked" })
        {
            foreach (var f in E.FalsePositives(kind).Take(15))
            {
                output.WriteLine($"FP {f.Key} field={f.Field} {f.Reason}");
            }

            foreach (var k in E.Missed(kind).Take(15))
            {
                output.WriteLine($"MISS {k}");
            }
        }
    }
}
