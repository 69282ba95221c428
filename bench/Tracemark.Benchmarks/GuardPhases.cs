using System.Diagnostics;
using Tracemark.Guard;
using Tracemark.Store;

namespace Tracemark.Benchmarks;

/// <summary>
/// Where `tracemark guard`'s time goes (docs/benchmarks.md, guard): loading the owner, reading the store, parsing an
/// access file, the engine alone, and the whole replay from each — CPU time (user + sys of this process) and wall
/// time per phase, since a shared machine's wall time says little alone.
/// Usage: dotnet run -c Release --project bench/Tracemark.Benchmarks -- guard-phases STORE KEY ACCESS.csv
/// </summary>
internal static class GuardPhases
{
    public static void Run(string storePath, string keyPath, string accessPath)
    {
        // Twice: the first round includes the JIT's work (tiered compilation settles during it).
        for (var round = 1; round <= 2; round++)
        {
            Console.WriteLine($"round {round}");
            Round(storePath, keyPath, accessPath);
        }
    }

    private static void Round(string storePath, string keyPath, string accessPath)
    {
        using var store = KnownLeakStore.Open(new StoreLocation(storePath, keyPath), create: false);
        var owner = Measure("load owner (channels, units, canaries)", () => GuardReplay.Load(store, null, [], null, null));
        var rows = new List<GuardAccess>();
        Measure("read the store only (rows to numbers)", () => store.OwnerData.ReplaySpans(long.MinValue, long.MaxValue, (in Store.Owner.ReplaySpanRow r) =>
        {
            rows.Add(owner.Access(r));
            return true;
        }));
        Measure("parse the access file only", () =>
        {
            using var stream = File.OpenRead(accessPath);
            using var reader = new AccessBytes(stream, accessPath);
            using var spans = new GuardReplay.SpanRows(store, owner, accessPath, []);
            _ = reader.ReadHeader();
            spans.Columns(reader);
            long n = 0;
            while (reader.Next())
            {
                n += spans.TryRow(reader, out _) ? 1 : 0;
            }

            return n;
        });
        Measure("engine only (rows in memory)", () =>
        {
            var engine = GuardReplay.Load(store, null, [], null, null).Engine;
            foreach (var r in rows)
            {
                engine.Observe(r);
            }

            engine.Finish();
            return engine.Rows;
        });
        Measure("whole replay from the store (2 threads)", () => GuardReplay.FromStore(store).Rows);
        Measure("whole replay of the access file (2 threads)", () => GuardReplay.FromFile(store, accessPath).Rows);
        Console.WriteLine($"{rows.Count:N0} rows");
    }

    private static T Measure<T>(string what, Func<T> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = run();
        wall.Stop();
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        Console.WriteLine($"{what,-45} {used.TotalSeconds,7:0.000} s CPU {wall.Elapsed.TotalSeconds,7:0.000} s wall");
        return result;
    }
}
