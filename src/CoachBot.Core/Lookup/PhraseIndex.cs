using System.Numerics;
using CoachBot.Core.Playbook;
using CoachBot.Core.Text;

namespace CoachBot.Core.Lookup;

/// <summary>
/// Answers a seller's mid-call look-up ("cost", "they said its more secure", "fien tuning", "what is RAG",
/// "okta analogy rag") with the don't-say/do-say lines that fit, a glossary definition or an identity analogy,
/// and nothing at all when nothing fits. Built once per playbook; safe to search from many threads.
/// </summary>
/// <remarks>
/// Ranking is weighted term matching over an inverted index: each query term adds its rarity (BM25 idf) times
/// the weight of the best field it appears in for that phrase; a synonym matched word for word adds a bonus.
/// Fagin's threshold algorithm over impact-ordered postings finds the top phrases without scoring every row
/// that shares a common word, and typos are resolved through a symmetric-delete index, so a look-up costs
/// about the same on ten thousand rows as on thirty.
/// A phrase is only returned when it explains at least half of the query's words (and two when there are two)
/// and scores at least what a tag-level hit on a moderately rare term scores, so unrelated queries get
/// suggestions, not a random row.
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
    /// <summary>A part of a hyphenated word ("tuning" in "fine-tuning") counts for half the whole word.</summary>
    private const float PartFactor = 0.5f;
    /// <summary>Each further field (don't-say, do-say, why, tags, synonyms) mentioning the term adds this share.</summary>
    private const float RepeatBonus = 0.1f;
    /// <summary>The most a single query term can add to one phrase, relative to its idf.</summary>
    private const float MaxTermImpact = TagWeight * (1 + RepeatBonus * 4) + SynonymPhraseBonus;
    /// <summary>Bonus per term of a multi-word synonym found word for word in the query (times its idf).</summary>
    private const float SynonymPhraseBonus = 1f;
    /// <summary>A phrase below this share of the best score is not worth showing next to it.</summary>
    private const float RunnerUpShare = 0.5f;
    private const int MaxSuggestions = 5;
    /// <summary>Only the start of an over-long query is read: a look-up is a few words, not a document.</summary>
    private const int MaxQueryChars = 500;
    private const int MaxQueryWords = 64;

    private readonly Phrase[] _phrases;
    private readonly TextAnalyzer _analyzer;
    // Postings in compressed-row form: term t's phrases are _postingPhrases[_postingStart[t].._postingStart[t+1]],
    // in playbook order, so a phrase is found in a term's list by binary search. The same slices of
    // _rankedPhrases/_rankedImpacts hold the postings again, highest impact first, for the threshold algorithm.
    private readonly int[] _postingStart;
    private readonly int[] _postingPhrases;
    private readonly float[] _postingImpacts;
    private readonly int[] _rankedPhrases;
    private readonly float[] _rankedImpacts;
    private readonly float[] _idf;
    private readonly float _unknownIdf;
    private readonly float _minimumScore;
    private readonly Dictionary<ulong, List<(int[] Terms, int Phrase)>> _synonymSequences = [];
    private readonly int _longestSynonym;
    private readonly GlossaryMatcher _glossary;
    private readonly AnalogyMatcher _analogies;
    private readonly string[] _commonTags;
    private readonly ThreadLocal<SearchScratch> _scratch;

    public PhraseIndex(PlaybookContent playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _phrases = [.. playbook.Phrases];
        _analyzer = new TextAnalyzer(new Vocabulary());
        RegisterVocabulary(playbook);

        var phraseTerms = new Dictionary<int, TermStats>[_phrases.Length];
        for (var p = 0; p < _phrases.Length; p++)
            phraseTerms[p] = CollectTerms(_phrases[p], p);

        var termCount = _analyzer.Vocabulary.Count;
        _postingStart = new int[termCount + 1];
        foreach (var terms in phraseTerms)
        {
            foreach (var term in terms.Keys)
                _postingStart[term + 1]++;
        }
        for (var t = 0; t < termCount; t++)
            _postingStart[t + 1] += _postingStart[t];
        _postingPhrases = new int[_postingStart[termCount]];
        _postingImpacts = new float[_postingStart[termCount]];
        var fill = _postingStart[..termCount];
        for (var p = 0; p < phraseTerms.Length; p++)
        {
            foreach (var (term, stats) in phraseTerms[p])
            {
                var slot = fill[term]++;
                _postingPhrases[slot] = p;
                _postingImpacts[slot] = stats.Impact;
            }
        }
        (_rankedPhrases, _rankedImpacts) = RankPostings(_postingStart, _postingPhrases, _postingImpacts);

        // Rarity is judged on weighted document frequency: a word that appears in many explanations but in few
        // tags is still a sharp key, so each phrase counts with its best field weight relative to a tag.
        var n = _phrases.Length;
        var weightedFrequency = new float[termCount];
        foreach (var terms in phraseTerms)
        {
            foreach (var (term, stats) in terms)
                weightedFrequency[term] += stats.Best / TagWeight;
        }
        _idf = new float[termCount];
        for (var t = 0; t < termCount; t++)
            _idf[t] = Idf(weightedFrequency[t], n);
        _unknownIdf = Idf(1f, Math.Max(n, 1));
        // The bar a phrase must clear: a tag-level hit on a term that a quarter of the rows share. In a small
        // playbook every term looks rare, so the bar never exceeds a tag-level hit on a term unique to one row
        // reached through two typos.
        _minimumScore = TagWeight * Math.Min(Idf(Math.Max(1f, n / 4f), Math.Max(n, 1)), TypoFactor(2) * _unknownIdf);
        _longestSynonym = _synonymSequences.Count == 0 ? 0 : _synonymSequences.Values.Max(l => l.Max(e => e.Terms.Length));
        _glossary = new GlossaryMatcher(playbook.Glossary, _analyzer);
        _analogies = new AnalogyMatcher(playbook, _analyzer);
        _commonTags = CommonTags(_phrases);
        _scratch = new ThreadLocal<SearchScratch>(() => new SearchScratch(n));
    }

    /// <summary>
    /// Finds up to <paramref name="max"/> phrases for <paramref name="query"/>, best first, or the glossary
    /// term or analogy it asks for. When nothing fits, the result has no matches and some suggestions.
    /// </summary>
    public LookupResult Search(string query, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        var scratch = _scratch.Value!;
        var text = query.AsSpan(0, Math.Min(query.Length, MaxQueryChars));
        var tokenCount = _analyzer.Analyze(text, scratch.Buffers, correctTypos: true, emitHyphenParts: false, scratch.Tokens);
        var analogyRequested = false;
        var hasComparison = false;
        var hasIdentity = false;
        var contentCount = 0;
        for (var i = 0; i < tokenCount; i++)
        {
            var token = scratch.Tokens[i];
            switch (token.Role)
            {
                case WordRole.AnalogyCue:
                    analogyRequested = true;
                    continue;
                case WordRole.ComparisonCue:
                    hasComparison = true;
                    continue;
                case WordRole.Stop:
                    continue;
                case WordRole.IdentityCue:
                    hasIdentity = true;
                    break;
            }
            scratch.Terms[contentCount] = token.TermId;
            scratch.Distances[contentCount] = token.Distance;
            scratch.Widths[contentCount] = token.Width;
            contentCount++;
        }
        var terms = scratch.Terms.AsSpan(0, contentCount);
        var distances = scratch.Distances.AsSpan(0, contentCount);

        analogyRequested |= hasComparison && hasIdentity;
        if (analogyRequested)
        {
            // An analogy request that names no approach gets the list of analogies, not a phrase matched on
            // whatever filler words were left ("give me an analogy").
            return _analogies.Find(terms, distances) is { } analogy
                ? new LookupResult(query, [], [], Analogy: analogy)
                : new LookupResult(query, [], AnalogySuggestions());
        }

        var term = _glossary.Find(terms);
        var matches = RankPhrases(scratch, contentCount, max, out var closest);
        if (matches.Count > 0 || term is not null)
            return new LookupResult(query, matches, [], Term: term);
        return new LookupResult(query, [], Suggest(closest ?? []));
    }

    /// <summary>How much a term found through a typo still counts.</summary>
    internal static float TypoFactor(int distance) => distance switch
    {
        0 => 1f,
        1 => 0.8f,
        2 => 0.6f,
        _ => 0.4f,
    };

    private List<PhraseMatch> RankPhrases(SearchScratch scratch, int contentCount, int max, out List<int>? closest)
    {
        var possible = 0f;
        var totalWidth = 0;
        for (var k = 0; k < contentCount; k++)
        {
            var term = scratch.Terms[k];
            totalWidth += scratch.Widths[k];
            possible += (term >= 0 ? _idf[term] : _unknownIdf) * MaxTermImpact;
            if (term < 0)
                continue;
            scratch.Weights[k] = _idf[term] * TypoFactor(scratch.Distances[k]);
            scratch.Cursors[k] = _postingStart[term];
        }
        // A phrase must explain half the query's words, and two of them when there are two or more: one known
        // word beside unknown ones ("kubernetes pricing") is a coincidence, not a topic.
        var requiredWidth = Math.Min(totalWidth, Math.Max(2, (totalWidth + 1) / 2));
        var search = new PhraseSearch(scratch, contentCount, requiredWidth, Math.Min(max, _phrases.Length));

        // A synonym matched word for word adds a bonus that no posting list shows, so those phrases go first.
        AddSynonymBonuses(scratch, contentCount);
        for (var i = 0; i < scratch.BonusCount; i++)
            Evaluate(ref search, scratch.BonusPhrases[i]);

        // Fagin's threshold algorithm: walk every term's postings from the highest impact down, scoring each new
        // phrase in full, and stop as soon as no phrase not yet seen could beat the results so far or reach the
        // bar at all. A common word therefore costs a few postings, not one per row that contains it.
        var scores = scratch.Scores;
        var best = scratch.Best;
        while (true)
        {
            var threshold = 0f;
            var frontier = -1;
            for (var k = 0; k < contentCount; k++)
            {
                var term = scratch.Terms[k];
                if (term < 0 || scratch.Cursors[k] >= _postingStart[term + 1])
                    continue;
                threshold += scratch.Weights[k] * _rankedImpacts[scratch.Cursors[k]];
                frontier = Math.Max(frontier, _rankedPhrases[scratch.Cursors[k]]);
            }
            if (frontier < 0 || threshold < _minimumScore)
                break;
            if (search.BestCount == search.Max)
            {
                // An unseen phrase scores at most the threshold, and a tie goes to the earlier row: any unseen
                // phrase that could tie sits at or after the frontier of every list.
                var last = best[search.Max - 1];
                if (threshold < scores[last] || (threshold == scores[last] && frontier > last))
                    break;
            }
            for (var k = 0; k < contentCount; k++)
            {
                var term = scratch.Terms[k];
                if (term < 0 || scratch.Cursors[k] >= _postingStart[term + 1])
                    continue;
                var phrase = _rankedPhrases[scratch.Cursors[k]++];
                if (!scratch.Seen[phrase])
                    Evaluate(ref search, phrase);
            }
        }

        var matches = new List<PhraseMatch>(search.BestCount);
        for (var i = 0; i < search.BestCount; i++)
        {
            var phrase = best[i];
            if (i > 0 && scores[phrase] < RunnerUpShare * scores[best[0]])
                break;
            matches.Add(new PhraseMatch(_phrases[phrase], Math.Min(1.0, scores[phrase] / possible)));
        }

        closest = null;
        if (matches.Count == 0)
        {
            // Rows that came closest, as a hint for the suggestions.
            var closeCount = 0;
            for (var i = 0; i < scratch.TouchedCount; i++)
                closeCount = Insert(best, closeCount, Math.Min(3, _phrases.Length), scratch.Touched[i], scores);
            closest = [.. best.AsSpan(0, closeCount)];
        }

        scratch.Reset();
        return matches;
    }

    /// <summary>Scores one phrase against every query term and keeps it in the top list if it qualifies.</summary>
    private void Evaluate(ref PhraseSearch search, int phrase)
    {
        var scratch = search.Scratch;
        scratch.Touch(phrase);
        var score = 0f;
        var mask = 0UL;
        for (var k = 0; k < search.ContentCount; k++)
        {
            var term = scratch.Terms[k];
            if (term < 0)
                continue;
            var start = _postingStart[term];
            var slot = Array.BinarySearch(_postingPhrases, start, _postingStart[term + 1] - start, phrase);
            if (slot < 0)
                continue;
            score += scratch.Weights[k] * _postingImpacts[slot];
            mask |= 1UL << k;
        }
        score += scratch.Bonuses[phrase];
        scratch.Scores[phrase] = score;
        if (score >= _minimumScore && CoveredWidth(scratch, mask, search.ContentCount) >= search.RequiredWidth)
            search.BestCount = Insert(scratch.Best, search.BestCount, search.Max, phrase, scratch.Scores);
    }

    private void AddSynonymBonuses(SearchScratch scratch, int contentCount)
    {
        // Words the playbook does not know cannot be part of a synonym, so they do not break one up:
        // "when is fine tuning actually right" still contains "when is fine-tuning right".
        var known = scratch.KnownTerms;
        var knownCount = 0;
        for (var k = 0; k < contentCount; k++)
        {
            if (scratch.Terms[k] >= 0)
                known[knownCount++] = scratch.Terms[k];
        }
        var terms = known.AsSpan(0, knownCount);
        for (var start = 0; start + 1 < knownCount; start++)
        {
            for (var length = 2; length <= _longestSynonym && start + length <= knownCount; length++)
            {
                var window = terms.Slice(start, length);
                if (!_synonymSequences.TryGetValue(TermSequence.Hash(window), out var entries))
                    continue;
                foreach (var (sequence, phrase) in entries)
                {
                    if (!window.SequenceEqual(sequence))
                        continue;
                    var bonus = 0f;
                    foreach (var term in sequence)
                        bonus += _idf[term] * SynonymPhraseBonus;
                    scratch.AddBonus(phrase, bonus);
                }
            }
        }
    }

    private static int CoveredWidth(SearchScratch scratch, ulong mask, int contentCount)
    {
        var width = 0;
        while (mask != 0)
        {
            var k = BitOperations.TrailingZeroCount(mask);
            if (k < contentCount)
                width += scratch.Widths[k];
            mask &= mask - 1;
        }
        return width;
    }

    /// <summary>Inserts <paramref name="phrase"/> into the sorted top list; returns the new length.</summary>
    private static int Insert(int[] best, int count, int max, int phrase, float[] scores)
    {
        var score = scores[phrase];
        var position = count;
        while (position > 0 && (scores[best[position - 1]] < score
            || (scores[best[position - 1]] == score && best[position - 1] > phrase)))
            position--;
        if (position >= max)
            return count;
        var newCount = Math.Min(count + 1, max);
        for (var i = newCount - 1; i > position; i--)
            best[i] = best[i - 1];
        best[position] = phrase;
        return newCount;
    }

    private List<string> Suggest(List<int> closest)
    {
        var suggestions = new List<string>(MaxSuggestions);
        foreach (var phrase in closest)
        {
            if (_phrases[phrase].Tags is [var tag, ..] && !suggestions.Contains(tag))
                suggestions.Add(tag);
        }
        foreach (var tag in _commonTags)
        {
            if (suggestions.Count >= MaxSuggestions)
                break;
            if (!suggestions.Contains(tag))
                suggestions.Add(tag);
        }
        return suggestions;
    }

    private List<string> AnalogySuggestions()
    {
        var suggestions = new List<string>(_analogies.Count);
        for (var i = 0; i < _analogies.Count; i++)
            suggestions.Add($"analogy for {_analogies[i].Approach}");
        return suggestions;
    }

    private void RegisterVocabulary(PlaybookContent playbook)
    {
        foreach (var phrase in playbook.Phrases)
        {
            _analyzer.Register(phrase.DontSay);
            _analyzer.Register(phrase.DoSay);
            _analyzer.Register(phrase.Why);
            foreach (var tag in phrase.Tags)
                _analyzer.Register(tag);
            foreach (var synonym in phrase.Synonyms)
                _analyzer.Register(synonym);
        }
        foreach (var term in playbook.Glossary)
        {
            _analyzer.Register(term.Term);
            foreach (var alias in term.Aliases)
                _analyzer.Register(alias);
        }
        foreach (var analogy in playbook.Analogies)
        {
            foreach (var text in (string[])[analogy.Approach, analogy.Concept, analogy.Mapping, analogy.Holds, analogy.Breaks, analogy.BuyerLine])
                _analyzer.Register(text);
        }
        foreach (var approach in playbook.Approaches)
            _analyzer.Register(approach.Name);
    }

    private Dictionary<int, TermStats> CollectTerms(Phrase phrase, int index)
    {
        var terms = new Dictionary<int, TermStats>();
        AddField(terms, phrase.DontSay, DontSayWeight, Field.DontSay);
        AddField(terms, phrase.DoSay, DoSayWeight, Field.DoSay);
        AddField(terms, phrase.Why, WhyWeight, Field.Why);
        foreach (var tag in phrase.Tags)
            AddField(terms, tag, TagWeight, Field.Tags);
        foreach (var synonym in phrase.Synonyms)
        {
            var tokens = AddField(terms, synonym, SynonymWeight, Field.Synonyms);
            if (TermSequence.ContentTerms(tokens) is { Length: >= 2 } sequence)
            {
                var hash = TermSequence.Hash(sequence);
                if (!_synonymSequences.TryGetValue(hash, out var entries))
                    _synonymSequences[hash] = entries = [];
                entries.Add((sequence, index));
            }
        }
        return terms;
    }

    private List<AnalyzedToken> AddField(Dictionary<int, TermStats> terms, string text, float weight, Field field)
    {
        var tokens = _analyzer.AnalyzeContent(text);
        foreach (var token in tokens)
        {
            if (token.TermId < 0 || token.Role is not (WordRole.Content or WordRole.IdentityCue))
                continue;
            var value = token.IsPart ? weight * PartFactor : weight;
            terms[token.TermId] = terms.TryGetValue(token.TermId, out var stats) ? stats.With(value, field) : new TermStats(value, field);
        }
        return tokens;
    }

    private static string[] CommonTags(Phrase[] phrases)
    {
        var counts = new Dictionary<string, (int Count, int First)>(StringComparer.OrdinalIgnoreCase);
        var order = 0;
        foreach (var phrase in phrases)
        {
            foreach (var tag in phrase.Tags)
                counts[tag] = counts.TryGetValue(tag, out var seen) ? (seen.Count + 1, seen.First) : (1, order++);
        }
        return [.. counts.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Value.First).Take(MaxSuggestions).Select(c => c.Key)];
    }

    private static float Idf(float documentFrequency, int documentCount) =>
        documentFrequency <= 0 ? 0f : MathF.Log(1f + (documentCount - documentFrequency + 0.5f) / (documentFrequency + 0.5f));

    /// <summary>Copies each term's postings ordered by impact, highest first, ties in playbook order.</summary>
    private static (int[] Phrases, float[] Impacts) RankPostings(int[] starts, int[] phrases, float[] impacts)
    {
        // Positive floats order like their bit patterns, so one long key sorts by impact, then by phrase.
        var keys = new long[phrases.Length];
        for (var slot = 0; slot < phrases.Length; slot++)
            keys[slot] = ((long)(int.MaxValue - BitConverter.SingleToInt32Bits(impacts[slot])) << 32) | (uint)phrases[slot];
        for (var term = 0; term + 1 < starts.Length; term++)
            Array.Sort(keys, starts[term], starts[term + 1] - starts[term]);
        var rankedPhrases = new int[phrases.Length];
        var rankedImpacts = new float[phrases.Length];
        for (var slot = 0; slot < keys.Length; slot++)
        {
            rankedPhrases[slot] = (int)(uint)keys[slot];
            rankedImpacts[slot] = BitConverter.Int32BitsToSingle(int.MaxValue - (int)(keys[slot] >> 32));
        }
        return (rankedPhrases, rankedImpacts);
    }

    /// <summary>The state of one ranking: how full the top list is and what a phrase must meet to enter it.</summary>
    private struct PhraseSearch(SearchScratch scratch, int contentCount, int requiredWidth, int max)
    {
        public readonly SearchScratch Scratch = scratch;
        public readonly int ContentCount = contentCount;
        public readonly int RequiredWidth = requiredWidth;
        public readonly int Max = max;
        public int BestCount;
    }

    [Flags]
    private enum Field { DontSay = 1, DoSay = 2, Why = 4, Tags = 8, Synonyms = 16 }

    /// <summary>A term's best field weight in one phrase and the fields it appears in.</summary>
    private readonly record struct TermStats(float Best, Field Fields)
    {
        public TermStats With(float weight, Field field) => new(Math.Max(Best, weight), Fields | field);

        public float Impact => Best * (1 + RepeatBonus * (BitOperations.PopCount((uint)Fields) - 1));
    }

    /// <summary>Per-thread working memory for one search at a time.</summary>
    private sealed class SearchScratch(int phraseCount)
    {
        public readonly AnalysisBuffers Buffers = new(MaxQueryChars, MaxQueryWords);
        public readonly AnalyzedToken[] Tokens = new AnalyzedToken[MaxQueryWords];
        public readonly int[] Terms = new int[MaxQueryWords];
        public readonly int[] KnownTerms = new int[MaxQueryWords];
        public readonly byte[] Distances = new byte[MaxQueryWords];
        public readonly byte[] Widths = new byte[MaxQueryWords];
        public readonly float[] Weights = new float[MaxQueryWords];
        public readonly int[] Cursors = new int[MaxQueryWords];
        public readonly float[] Scores = new float[phraseCount];
        public readonly float[] Bonuses = new float[phraseCount];
        public readonly int[] BonusPhrases = new int[phraseCount];
        public readonly bool[] Seen = new bool[phraseCount];
        public readonly int[] Touched = new int[phraseCount];
        public readonly int[] Best = new int[Math.Max(phraseCount, 3) + 1];
        public int TouchedCount;
        public int BonusCount;

        public void AddBonus(int phrase, float bonus)
        {
            if (Bonuses[phrase] == 0)
                BonusPhrases[BonusCount++] = phrase;
            Bonuses[phrase] += bonus;
        }

        public void Touch(int phrase)
        {
            if (Seen[phrase])
                return;
            Seen[phrase] = true;
            Touched[TouchedCount++] = phrase;
        }

        /// <summary>Clears only what this search wrote, so the next search starts clean at no extra cost.</summary>
        public void Reset()
        {
            for (var i = 0; i < TouchedCount; i++)
            {
                var phrase = Touched[i];
                Scores[phrase] = 0;
                Bonuses[phrase] = 0;
                Seen[phrase] = false;
            }
            TouchedCount = 0;
            BonusCount = 0;
        }
    }
}
