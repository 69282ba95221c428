using Tracemark.Synthetic.Owners;
using Tracemark.Tracing.Attribution;

namespace Tracemark.Evaluation;

/// <summary>Accuracy of one model on one scenario kind and sample size, over every contamination level.</summary>
/// <param name="Model">"likelihood" or "guilt (baseline)".</param>
/// <param name="Scenario">The scenario kind.</param>
/// <param name="SampleSize">Records per sample.</param>
/// <param name="Runs">Scenarios drawn.</param>
/// <param name="Top1">Share whose top answer is the truth (for the null scenario: no channel named).</param>
/// <param name="Top3">Share with the truth among the top three answers.</param>
/// <param name="FalseAccusation">Share naming an innocent channel at probability ≥ 0.9.</param>
/// <param name="Brier">Mean (p − correct)² of the top answer's probability.</param>
/// <param name="Abstention">Share where the model names no one (verdict undetermined, or top probability &lt; 0.9 for the baseline).</param>
public sealed record EvaluationRow(string Model, string Scenario, int SampleSize, int Runs, double Top1, double Top3, double FalseAccusation, double Brier, double Abstention);

/// <summary>One bin of the reliability table: answers whose probability fell in [From, To).</summary>
/// <param name="Model">"likelihood" or "guilt (baseline)".</param>
/// <param name="Answer">Which top answers: "all", "a channel" (one or a set named) or "none" (no channel named).</param>
/// <param name="From">Lower bound of the probability.</param>
/// <param name="To">Upper bound (exclusive, except 1).</param>
/// <param name="Count">Answers in the bin.</param>
/// <param name="MeanProbability">Their mean probability.</param>
/// <param name="Accuracy">Share of them that were right.</param>
public sealed record ReliabilityBin(string Model, string Answer, double From, double To, int Count, double MeanProbability, double Accuracy);

/// <summary>The whole evaluation.</summary>
public sealed record EvaluationReport(int Scenarios, IReadOnlyList<EvaluationRow> Rows, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>
/// `tracemark eval trace`: draws leak scenarios from a synthetic owner (issue 5's list: single insider, rented
/// account, colluding insiders, admin copy, partner export, null; contamination 0/20/50 %; sample sizes) and
/// scores the likelihood model against the guilt-model baseline on the same samples.
/// </summary>
public static class TraceEvaluation
{
    private static readonly double[] Bins = [0, 0.5, 0.7, 0.9, 0.99, 1.000001];

    /// <summary>Runs <paramref name="repeats"/> scenarios per kind, size and contamination level.</summary>
    public static EvaluationReport Run(OwnerOptions owner, IReadOnlyList<int> sizes, IReadOnlyList<double> contaminations, int repeats, ulong seed, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(contaminations);
        var world = OwnerWorld.Generate(owner, seed);
        var baseOwner = Owner(world, null);
        var cells = new List<(ScenarioKind Kind, int Size, double Contamination, int Repeat)>();
        foreach (var kind in Enum.GetValues<ScenarioKind>())
        {
            foreach (var size in sizes)
            {
                foreach (var c in contaminations)
                {
                    for (var r = 0; r < repeats; r++)
                    {
                        cells.Add((kind, size, c, r));
                    }
                }
            }
        }

        var outcomes = new Outcome[cells.Count];
        var done = 0;
        Parallel.For(0, cells.Count, i =>
        {
            var (kind, size, contamination, repeat) = cells[i];
            var scenario = LeakScenario.Draw(world, kind, size, contamination, seed ^ (ulong)(i * 7919 + 1));
            var simulated = scenario.ExtraAccess.Count > 0 ? Owner(world, scenario) : baseOwner;
            var sample = scenario.Sample.Select(r => new MatchedRecord(r.Customer, r.InKnownLeak)).ToList();
            var likelihood = simulated.Likelihood(sample, owner.KnownLeakShare);
            var guilt = simulated.Guilt(sample);
            outcomes[i] = new Outcome(kind, size, Score(likelihood, scenario.Truth), Score(guilt, scenario.Truth));
            progress?.Invoke(Interlocked.Increment(ref done), cells.Count);
        });

        var rows = new List<EvaluationRow>();
        foreach (var group in outcomes.GroupBy(o => (o.Kind, o.Size)))
        {
            rows.Add(Row("likelihood", group.Key, group.Select(o => o.Likelihood).ToList()));
            rows.Add(Row("guilt (baseline)", group.Key, group.Select(o => o.Guilt).ToList()));
        }

        // Beside all answers, the likelihood model's are split by what they say: the probability of naming a
        // channel is what an investigator acts on, while "none of these channels" also stands for leakers the sample
        // cannot single out (colluders who gave one record each), so the two are calibrated differently.
        var reliability = new List<ReliabilityBin>();
        var groups = new List<(string Model, string Answer, List<Scored> Scores)>
        {
            ("likelihood", "all", [.. outcomes.Select(o => o.Likelihood)]),
            ("likelihood", "a channel", [.. outcomes.Select(o => o.Likelihood).Where(s => !s.NamedNone)]),
            ("likelihood", "none", [.. outcomes.Select(o => o.Likelihood).Where(s => s.NamedNone)]),
            ("guilt (baseline)", "all", [.. outcomes.Select(o => o.Guilt)]),
        };
        foreach (var (model, answer, list) in groups)
        {
            for (var b = 0; b + 1 < Bins.Length; b++)
            {
                var inBin = list.Where(s => s.Probability >= Bins[b] && s.Probability < Bins[b + 1]).ToList();
                reliability.Add(new ReliabilityBin(model, answer, Bins[b], Math.Min(1, Bins[b + 1]), inBin.Count,
                    inBin.Count == 0 ? 0 : inBin.Average(s => s.Probability), inBin.Count == 0 ? 0 : inBin.Average(s => s.Top1 ? 1.0 : 0)));
            }
        }

        return new EvaluationReport(cells.Count, rows, reliability);
    }

    private readonly record struct Scored(bool Top1, bool Top3, bool FalseAccusation, double Probability, bool Abstained, bool NamedNone);

    private sealed record Outcome(ScenarioKind Kind, int Size, Scored Likelihood, Scored Guilt);

    private static EvaluationRow Row(string model, (ScenarioKind Kind, int Size) key, List<Scored> scores) => new(
        model,
        key.Kind.Code(),
        key.Size,
        scores.Count,
        scores.Average(s => s.Top1 ? 1.0 : 0),
        scores.Average(s => s.Top3 ? 1.0 : 0),
        scores.Average(s => s.FalseAccusation ? 1.0 : 0),
        scores.Average(s => Math.Pow(s.Probability - (s.Top1 ? 1 : 0), 2)),
        scores.Average(s => s.Abstained ? 1.0 : 0));

    private static Scored Score(ModelAnswer a, IReadOnlyList<int> truth)
    {
        static bool Same(IReadOnlyList<int> channels, IReadOnlyList<int> truth) => channels.Count == truth.Count && channels.Order().SequenceEqual(truth.Order());
        var top = a.Ranked[0];
        var abstained = a.Undetermined;

        // With no leaking channel, the right answer is to name none.
        var top1 = truth.Count == 0 ? top.NamesNone || abstained : Same(top.Channels, truth);
        var top3 = truth.Count == 0 ? top1 : a.Ranked.Take(3).Any(h => Same(h.Channels, truth));
        var accusation = a.Ranked.Any(h => h.Probability >= 0.9 && h.Channels.Any(c => !truth.Contains(c)));
        return new Scored(top1, top3, accusation, top.Probability, abstained, top.NamesNone);
    }

    private static Scored Score(IReadOnlyList<(int Channel, double Guilt)> ranked, IReadOnlyList<int> truth)
    {
        if (ranked.Count == 0)
        {
            return new Scored(truth.Count == 0, truth.Count == 0, false, 0, true, true);
        }

        var named = ranked.Take(Math.Max(1, truth.Count)).Select(r => r.Channel).ToList();
        var probability = ranked[0].Guilt;
        var abstained = probability < 0.9;
        var top1 = truth.Count == 0 ? abstained : named.Order().SequenceEqual(truth.Order());
        var top3 = truth.Count == 0 ? top1 : truth.All(t => ranked.Take(Math.Max(3, truth.Count + 2)).Any(r => r.Channel == t));
        var accusation = ranked.Any(r => r.Guilt >= 0.9 && !truth.Contains(r.Channel));
        return new Scored(top1, top3, accusation, probability, abstained, false);
    }

    private static SimulatedOwner Owner(OwnerWorld world, LeakScenario? scenario)
    {
        var accesses = world.Accessed.Select(a => (IReadOnlyCollection<int>)a).ToList();
        if (scenario is { ExtraAccess.Count: > 0 })
        {
            var channel = scenario.Truth[0];
            accesses[channel] = [.. world.Accessed[channel].Union(scenario.ExtraAccess)];
        }

        return new SimulatedOwner(world.Options.Customers, accesses);
    }
}
