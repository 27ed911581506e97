using BenchmarkDotNet.Running;

// Anchored on a benchmark type: "Program" alone would be ambiguous with CoachBot.Server's (referenced for the
// /api/messages benchmark). Example: dotnet run -c Release --project bench/CoachBot.Benchmarks -- --filter '*MessagesEndpoint*'
BenchmarkSwitcher.FromAssembly(typeof(CoachBot.Benchmarks.TurnBenchmarks).Assembly).Run(args);
