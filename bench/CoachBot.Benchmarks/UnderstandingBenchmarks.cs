using BenchmarkDotNet.Attributes;
using CoachBot.Core.Classification;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using CoachBot.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Benchmarks;

/// <summary>
/// The hybrid look-up and the classifier as a seller meets them. "first time": a query never seen before, so it is
/// embedded by the shipped sentence model (one ONNX thread) and compared with every example; every iteration adds a
/// number to the query so the caches never answer it. "repeated": the same query again, answered from the cache.
/// Target: a first-time look-up, embedding included, in at most 25 ms at p99 in-process.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(PercentileConfig))]
public class UnderstandingBenchmarks
{
    private CoachUnderstanding _understanding = null!;
    private float[] _meaning = [];
    private int _counter;

    [Params("model keeps inventing answers will finetuning fix it", "cio wants to teach the AI our SOPs", "how many GPUs for a 70B model")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var playbook = PlaybookLoader.LoadEmbedded();
        _understanding = UnderstandingFactory.BuildAsync(playbook, new EmbeddingOptions(), NullLoggerFactory.Instance).GetAwaiter().GetResult();
        _meaning = _understanding.MeaningAsync(Query).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "look-up, first time (embedding included)")]
    public LookupResult FirstTimeLookup() => _understanding.LookupAsync($"{Query} {++_counter}").GetAwaiter().GetResult();

    [Benchmark(Description = "look-up, repeated (answer cache)")]
    public LookupResult RepeatedLookup() => _understanding.LookupAsync(Query).GetAwaiter().GetResult();

    [Benchmark(Description = "look-up, ranking only (query already embedded)")]
    public LookupResult RankingOnly() => _understanding.Phrases.Search(Query, _meaning);

    [Benchmark(Description = "classify, first time (embedding included)")]
    public NeedClassification FirstTimeClassify() => _understanding.ClassifyAsync($"{Query} {++_counter}").GetAwaiter().GetResult();

    private sealed class PercentileConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public PercentileConfig() => AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95, BenchmarkDotNet.Columns.StatisticColumn.Max);
    }
}
