using BenchmarkDotNet.Attributes;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;

namespace CoachBot.Benchmarks;

/// <summary>
/// One phrase look-up against the shipped playbook and generated ones of 100 and 10,000 rows, for a plain word,
/// a typo, a seller's half sentence, several topic words and a query that matches nothing. (In the generated
/// playbooks the single words are shared by a third of the rows, too vague to answer: those runs measure the
/// refusal, the multi-word query measures a match.)
/// Targets: median at most 20 µs on the shipped playbook, at most 1 ms on 10,000 rows, and 100x the rows
/// costing less than 10x the time.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PhraseLookupBenchmarks
{
    public enum PlaybookSource { Shipped, Generated100, Generated10000 }

    private PhraseIndex _index = null!;

    [Params(PlaybookSource.Shipped, PlaybookSource.Generated100, PlaybookSource.Generated10000)]
    public PlaybookSource Playbook { get; set; }

    [Params("cost", "securty", "they said its more secure", "compliance data residency", "weather in paris")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public void BuildIndex()
    {
        var shipped = PlaybookLoader.LoadEmbedded();
        var content = Playbook switch
        {
            PlaybookSource.Generated100 => GeneratedPlaybook.Create(100, shipped),
            PlaybookSource.Generated10000 => GeneratedPlaybook.Create(10_000, shipped),
            _ => shipped,
        };
        _index = new PhraseIndex(content);
    }

    [Benchmark]
    public LookupResult Search() => _index.Search(Query);
}
