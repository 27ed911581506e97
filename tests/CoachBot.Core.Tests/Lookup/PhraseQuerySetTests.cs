using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;
using CoachBot.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>The labelled seller queries (TestData/phrase-queries.yaml) against the shipped playbook.</summary>
public class PhraseQuerySetTests(ITestOutputHelper output)
{
    private static readonly PlaybookContent Shipped = PlaybookLoader.LoadEmbedded();
    private static readonly PhraseIndex Index = new(Shipped);
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Queries =
        TestDataFile.ReadList("phrase-queries.yaml", "queries");

    [Fact]
    public void The_set_is_large_and_varied_enough_to_mean_something()
    {
        Assert.True(Queries.Count >= 70, $"{Queries.Count} queries");
        Assert.True(Queries.Count(q => q["expect"] == "none") >= 12);
        Assert.Contains(Queries, q => q["expect"].StartsWith("glossary:", StringComparison.Ordinal));
        Assert.Contains(Queries, q => q["expect"].StartsWith("analogy:", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_label_names_something_in_the_shipped_playbook()
    {
        foreach (var expected in Queries.Select(q => q["expect"]).Distinct())
        {
            var known = expected switch
            {
                "none" => true,
                _ when expected.StartsWith("glossary:", StringComparison.Ordinal) => Shipped.Glossary.Any(g => "glossary:" + g.Id == expected),
                _ when expected.StartsWith("analogy:", StringComparison.Ordinal) => Shipped.Analogies.Any(a => "analogy:" + a.Id == expected),
                _ => Shipped.Phrases.Any(p => p.Id == expected),
            };
            Assert.True(known, $"label '{expected}' is not in the shipped playbook");
        }
    }

    [Fact]
    public void Top_answer_is_right_for_at_least_95_percent_of_queries()
    {
        var misses = new List<string>();
        foreach (var query in Queries)
        {
            var result = Index.Search(query["query"]);
            var actual = result.Answer switch
            {
                LookupAnswer.Phrase => result.Matches[0].Phrase.Id,
                LookupAnswer.Term => "glossary:" + result.Term!.Id,
                LookupAnswer.Analogy => "analogy:" + result.Analogy!.Id,
                _ => "none",
            };
            if (actual != query["expect"])
                misses.Add($"'{query["query"]}': expected {query["expect"]}, got {actual}");
        }
        foreach (var miss in misses)
            output.WriteLine(miss);

        var accuracy = 1.0 - (double)misses.Count / Queries.Count;
        Assert.True(accuracy >= 0.95, $"top-1 accuracy {accuracy:P1}; misses:\n{string.Join('\n', misses)}");
    }

    [Fact]
    public void Unrelated_queries_get_suggestions_instead_of_a_row()
    {
        foreach (var query in Queries.Where(q => q["expect"] == "none"))
        {
            var result = Index.Search(query["query"]);
            Assert.True(result.IsNoMatch, $"'{query["query"]}' matched {result.Matches.FirstOrDefault()?.Phrase.Id}");
            Assert.NotEmpty(result.Suggestions);
        }
    }
}
