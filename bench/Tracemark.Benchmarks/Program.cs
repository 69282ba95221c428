using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tracemark.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Tracemark.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
