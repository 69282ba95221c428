using FsCheck.Fluent;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Tracing.Tests;

public sealed class AccessRunsTests
{
    [Fact]
    public void Rows_come_back_in_index_order_over_any_number_of_runs_and_twice()
    {
        var rows = Gen.Choose(0, 30).SelectMany(customer => Gen.Choose(0, 5).SelectMany(channel => Gen.Choose(0, 1000)
            .Select(time => new AccessRow(customer, channel, time, "view", time % 3 == 0 ? null : $"dev-{channel}", null))))
            .ArrayOf();
        Properties.Hold(Gen.Zip(rows, Gen.Choose(1, 8)), input =>
        {
            var (list, runSize) = input;
            using var runs = new AccessRuns(runSize);
            foreach (var r in list)
            {
                runs.Add(r);
            }

            var expected = list.Order().ToList();
            return runs.Sorted().SequenceEqual(expected) && runs.Sorted().SequenceEqual(expected);
        }, count: 200);
    }
}
