using CoachBot.Core.Playbook;

namespace CoachBot.Core.Lookup;

/// <summary>
/// Picks the identity analogy a query asks for ("analogy for fine-tuning", "okta analogy rag", "pki analogy").
/// A playbook holds a handful of analogies, so each is scored directly against the query's terms.
/// </summary>
internal sealed class AnalogyMatcher
{
    // The approach an analogy explains and its identity concept decide the match; its prose only nudges it.
    private const float NameWeight = 3f;
    private const float AliasWeight = 2f;
    private const float ProseWeight = 0.5f;
    /// <summary>At least one name-level hit, even through two typos.</summary>
    private const float MinimumScore = NameWeight * 0.6f;

    private readonly (Analogy Analogy, Dictionary<int, float> Weights)[] _analogies;

    public AnalogyMatcher(PlaybookContent playbook, TextAnalyzer analyzer)
    {
        _analogies = new (Analogy, Dictionary<int, float>)[playbook.Analogies.Count];
        for (var i = 0; i < _analogies.Length; i++)
        {
            var analogy = playbook.Analogies[i];
            var weights = new Dictionary<int, float>();
            Add(weights, analyzer, analogy.Approach, NameWeight);
            Add(weights, analyzer, analogy.Concept, NameWeight);
            foreach (var approach in playbook.Approaches)
            {
                if (approach.Id == analogy.Approach)
                    Add(weights, analyzer, approach.Name, NameWeight);
            }
            foreach (var term in playbook.Glossary)
            {
                if (term.Id != analogy.Approach)
                    continue;
                Add(weights, analyzer, term.Term, AliasWeight);
                foreach (var alias in term.Aliases)
                    Add(weights, analyzer, alias, AliasWeight);
            }
            foreach (var prose in (string[])[analogy.Mapping, analogy.Holds, analogy.Breaks, analogy.BuyerLine])
                Add(weights, analyzer, prose, ProseWeight);
            _analogies[i] = (analogy, weights);
        }
    }

    public int Count => _analogies.Length;

    public Analogy this[int index] => _analogies[index].Analogy;

    /// <summary>The best-scoring analogy for the query terms, or null when none is named clearly enough.</summary>
    public Analogy? Find(ReadOnlySpan<int> terms, ReadOnlySpan<byte> distances)
    {
        Analogy? best = null;
        var bestScore = MinimumScore - 0.001f;
        foreach (var (analogy, weights) in _analogies)
        {
            var score = 0f;
            for (var i = 0; i < terms.Length; i++)
            {
                if (terms[i] >= 0 && weights.TryGetValue(terms[i], out var weight))
                    score += weight * PhraseIndex.TypoFactor(distances[i]);
            }
            if (score > bestScore)
            {
                best = analogy;
                bestScore = score;
            }
        }
        return best;
    }

    private static void Add(Dictionary<int, float> weights, TextAnalyzer analyzer, string text, float weight)
    {
        foreach (var token in analyzer.AnalyzeContent(text))
        {
            if (token.TermId < 0 || token.Role is not (WordRole.Content or WordRole.IdentityCue))
                continue;
            var value = token.IsPart ? weight * 0.5f : weight;
            if (!weights.TryGetValue(token.TermId, out var existing) || existing < value)
                weights[token.TermId] = value;
        }
    }
}
