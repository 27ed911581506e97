using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CoachBot.Core.Classification;
using CoachBot.Core.Lookup;
using CoachBot.Core.Semantics;

namespace CoachBot.Benchmarks;

/// <summary>
/// A query the coach has never seen, as a seller meets it: embedded by the shipped sentence model (one ONNX thread) and
/// compared with every example; every call adds a number to the query so no cache answers it. Each iteration is one
/// query (one invocation), so the percentiles are those of single queries, not of averages over many.
/// Target: a first-time look-up, embedding included, in at most 25 ms at p99 in-process.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleQueryConfig))]
public class FirstTimeQueryBenchmarks
{
    private CoachUnderstanding _understanding = null!;
    private int _counter;

    [Params("model keeps inventing answers will finetuning fix it", "cio wants to teach the AI our SOPs", "how many GPUs for a 70B model")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _understanding = ShippedCoach.Understanding();

    [Benchmark(Description = "look-up, first time (embedding included)")]
    public LookupResult FirstTimeLookup() => _understanding.LookupAsync($"{Query} {++_counter}").GetAwaiter().GetResult();

    [Benchmark(Description = "classify, first time (embedding included)")]
    public NeedClassification FirstTimeClassify() => _understanding.ClassifyAsync($"{Query} {++_counter}").GetAwaiter().GetResult();

    private sealed class SingleQueryConfig : ManualConfig
    {
        public SingleQueryConfig()
        {
            // Slow queries are what a p99 is about: none is dropped as an outlier. In-process, as the target is stated
            // (and no build of a separate program, which times out on a busy machine).
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(20).WithIterationCount(300).WithInvocationCount(1).WithUnrollFactor(1)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
            // A query takes milliseconds: one per iteration is well above the timer's resolution.
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}

/// <summary>
/// What the coach answers without embedding: a query repeated (the answer cache), a query that is exactly a
/// glossary term or a tag of one phrase (read from its words: the "lexically certain" path, answer cache bypassed),
/// and the ranking alone once a query is embedded.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(PercentileConfig))]
public class UnderstandingBenchmarks
{
    private CoachUnderstanding _understanding = null!;
    private float[] _meaning = [];

    [Params("model keeps inventing answers will finetuning fix it", "cio wants to teach the AI our SOPs", "how many GPUs for a 70B model")]
    public string Query { get; set; } = "";

    /// <summary>A glossary term, answered from its words.</summary>
    private const string CertainQuery = "LoRA";

    [GlobalSetup]
    public void Setup()
    {
        _understanding = ShippedCoach.Understanding();
        _meaning = _understanding.MeaningAsync(Query).AsTask().GetAwaiter().GetResult();
        if (!_understanding.Phrases.IsLexicallyCertain(CertainQuery))
            throw new InvalidOperationException($"\"{CertainQuery}\" is not read from its words alone: pick another certain query.");
        _understanding.LookupAsync(Query).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "look-up, repeated (answer cache)")]
    public LookupResult RepeatedLookup() => _understanding.LookupAsync(Query).GetAwaiter().GetResult();

    [Benchmark(Description = "look-up, lexically certain (no embedding, answer cache bypassed)")]
    public LookupResult LexicallyCertainLookup() =>
        _understanding.Phrases.IsLexicallyCertain(CertainQuery) ? _understanding.Phrases.Search(CertainQuery, []) : throw new InvalidOperationException();

    [Benchmark(Description = "look-up, ranking only (query already embedded)")]
    public LookupResult RankingOnly() => _understanding.Phrases.Search(Query, _meaning);

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P95, StatisticColumn.Max);
    }
}

/// <summary>The 99th percentile of the iterations (BenchmarkDotNet's own columns stop at the 95th).</summary>
internal sealed class P99Column : IColumn
{
    public string Id => "P99";
    public string ColumnName => "P99";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => "99th percentile of the iterations";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics
            ? (statistics.Percentiles.Percentile(99) / 1_000_000).ToString("0.00 'ms'", style.CultureInfo)
            : "-";
}
