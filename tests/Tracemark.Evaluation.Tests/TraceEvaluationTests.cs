using Tracemark.Synthetic.Owners;

namespace Tracemark.Evaluation.Tests;

public sealed class TraceEvaluationTests
{
    [Fact]
    public void On_a_small_owner_the_model_names_single_leakers_and_accuses_no_innocent_where_the_baseline_does()
    {
        var owner = new OwnerOptions { Customers = 20_000, Outlets = 10, EmployeesPerOutlet = 10 };
        var report = TraceEvaluation.Run(owner, [50], [0, 0.2], 3, 7);

        Assert.Equal(6 * 2 * 3, report.Scenarios);
        EvaluationRow Row(string model, ScenarioKind kind) => report.Rows.Single(r => r.Model == model && r.Scenario == kind.Code());
        foreach (var kind in new[] { ScenarioKind.SingleInsider, ScenarioKind.RentedAccount, ScenarioKind.PartnerExport })
        {
            Assert.Equal(1.0, Row("likelihood", kind).Top1);
            Assert.Equal(0.0, Row("likelihood", kind).FalseAccusation);
        }

        Assert.Equal(0.0, Row("likelihood", ScenarioKind.Null).FalseAccusation);
        Assert.True(Row("guilt (baseline)", ScenarioKind.SingleInsider).FalseAccusation > 0, "the unnormalized baseline accuses colleagues too");
        Assert.All(report.Reliability, b => Assert.InRange(b.Accuracy, 0, 1));

        // Every answer is in one bin of "all", and in exactly one of "a channel" and "none"; the null scenarios'
        // right answers are "none" answers.
        int Count(string answer) => report.Reliability.Where(b => b.Model == "likelihood" && b.Answer == answer).Sum(b => b.Count);
        Assert.Equal(report.Scenarios, Count("all"));
        Assert.Equal(Count("all"), Count("a channel") + Count("none"));
        Assert.True(Count("none") >= 6, $"{Count("none")} none answers");
    }

    [Fact]
    public void Scenarios_carry_their_truth_and_size()
    {
        var world = OwnerWorld.Generate(new OwnerOptions { Customers = 10_000, Outlets = 5, EmployeesPerOutlet = 5 }, 3);
        foreach (var kind in Enum.GetValues<ScenarioKind>())
        {
            var s = LeakScenario.Draw(world, kind, 40, 0.5, 11);
            Assert.Equal(40, s.Sample.Count);
            Assert.Equal(kind == ScenarioKind.Null, s.Truth.Count == 0);

            // Half the sample is contamination: from older leaks or not the owner's customers at all.
            Assert.True(s.Sample.Count(r => r.Customer < 0 || r.InKnownLeak) >= 20);
        }
    }
}
