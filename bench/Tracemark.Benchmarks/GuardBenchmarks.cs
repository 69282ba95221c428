using BenchmarkDotNet.Attributes;
using Tracemark.Guard;
using Tracemark.Store;
using Tracemark.Synthetic.Owners;
using Tracemark.Tracing.Owner;

namespace Tracemark.Benchmarks;

/// <summary>
/// `tracemark guard`'s replay (issue 19: ≥ 1 M access rows/s): the simulated owner's history (56 days, ~0.6 M rows)
/// replayed from a SQLite store — the store read with names turned into numbers on one core, the engine on the
/// other — and the engine alone over the same rows in memory. Rows per second = rows ÷ mean.
/// </summary>
[MemoryDiagnoser]
public class GuardBenchmarks
{
    private string _dir = string.Empty;
    private KnownLeakStore? _store;
    private InsiderLog? _log;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "tracemark-bench-guard-" + Environment.ProcessId);
        Directory.CreateDirectory(_dir);
        _log = InsiderLog.Generate(new InsiderOptions(), 2);
        _log.Write(_dir, 2);
        _store = KnownLeakStore.Open(new StoreLocation(Path.Combine(_dir, "s.db"), Path.Combine(_dir, "s.key")), create: true);
        var owner = new OwnerStore(_store);
        owner.ImportChannels(Path.Combine(_dir, "channels.csv"));
        owner.ImportCustomers(Path.Combine(_dir, "customers.csv"));
        owner.ImportAccess(Path.Combine(_dir, "access.csv"));
        Console.WriteLine($"// guard replay: {_log.Accesses.Count:N0} rows");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The store's whole history through the guard, as `tracemark guard` runs it.</summary>
    [Benchmark(Baseline = true)]
    public long ReplayFromStore() => GuardReplay.FromStore(_store!).Rows;

    /// <summary>The engine alone, rows already in memory as numbers.</summary>
    [Benchmark]
    public long EngineOnly()
    {
        var log = _log!;
        var engine = new GuardEngine([.. log.Channels.Select(c => new GuardChannel(c.Name, c.Kind, c.Unit))], [.. log.CustomerUnits], log.Canaries);
        foreach (var a in log.Accesses)
        {
            engine.Observe(new GuardAccess(a.Time, a.Channel, a.Customer, (GuardAction)(byte)a.Action, a.Device, a.Ip));
        }

        engine.Finish();
        return engine.Rows;
    }
}
