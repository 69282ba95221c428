using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tracemark.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
// dotnet run -c Release --project bench/Tracemark.Benchmarks -- guard-phases STORE KEY ACCESS.csv   (a stopwatch breakdown)
if (args is ["guard-phases", var store, var key, var access])
{
    Tracemark.Benchmarks.GuardPhases.Run(store, key, access);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Tracemark.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
