using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tracemark.Evaluation;
using Tracemark.Reports;
using Tracemark.Synthetic.Owners;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark eval trace`: how well tracing names leakers, on synthetic owners with known truth.</summary>
internal static class EvalCommand
{
    private static readonly int[] Sizes = [10, 50, 500];
    private static readonly double[] Contaminations = [0, 0.2, 0.5];

    public static (Command, string) Create(Terminal terminal)
    {
        var repeats = CliOptions.Int("--repeats", "Scenarios per kind, sample size and contamination level (6 × 3 × 3 × this in all).", 20, 1);
        var seed = CliOptions.Long("--seed", "Same seed, same owner and scenarios.", 1, 0);
        var customers = CliOptions.Int("--customers", "The synthetic owner's customers (50 outlets, 40 employee accounts each).", 200_000, 10_000);
        var json = CliOptions.Json();
        var trace = new Command("trace", "Score the attribution model against the guilt-model baseline on simulated leaks with known leakers.")
        {
            repeats, seed, customers, json,
        };
        trace.SetAction(parse =>
        {
            var count = parse.GetValue(repeats);
            var owner = new OwnerOptions { Customers = parse.GetValue(customers) };
            // Ctrl+C stops after the scenarios in hand (the progress callback is where the work can stop); nothing is printed.
            using var interruption = Interruption.Listen();
            EvaluationReport report;
            int scored = 0, scenarios = 0;
            try
            {
                report = WithProgress(terminal, "scoring scenarios", progress => TraceEvaluation.Run(owner, Sizes, Contaminations, count, (ulong)parse.GetValue(seed), (done, total) =>
                {
                    Volatile.Write(ref scored, done);
                    Volatile.Write(ref scenarios, total);
                    interruption.Token.ThrowIfCancellationRequested();
                    progress(done, total);
                }), interruption);
            }
            catch (Exception e) when (interruption.Requested && e is OperationCanceledException or AggregateException)
            {
                // Scores of the scenarios done would mislead: they are drawn kind by kind, so the first ones are not a sample of all.
                var c = CultureInfo.InvariantCulture;
                terminal.Error.WriteLine($"tracemark eval trace: interrupted after {Volatile.Read(ref scored).ToString("N0", c)} of {Volatile.Read(ref scenarios).ToString("N0", c)} scenarios; no scores were printed");
                return ExitCodes.Interrupted;
            }

            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(EvalContracts.Trace(report)));
                return ExitCodes.Ok;
            }

            Render(terminal.Console, report);
            return ExitCodes.Ok;
        });
        var command = new Command("eval", "Measure Tracemark's accuracy on synthetic cases with known answers.") { trace, IntelCommand.Eval(terminal), GuardCommand.Eval(terminal) };
        return (command, """
            `eval trace` builds a synthetic courier (200,000 customers, 50 outlets, 2,000 route-scoped employee accounts,
            3 admins, 5 partners, 5 API clients, a nightly export, 30 days of access) and draws leak scenarios with
            their truth: single insider, rented account, 2–5 colluding insiders, admin copy, partner export and null
            (no channel leaked), each at sample sizes 10, 50 and 500 and with 0, 20 or 50 % of the records from older
            leaks or outside the owner. For each model: top-1 and top-3 accuracy, false accusations (an innocent named
            at ≥ 0.9), Brier score, abstentions, and a reliability table.

            Examples:
              tracemark eval trace
              tracemark eval trace --repeats 50 --json > eval.json
            """);
    }

    /// <summary>Work that reports (done, total) under a progress bar on standard error when it is a terminal.</summary>
    internal static T WithProgress<T>(Terminal terminal, string what, Func<Action<int, int>, T> work, Interruption? interruption = null)
    {
        if (!terminal.ShowsProgress)
        {
            return work((_, _) => { });
        }

        T? result = default;
        terminal.Progress.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(what, maxValue: 1);
                int done = 0, total = 0;
                var running = Task.Run(() => work((d, t) =>
                {
                    Volatile.Write(ref total, t);
                    Volatile.Write(ref done, d);
                }));
                while (!ScanCommand.Finished(running, 100))
                {
                    var (d, t) = (Volatile.Read(ref done), Volatile.Read(ref total));
                    task.MaxValue = Math.Max(1, t);
                    task.Value = d;
                    var c = CultureInfo.InvariantCulture;
                    task.Description = $"{(interruption is { Requested: true } ? ScanCommand.Stopping("finishing") : what)}: {d.ToString("N0", c)} of {(t == 0 ? "…" : t.ToString("N0", c))}";
                }

                result = running.GetAwaiter().GetResult();
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void Render(IAnsiConsole console, EvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        string P(double v) => v.ToString("P1", c);
        console.MarkupLine($"{report.Scenarios.ToString("N0", c)} scenarios.");
        var table = new Table().Border(TableBorder.Rounded).Title("attribution accuracy");
        foreach (var h in new[] { "scenario", "size", "model", "top-1", "top-3", "false accusations", "Brier", "abstained" })
        {
            table.AddColumn(h);
        }

        foreach (var r in report.Rows.OrderBy(r => r.Scenario, StringComparer.Ordinal).ThenBy(r => r.SampleSize).ThenBy(r => r.Model, StringComparer.Ordinal))
        {
            table.AddRow(r.Scenario, r.SampleSize.ToString(c), Markup.Escape(r.Model), P(r.Top1), P(r.Top3), P(r.FalseAccusation), r.Brier.ToString("0.000", c), P(r.Abstention));
        }

        console.Write(table);
        var bins = new Table().Border(TableBorder.Rounded).Title("reliability: the top answer's probability against how often it was right");
        foreach (var h in new[] { "model", "top answer", "probability", "answers", "mean probability", "right" })
        {
            bins.AddColumn(h);
        }

        foreach (var b in report.Reliability.Where(b => b.Count > 0))
        {
            bins.AddRow(Markup.Escape(b.Model), b.Answer, $"{b.From.ToString("0.00", c)}–{b.To.ToString("0.00", c)}", b.Count.ToString("N0", c), b.MeanProbability.ToString("0.000", c), P(b.Accuracy));
        }

        console.Write(bins);
    }
}
