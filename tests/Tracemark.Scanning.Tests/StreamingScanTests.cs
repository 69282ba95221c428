using System.Text;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests;

/// <summary>Memory measurements are process-wide: they run alone, after the parallel tests.</summary>
[CollectionDefinition("memory", DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>Scanning streams: live memory stays flat in the size of the input (it grows only with distinct identifiers).</summary>
[Collection("memory")]
public sealed class StreamingScanTests
{
    [Fact]
    public async Task A_large_input_scans_in_bounded_memory()
    {
        using var dir = new TempDir("stream");
        Directory.CreateDirectory(dir.Path);

        // About 200 MB: a million CSV rows over a few people, and a 20 MB single line.
        using (var w = new StreamWriter(dir.File("big.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            w.WriteLine("姓名,手机,备注");
            for (var i = 0; i < 1_000_000; i++)
            {
                w.Write("张三,1380013");
                w.Write((i % 100).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteLine(",客户要求加急配送，请尽快联系收件人确认地址信息，谢谢合作");
            }
        }

        File.WriteAllText(dir.File("line.txt"), new string('甲', 20 * 1024 * 1024) + "\n");

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var scan = Task.Run(() => Scanner.Scan(new ScanOptions { Paths = [dir.Path] }));
        while (!scan.IsCompleted)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            await Task.Delay(50);
        }

        var summary = await scan;
        Assert.Equal(1_000_001, summary.Records);
        Assert.Equal(100, summary.Kinds["mobile"]);

        // Holding the input would take hundreds of MB; streaming holds batches, a window and small tables.
        Assert.InRange(peak, 0, 96L << 20);
    }
}
