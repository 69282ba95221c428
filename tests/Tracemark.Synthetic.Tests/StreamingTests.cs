using Tracemark.Tests;

namespace Tracemark.Synthetic.Tests;

/// <summary>Memory measurements are process-wide: they run alone, after the parallel tests.</summary>
[CollectionDefinition("memory", DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>Generation streams: the managed heap stays flat however many records are written.</summary>
[Collection("memory")]
public sealed class StreamingTests
{
    [Fact]
    public void Half_a_million_records_generate_in_bounded_memory()
    {
        using var temp = new TempDir("stream");
        var dir = temp.Path;
        long peak = 0;
        var calls = 0;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var truthLines = 0L;
        LeakCorpus.Generate(
            new SynthOptions(dir, Seed: 1, People: 100_000, Records: 250_000, Shapes: ["dump", "loan"], WriteTruth: true),
            writeTruth: (truth, stream) =>
            {
                // Each record's truth reaches the writer as it is made (the CLI writes it as JSON): nothing is held back.
                stream.Write(System.Text.Encoding.UTF8.GetBytes($"{truth.Source} {truth.Record} {truth.Items.Count}\n"));
                Interlocked.Increment(ref truthLines);
            },
            progress: _ =>
            {
                // Live memory every ~32,000 records: a full collection leaves only what generation retains.
                // Shapes run in parallel, so progress arrives from several threads.
                if (Interlocked.Increment(ref calls) % 32 == 0)
                {
                    var live = GC.GetTotalMemory(forceFullCollection: true) - baseline;
                    long seen;
                    while ((seen = Interlocked.Read(ref peak)) < live && Interlocked.CompareExchange(ref peak, live, seen) != seen)
                    {
                    }
                }
            });

        // Holding the 583,000 records (250,000 dump lines, 333,000 loan rows) with their truth would retain hundreds
        // of MB; streaming retains buffers and the per-dataset person tallies (2 bytes × 100,000 people each).
        Assert.True(calls >= 300, "progress was reported");
        Assert.Equal(583_333, truthLines);
        Assert.InRange(peak, 0, 16L << 20);
    }
}
