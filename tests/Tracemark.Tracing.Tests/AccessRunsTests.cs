using FsCheck.Fluent;
using Tracemark.Store.Owner;
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

    // The read-ahead hands rows over in batches of 4,096 from another thread: across batch and run boundaries the
    // order must be the same, and a reader that stops early must not leave the merging thread blocked.
    [Fact]
    public async Task Read_ahead_gives_the_same_order_across_batches_and_a_reader_may_stop_early()
    {
        var random = new Random(3);
        using var runs = new AccessRuns(7_000);
        for (var i = 0; i < 50_000; i++)
        {
            runs.Add(new AccessRow(random.Next(2_000), random.Next(40), random.Next(1_000_000), "view", null, null));
        }

        Assert.Equal(runs.Sorted(), runs.SortedAhead());
        var stop = Task.Run(() => runs.SortedAhead().Take(10).Count());
        Assert.Equal(10, await stop.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Reach_rows_spooled_come_back_as_written()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => new ReachRow(i, i % 7, i * 10L, (i * 10L) + 5, i + 1)).ToList();
        using var spool = new ReachSpool();
        rows.ForEach(spool.Add);
        var back = new RecordingBulk();
        spool.CopyTo(back);
        Assert.Equal(rows, back.Rows.Select(r => new ReachRow((long)r[0]!, (long)r[1]!, (long)r[2]!, (long)r[3]!, (long)r[4]!)));
    }

    private sealed class RecordingBulk : Store.Backends.IBulkWriter
    {
        public List<object?[]> Rows { get; } = [];

        public void Add(ReadOnlySpan<object?> values) => Rows.Add(values.ToArray());

        public void Complete()
        {
        }

        public void Dispose()
        {
        }
    }
}
