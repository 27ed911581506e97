using CoachBot.Core.Playbook;

namespace CoachBot.Core.Lookup;

/// <summary>
/// Recognises a query that names a glossary term and nothing else ("RAG", "what is RAG", "define LoRA",
/// "context window"): its content words, in order, equal the term's name or one of its aliases.
/// </summary>
internal sealed class GlossaryMatcher
{
    private readonly Dictionary<ulong, List<(int[] Terms, GlossaryTerm Entry)>> _keys = [];

    public GlossaryMatcher(IEnumerable<GlossaryTerm> glossary, TextAnalyzer analyzer)
    {
        foreach (var entry in glossary)
        {
            Add(entry.Term, entry, analyzer);
            foreach (var alias in entry.Aliases)
                Add(alias, entry, analyzer);
        }
    }

    /// <summary>The term whose name or alias is exactly <paramref name="terms"/>, or null.</summary>
    public GlossaryTerm? Find(ReadOnlySpan<int> terms)
    {
        if (terms.IsEmpty || !_keys.TryGetValue(TermSequence.Hash(terms), out var candidates))
            return null;
        foreach (var (key, entry) in candidates)
        {
            if (terms.SequenceEqual(key))
                return entry;
        }
        return null;
    }

    /// <summary>
    /// The glossary term whose name or alias appears anywhere in <paramref name="terms"/>, the longest first
    /// ("infrence meaning llm" names inference), or null.
    /// </summary>
    public GlossaryTerm? FindWithin(ReadOnlySpan<int> terms)
    {
        for (var length = terms.Length; length >= 1; length--)
        {
            for (var start = 0; start + length <= terms.Length; start++)
            {
                if (Find(terms.Slice(start, length)) is { } entry)
                    return entry;
            }
        }
        return null;
    }

    private void Add(string text, GlossaryTerm entry, TextAnalyzer analyzer)
    {
        if (TermSequence.ContentTerms(analyzer.AnalyzeContent(text)) is not { } terms)
            return;
        var hash = TermSequence.Hash(terms);
        if (!_keys.TryGetValue(hash, out var list))
            _keys[hash] = list = [];
        // The first term to claim a wording keeps it: playbook order decides between overlapping aliases.
        foreach (var (existing, _) in list)
        {
            if (existing.AsSpan().SequenceEqual(terms))
                return;
        }
        list.Add((terms, entry));
    }
}
