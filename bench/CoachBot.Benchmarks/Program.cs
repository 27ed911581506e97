using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Anchored on a benchmark type: "Program" alone would be ambiguous with CoachBot.Server's (referenced for the
// /api/messages benchmark). Example: dotnet run -c Release --project bench/CoachBot.Benchmarks -- --filter '*MessagesEndpoint*'
// Building a benchmark's program takes more than the default two minutes when the two cores are shared.
BenchmarkSwitcher.FromAssembly(typeof(CoachBot.Benchmarks.TurnBenchmarks).Assembly)
    .Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
