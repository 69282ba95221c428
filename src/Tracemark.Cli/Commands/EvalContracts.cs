using Tracemark.Evaluation;
using Tracemark.Reports;

namespace Tracemark.Cli.Commands;

/// <summary>
/// The `eval` results as their Tracemark.Reports contracts. The mapping lives here because Tracemark.Reports is a
/// production layer and may not see Tracemark.Evaluation (which uses synthetic data); the command line sees both.
/// </summary>
internal static class EvalContracts
{
    public static EvalTraceReport Trace(EvaluationReport r) => new(
        r.Scenarios,
        [.. r.Rows.Select(x => new EvalTraceRow(EvalValues.Model(x.Model), EvalValues.Scenario(x.Scenario), x.SampleSize, x.Runs, x.Top1, x.Top3, x.FalseAccusation, x.Brier, x.Abstention))],
        [.. r.Reliability.Select(b => new EvalReliabilityBin(EvalValues.Model(b.Model), EvalValues.Answer(b.Answer), b.From, b.To, b.Count, b.MeanProbability, b.Accuracy))]);

    public static IReadOnlyList<EvalGuardReport> Guard(IEnumerable<GuardEvaluationReport> reports) =>
        [.. reports.Select(r => new EvalGuardReport(EvalValues.Simulation(r.Simulation), r.Seeds, r.Rows, r.ChannelDays, Score(r.Guard), Score(r.Naive)))];

    private static EvalGuardScore Score(GuardScore s) => new(
        EvalValues.Detector(s.Detector), s.Episodes, s.Caught, s.Recall, s.MedianDelayHoursShort, s.MedianDelayDaysSlow, s.Alerts, s.FalseAlerts, s.FalsePer1000ChannelDays, s.Precision, s.ByKind, s.FalseByNegative);
}
