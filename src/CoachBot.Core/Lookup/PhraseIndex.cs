using CoachBot.Core.Playbook;
using CoachBot.Core.Text;

namespace CoachBot.Core.Lookup;

/// <summary>
/// What the words of a look-up say, read against the playbook's own wording: each phrase's lexical score, the glossary
/// term or analogy the query names, and whether it asks for an analogy at all.
/// </summary>
internal sealed record LexicalReading(
    float[] Scores,
    bool[] Qualifies,
    GlossaryTerm? Term,
    GlossaryTerm? TermWithin,
    Analogy? Analogy,
    bool AnalogyRequested,
    Analogy? IdentityHint,
    int ContentWords,
    int UnknownWords);

/// <summary>
/// The lexical half of the look-up: weighted term matching of a query against each phrase's tags, synonyms and lines
/// ("cost", "they said its more secure", "fien tuning"), with typo correction and compound rejoining. Fast, and it
/// can say why it matched; <see cref="PhraseFinder"/> joins it with the sentence-embedding half.
/// </summary>
/// <remarks>
/// Each query term adds its rarity (BM25 idf) times the weight of the best field it appears in for that phrase; a
/// synonym matched word for word adds a bonus. A phrase qualifies when it explains at least half of the query's words
/// (and two when there are two) and scores at least what a tag-level hit on a moderately rare term scores. Every
/// phrase sharing a term is scored directly: a playbook holds tens of rows (a generated 10,000-row one is still
/// answered in microseconds, see the PhraseLookup benchmark), so no pruning algorithm is needed.
/// </remarks>
public sealed class PhraseIndex
{
    // Tags and synonyms are written as look-up keys; the don't-say line is what the buyer said; the do-say
    // line and the explanation are prose that shares words with many rows.
    private const float TagWeight = 3f;
    private const float SynonymWeight = 3f;
    private const float DontSayWeight = 2.5f;
    private const float DoSayWeight = 1.5f;
    private const float WhyWeight = 0.75f;
    /// <summary>Words of the look-up examples (lookup-examples.yaml): how sellers ask for the line, a weaker key than a tag.</summary>
    private const float ExampleWeight = 2f;
    /// <summary>A part of a hyphenated word ("tuning" in "fine-tuning") counts for half the whole word.</summary>
    private const float PartFactor = 0.5f;
    /// <summary>Each further field (don't-say, do-say, why, tags, synonyms) mentioning the term adds this share.</summary>
    private const float RepeatBonus = 0.1f;
    /// <summary>Bonus per term of a multi-word synonym found word for word in the query (times its idf).</summary>
    private const float SynonymPhraseBonus = 1f;
    /// <summary>The most a single query term can add to one phrase, relative to its idf.</summary>
    private const float MaxTermImpact = TagWeight * (1 + RepeatBonus * 5) + SynonymPhraseBonus;
    /// <summary>A phrase below this share of the best score is not worth showing next to it.</summary>
    private const float RunnerUpShare = 0.5f;
    private const int MaxSuggestions = 5;
    /// <summary>A negator turns down an analogy word at most this many words after it ("no analogies", "not an analogy please").</summary>
    private const int NegatorReach = 2;
    /// <summary>Only the start of an over-long query is read: a look-up is a few words, not a document.</summary>
    public const int MaxQueryChars = 500;
    private const int MaxQueryWords = 64;

    private readonly Phrase[] _phrases;
    private readonly TextAnalyzer _analyzer;
    /// <summary>Per term: the phrases that contain it and its impact there.</summary>
    private readonly Dictionary<int, (int Phrase, float Impact)[]> _postings = [];
    private readonly Dictionary<int, float> _idf = [];
    private readonly float _unknownIdf;
    private readonly float _minimumScore;
    /// <summary>Multi-word synonyms as term sequences, with the phrase each belongs to.</summary>
    private readonly List<(int[] Terms, int Phrase)> _synonymSequences = [];
    private readonly GlossaryMatcher _glossary;
    private readonly AnalogyMatcher _analogies;
    private readonly string[] _commonTags;
    private readonly Dictionary<string, string> _abbreviations;

    public PhraseIndex(PlaybookContent playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _phrases = [.. playbook.Phrases];
        _analyzer = new TextAnalyzer(new Vocabulary());
        RegisterVocabulary(playbook);

        var postings = new Dictionary<int, List<(int, float)>>();
        // Rarity is judged on weighted document frequency: a word that appears in many explanations but in few
        // tags is still a sharp key, so each phrase counts with its best field weight relative to a tag.
        var weightedFrequency = new Dictionary<int, float>();
        var examples = playbook.LookupExamples.ToLookup(e => e.Answer, e => e.Queries);
        for (var p = 0; p < _phrases.Length; p++)
        {
            foreach (var (term, stats) in CollectTerms(_phrases[p], p, examples[_phrases[p].Id].SelectMany(q => q)))
            {
                (postings.TryGetValue(term, out var list) ? list : postings[term] = []).Add((p, stats.Impact));
                weightedFrequency[term] = weightedFrequency.GetValueOrDefault(term) + stats.Best / TagWeight;
            }
        }
        foreach (var (term, list) in postings) _postings[term] = [.. list];
        var n = Math.Max(_phrases.Length, 1);
        foreach (var (term, frequency) in weightedFrequency) _idf[term] = Idf(frequency, n);
        _unknownIdf = Idf(1f, n);
        // The bar a phrase must clear: a tag-level hit on a term that a quarter of the rows share. In a small
        // playbook every term looks rare, so the bar never exceeds a tag-level hit on a term unique to one row
        // reached through two typos.
        _minimumScore = TagWeight * Math.Min(Idf(Math.Max(1f, n / 4f), n), TypoFactor(2) * _unknownIdf);
        _glossary = new GlossaryMatcher(playbook.Glossary, _analyzer);
        _analogies = new AnalogyMatcher(playbook, _analyzer);
        _commonTags = CommonTags(_phrases);
        _abbreviations = playbook.Abbreviations
            .GroupBy(a => a.Short.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key.ToLowerInvariant(), g => g.First().Means.Trim(), StringComparer.Ordinal);
    }

    /// <summary>Readies <see cref="Repaired"/> for the model's word list at load, so a seller's first query does not wait.</summary>
    internal void PrepareRepair(IReadOnlySet<string> ordinaryWords) => _analyzer.PrepareRepair(ordinaryWords);

    /// <summary>
    /// The query with its short forms written out (abbreviations.yaml) and its misspelt words corrected against the
    /// playbook's vocabulary, for a second reading by meaning; null when it reads the same. Only a word that neither
    /// the playbook nor <paramref name="ordinaryWords"/> (the model's whole words) knows is corrected; without that
    /// list, short forms alone are written out.
    /// </summary>
    internal string? Repaired(string query, IReadOnlySet<string>? ordinaryWords) =>
        _analyzer.Repair(query.Length > MaxQueryChars ? query[..MaxQueryChars] : query, _abbreviations, ordinaryWords);

    internal IReadOnlyList<Phrase> Phrases => _phrases;

    /// <summary>
    /// Finds up to <paramref name="max"/> phrases for <paramref name="query"/> by its words alone, best first, or the
    /// glossary term or analogy it asks for. When nothing fits, the result has no matches and some suggestions.
    /// </summary>
    public LookupResult Search(string query, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var reading = Read(query);
        if (reading.AnalogyRequested)
        {
            return reading.Analogy is { } analogy
                ? new LookupResult(query, [], [], Analogy: analogy)
                : new LookupResult(query, [], AnalogySuggestions());
        }
        var ranked = Enumerable.Range(0, _phrases.Length).Where(p => reading.Qualifies[p])
            .OrderByDescending(p => reading.Scores[p]).ThenBy(p => p).ToList();
        var matches = new List<PhraseMatch>();
        foreach (var p in ranked.Take(max))
        {
            if (matches.Count > 0 && reading.Scores[p] < RunnerUpShare * reading.Scores[ranked[0]]) break;
            matches.Add(new PhraseMatch(_phrases[p], reading.Scores[p]));
        }
        if (matches.Count > 0 || reading.Term is not null)
            return new LookupResult(query, matches, [], Term: reading.Term);
        return new LookupResult(query, [], Suggest(reading.Scores));
    }

    /// <summary>
    /// Reads <paramref name="query"/>: every phrase's score as a share (0..1) of what the query's words could score at
    /// most, whether it qualifies on its own, and the glossary term or analogy named.
    /// </summary>
    internal LexicalReading Read(string query)
    {
        var buffers = new AnalysisBuffers(MaxQueryChars, MaxQueryWords);
        var tokens = new AnalyzedToken[MaxQueryWords];
        var text = query.AsSpan(0, Math.Min(query.Length, MaxQueryChars));
        var tokenCount = _analyzer.Analyze(text, buffers, correctTypos: true, emitHyphenParts: false, tokens);

        var analogyRequested = false;
        var hasComparison = false;
        var hasIdentity = false;
        var lastNegator = -NegatorReach - 1;
        var content = new List<AnalyzedToken>(tokenCount);
        for (var i = 0; i < tokenCount; i++)
        {
            var token = tokens[i];
            switch (token.Role)
            {
                // "explain rag plainly, no analogies": an analogy turned down just before is not asked for.
                case WordRole.AnalogyCue: analogyRequested |= i - lastNegator > NegatorReach; continue;
                case WordRole.ComparisonCue: hasComparison = true; continue;
                case WordRole.Negator: lastNegator = i; continue;
                case WordRole.Stop: continue;
                case WordRole.IdentityCue: hasIdentity = true; break;
            }
            content.Add(token);
        }
        var terms = content.Select(t => t.TermId).ToArray();
        var distances = content.Select(t => t.Distance).ToArray();
        analogyRequested |= hasComparison && hasIdentity;
        // "rag in okta terms", "explain a base model to an idp admin": an identity word beside an approach the
        // analogies explain hints at the analogy; "where does identity come in once it's rag" does not ask for one,
        // so it is a hint for the ranking, not a request.
        var namedAnalogy = analogyRequested || hasIdentity ? _analogies.Find(terms, distances) : null;

        var scores = new float[_phrases.Length];
        var covered = new int[_phrases.Length];
        var possible = 0f;
        var totalWidth = 0;
        var unknown = 0;
        for (var k = 0; k < content.Count; k++)
        {
            var term = content[k].TermId;
            totalWidth += content[k].Width;
            // A word the playbook knows only from the glossary or analogies weighs nothing here; an unknown one weighs
            // as a rare word, so a query of unknown words cannot reach the bar by its few known ones.
            possible += (term >= 0 ? _idf.GetValueOrDefault(term) : _unknownIdf) * MaxTermImpact;
            if (term < 0) unknown++;
            if (term < 0 || !_postings.TryGetValue(term, out var list))
                continue;
            var weight = _idf[term] * TypoFactor(content[k].Distance);
            foreach (var (phrase, impact) in list)
            {
                scores[phrase] += weight * impact;
                covered[phrase] += content[k].Width;
            }
        }
        AddSynonymBonuses(terms, scores);

        // A phrase must explain half the query's words, and two of them when there are two or more: one known
        // word beside unknown ones ("kubernetes pricing") is a coincidence, not a topic.
        var requiredWidth = Math.Min(totalWidth, Math.Max(2, (totalWidth + 1) / 2));
        var qualifies = new bool[_phrases.Length];
        for (var p = 0; p < _phrases.Length; p++)
        {
            qualifies[p] = scores[p] >= _minimumScore && covered[p] >= requiredWidth;
            scores[p] = possible > 0 ? Math.Min(1f, scores[p] / possible) : 0f;
        }
        return new LexicalReading(scores, qualifies, _glossary.Find(terms), _glossary.FindWithin(terms), analogyRequested ? namedAnalogy : null,
            analogyRequested, hasIdentity ? namedAnalogy : null, content.Count, unknown);
    }

    /// <summary>How much a term found through a typo still counts.</summary>
    internal static float TypoFactor(int distance) => distance switch
    {
        0 => 1f,
        1 => 0.8f,
        2 => 0.6f,
        _ => 0.4f,
    };

    /// <summary>Tags of the phrases that came closest, then the most common tags: words the playbook does answer.</summary>
    internal List<string> Suggest(float[] scores)
    {
        var suggestions = new List<string>(MaxSuggestions);
        foreach (var p in Enumerable.Range(0, _phrases.Length).Where(p => scores[p] > 0).OrderByDescending(p => scores[p]).Take(3))
        {
            if (_phrases[p].Tags is [var tag, ..] && !suggestions.Contains(tag))
                suggestions.Add(tag);
        }
        foreach (var tag in _commonTags)
        {
            if (suggestions.Count >= MaxSuggestions) break;
            if (!suggestions.Contains(tag)) suggestions.Add(tag);
        }
        return suggestions;
    }

    internal List<string> AnalogySuggestions()
    {
        var suggestions = new List<string>(_analogies.Count);
        for (var i = 0; i < _analogies.Count; i++)
            suggestions.Add($"analogy for {_analogies[i].Approach}");
        return suggestions;
    }

    private void AddSynonymBonuses(int[] queryTerms, float[] scores)
    {
        // Words the playbook does not know cannot be part of a synonym, so they do not break one up:
        // "when is fine tuning actually right" still contains "when is fine-tuning right".
        var known = queryTerms.Where(t => t >= 0).ToArray();
        foreach (var (sequence, phrase) in _synonymSequences)
        {
            if (!Contains(known, sequence)) continue;
            var bonus = 0f;
            foreach (var term in sequence) bonus += _idf.GetValueOrDefault(term) * SynonymPhraseBonus;
            scores[phrase] += bonus;
        }
    }

    private static bool Contains(int[] terms, int[] sequence)
    {
        for (var start = 0; start + sequence.Length <= terms.Length; start++)
        {
            if (terms.AsSpan(start, sequence.Length).SequenceEqual(sequence)) return true;
        }
        return false;
    }

    private void RegisterVocabulary(PlaybookContent playbook)
    {
        foreach (var example in playbook.LookupExamples.SelectMany(e => e.Queries))
            _analyzer.Register(example);
        foreach (var phrase in playbook.Phrases)
        {
            _analyzer.Register(phrase.DontSay);
            _analyzer.Register(phrase.DoSay);
            _analyzer.Register(phrase.Why);
            foreach (var tag in phrase.Tags) _analyzer.Register(tag);
            foreach (var synonym in phrase.Synonyms) _analyzer.Register(synonym);
        }
        foreach (var term in playbook.Glossary)
        {
            _analyzer.Register(term.Term);
            foreach (var alias in term.Aliases) _analyzer.Register(alias);
        }
        foreach (var analogy in playbook.Analogies)
        {
            foreach (var text in (string[])[analogy.Approach, analogy.Concept, analogy.Mapping, analogy.Holds, analogy.Breaks, analogy.BuyerLine])
                _analyzer.Register(text);
        }
        foreach (var approach in playbook.Approaches) _analyzer.Register(approach.Name);
    }

    private Dictionary<int, TermStats> CollectTerms(Phrase phrase, int index, IEnumerable<string> examples)
    {
        var terms = new Dictionary<int, TermStats>();
        foreach (var example in examples) AddField(terms, example, ExampleWeight, Field.Examples);
        AddField(terms, phrase.DontSay, DontSayWeight, Field.DontSay);
        AddField(terms, phrase.DoSay, DoSayWeight, Field.DoSay);
        AddField(terms, phrase.Why, WhyWeight, Field.Why);
        foreach (var tag in phrase.Tags) AddField(terms, tag, TagWeight, Field.Tags);
        foreach (var synonym in phrase.Synonyms)
        {
            var tokens = AddField(terms, synonym, SynonymWeight, Field.Synonyms);
            if (TermSequence.ContentTerms(tokens) is { Length: >= 2 } sequence)
                _synonymSequences.Add((sequence, index));
        }
        return terms;
    }

    private List<AnalyzedToken> AddField(Dictionary<int, TermStats> terms, string text, float weight, Field field)
    {
        var tokens = _analyzer.AnalyzeContent(text);
        foreach (var token in tokens)
        {
            if (token.TermId < 0 || token.Role is not (WordRole.Content or WordRole.IdentityCue)) continue;
            var value = token.IsPart ? weight * PartFactor : weight;
            terms[token.TermId] = terms.TryGetValue(token.TermId, out var stats) ? stats.With(value, field) : new TermStats(value, field);
        }
        return tokens;
    }

    private static string[] CommonTags(Phrase[] phrases) =>
        [.. phrases.SelectMany(p => p.Tags).GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).Take(MaxSuggestions).Select(g => g.First())];

    private static float Idf(float documentFrequency, int documentCount) =>
        documentFrequency <= 0 ? 0f : MathF.Log(1f + (documentCount - documentFrequency + 0.5f) / (documentFrequency + 0.5f));

    [Flags]
    private enum Field { DontSay = 1, DoSay = 2, Why = 4, Tags = 8, Synonyms = 16, Examples = 32 }

    /// <summary>A term's best field weight in one phrase and the fields it appears in.</summary>
    private readonly record struct TermStats(float Best, Field Fields)
    {
        public TermStats With(float weight, Field field) => new(Math.Max(Best, weight), Fields | field);

        public float Impact => Best * (1 + RepeatBonus * (System.Numerics.BitOperations.PopCount((uint)Fields) - 1));
    }
}
