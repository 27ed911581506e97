using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/CoachBot.Benchmarks -- --filter '*MessagesEndpoint*'
BenchmarkSwitcher.FromAssembly(typeof(CoachBot.Benchmarks.TurnBenchmarks).Assembly).Run(args);
