using CoachBot.Core.Classification;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Lookup;

/// <summary>
/// Answers a seller's mid-call look-up with the don't-say / do-say lines that fit, a glossary definition or an
/// identity analogy — or an honest "no match" with suggestions. Two readings are joined: the words of the query
/// against the playbook's own wording (<see cref="PhraseIndex"/>: fast, typo-tolerant, explainable), and its meaning
/// against how sellers ask for each answer (sentence embeddings of lookup-examples.yaml and the lines themselves), so
/// "model keeps inventing answers, will finetuning fix it" finds the hallucination line though it shares few words.
/// </summary>
/// <remarks>
/// Each answer (phrase, glossary term, analogy) scores the mean similarity of its closest example wordings plus a
/// weighted share of its lexical score. The playbook also lists what it does not answer (examples of `none`: Okta
/// pricing, GPU sizing, AI law...): a query nearer to those than to any answer, or whose best answer scores under the
/// threshold, gets "no match" instead of a confident wrong line. When some answer fits, two readings fitted on the
/// example wordings at load reorder the answers: a linear one over their embeddings and one over their words. The
/// weights and thresholds are fitted on the tuning set (tests/CoachBot.Core.Tests/TestData) plus development wording
/// kept outside the repository, and checked on two held-out sets; see the README's understanding figures.
/// </remarks>
public sealed class PhraseFinder
{
    /// <summary>How the two readings are weighed; fitted on the tuning and development wording, never on the held-out sets.</summary>
    public sealed record Settings
    {
        /// <summary>How many of an answer's closest example wordings are averaged into its semantic score.</summary>
        public int Neighbours { get; init; } = 3;
        /// <summary>Weight of a phrase's lexical score (0..1) beside its semantic score.</summary>
        public double LexicalWeight { get; init; } = 0.3;
        /// <summary>Added to a glossary term the query names exactly ("what is RAG", "LoRA").</summary>
        public double ExactTermBonus { get; init; } = 0.4;
        /// <summary>Added to the glossary term a query names when it asks what something means ("infrence meaning llm").</summary>
        public double DefinitionBonus { get; init; } = 0.08;
        /// <summary>Added to analogies when the query asks for one ("analogy", "like ... in identity").</summary>
        public double AnalogyBonus { get; init; } = 0.15;
        /// <summary>Added to the analogy of an approach named beside an identity word ("rag in okta terms").</summary>
        public double IdentityHintBonus { get; init; } = 0.08;
        /// <summary>The best answer must reach this, or the look-up is "no match".</summary>
        public double Threshold { get; init; } = 0.48;
        /// <summary>
        /// How much the score of the linear classifier fitted on the look-up texts (<see cref="RidgeClassifier"/>, one
        /// class per answer and one for "none") adds to each answer's similarity; 0 leaves it out. It learns which
        /// directions of the embedding tell answers apart, where the closest texts can share a sector or a sentence
        /// shape with the query instead. Development sets written by other engineers: top-1 1,215 -> 1,237 of 1,274.
        /// </summary>
        public double FittedWeight { get; init; } = 0.2;
        /// <summary>The fitted classifier's ridge penalty, per text.</summary>
        public double FittedPenalty { get; init; } = 0.01;
        /// <summary>
        /// How much the words reading (<see cref="NaiveBayesClassifier"/> over the look-up texts: which words sellers use
        /// when they ask for each answer) adds to an answer's rank; 0 leaves it out. It orders the answers only: the
        /// shares that decide which runners-up and related answers a card shows are taken of the scores without it, as
        /// its probabilities are sharp and would leave nothing close to the winner.
        /// </summary>
        public double WordsWeight { get; init; } = 0.2;
        /// <summary>
        /// A look-up judged "no match" is answered after all when the words reading gives the best-scored answer at least
        /// this probability and its fit reaches <see cref="ClosestFloor"/>; above 1 turns it off.
        /// </summary>
        public double WordsCertainty { get; init; } = 0.7;
        /// <summary>The words reading's evidence scale (see <see cref="NaiveBayesClassifier.Fit"/>).</summary>
        public double WordsEvidenceScale { get; init; } = 0.5;
        /// <summary>
        /// The words reading leaves out a term fewer look-up texts use: a word or pair only one or two of its 7,000 texts
        /// use tells about those texts, not about how sellers ask. Leaving them out changed no answer on the development
        /// sets and keeps the tables small (the server's idle memory target).
        /// </summary>
        public int WordsMinTexts { get; init; } = 3;
        /// <summary>"No match" also when the query is this much nearer to what the playbook does not answer.</summary>
        public double NoneMargin { get; init; } = 0.0;
        /// <summary>
        /// How many of the closest examples of what the playbook does not answer make its score. They are many unrelated
        /// topics (prices, regulations, GPUs, chit-chat), each with a few examples: a query is as off-topic as its one
        /// nearest topic, and averaging three let a question near one off-topic example ("carbon footprint of running
        /// llms") be answered by a line about running costs. Development sets 38-41: top-3 474 -> 478 of 480, no wrong
        /// "no match" added; tuning and held-out sets unchanged.
        /// </summary>
        public int NoneNeighbours { get; init; } = 1;
        /// <summary>A further phrase is shown only when it scores at least this share of the best.</summary>
        public double RunnerUpShare { get; init; } = 0.85;
        /// <summary>
        /// An answer not shown (of any kind) is offered as related when it scores at least this share of the best (and
        /// the threshold); see <see cref="LookupResult.Related"/>.
        /// </summary>
        public double RelatedShare { get; init; } = 0.85;
        /// <summary>On "no match", answers scoring at least this are still offered as the closest (see <see cref="LookupResult.Related"/>).</summary>
        public double ClosestFloor { get; init; } = 0.44;
        /// <summary>The most related answers offered.</summary>
        public int MaxRelated { get; init; } = 2;
        /// <summary>
        /// Weight (0..1) of the repaired reading (short forms written out, misspellings corrected) in a query's meaning,
        /// beside the reading as typed; 0 reads it as typed only.
        /// </summary>
        public double RepairedWeight { get; init; } = 0.5;
    }

    /// <summary>The most answers one look-up card shows: the lead, listed phrases and related answers together.</summary>
    public const int MaxAnswersShown = 3;

    private readonly PhraseIndex _lexical;
    private readonly SemanticIndex? _semantic;
    private readonly Settings _settings;
    private readonly Phrase[] _phrases;
    private readonly Dictionary<string, Phrase> _phrasesById;
    private readonly Dictionary<string, GlossaryTerm> _terms;
    private readonly Dictionary<string, Analogy> _analogies;
    private readonly HashSet<string> _certainKeys;
    /// <summary>Scores the answers in the order of the semantic index's labels.</summary>
    private readonly RidgeClassifier? _fitted;
    /// <summary>Reads the words of a query as one of the semantic index's labels, like <see cref="_fitted"/>.</summary>
    private readonly NaiveBayesClassifier? _words;
    /// <summary>An answer's class in the fitted and words readings.</summary>
    private readonly Dictionary<string, int> _classOf = new(StringComparer.Ordinal);

    internal PhraseFinder(PlaybookContent playbook, PhraseIndex lexical, SemanticIndex? semantic, Settings? settings = null)
    {
        _lexical = lexical;
        _semantic = semantic;
        _settings = settings ?? new Settings();
        _phrases = [.. lexical.Phrases];
        _phrasesById = _phrases.ToDictionary(AnswerLabels.Of, StringComparer.Ordinal);
        _terms = playbook.Glossary.ToDictionary(AnswerLabels.Of, StringComparer.Ordinal);
        _analogies = playbook.Analogies.ToDictionary(AnswerLabels.Of, StringComparer.Ordinal);
        _certainKeys = CertainKeys(playbook);
        if (semantic is not null && semantic.Labels.Count > 1)
        {
            if (_settings.FittedWeight > 0) _fitted = RidgeClassifier.FitOn(semantic, _settings.FittedPenalty);
            if (_settings.WordsWeight > 0) _words = NaiveBayesClassifier.Fit(semantic.Texts, semantic.Labels, 1, _settings.WordsEvidenceScale, _settings.WordsMinTexts);
            for (var i = 0; i < semantic.Labels.Count; i++) _classOf[semantic.Labels[i]] = i;
        }
    }

    /// <summary>
    /// True when <paramref name="query"/> is exactly a glossary term or alias, or a tag or synonym of one phrase and no
    /// other answer ("cost", "LoRA", "vendor lock-in"): its words say what it asks for, so no embedding is needed.
    /// </summary>
    public bool IsLexicallyCertain(string query) => _certainKeys.Contains(Text.TextNormalizer.Normalize(query));

    private static HashSet<string> CertainKeys(PlaybookContent playbook)
    {
        var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string text, string owner)
        {
            var key = Text.TextNormalizer.Normalize(text);
            if (key.Length == 0) return;
            (owners.TryGetValue(key, out var set) ? set : owners[key] = []).Add(owner);
        }
        foreach (var term in playbook.Glossary)
        {
            Add(term.Term, "glossary:" + term.Id);
            foreach (var alias in term.Aliases) Add(alias, "glossary:" + term.Id);
        }
        foreach (var phrase in playbook.Phrases)
        {
            foreach (var tag in phrase.Tags) Add(tag, phrase.Id);
            foreach (var synonym in phrase.Synonyms) Add(synonym, phrase.Id);
        }
        // A wording the look-up examples teach as another answer (or as none) is not certain; an example alone does not
        // make a wording certain either (a misspelt "infrence?" is read by meaning, not by its words).
        var named = owners.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var example in playbook.LookupExamples)
            foreach (var query in example.Queries) Add(query, example.Answer);
        return [.. owners.Where(o => o.Value.Count == 1 && named.Contains(o.Key)).Select(o => o.Key)];
    }

    /// <summary>See <see cref="Settings.RepairedWeight"/>.</summary>
    public double RepairedWeight => _settings.RepairedWeight;

    /// <summary>True when look-ups use meaning as well as words (an embedding model is configured).</summary>
    public bool IsSemantic => _semantic is not null;

    /// <summary>The lexical reading alone, for hosts configured without an embedding model.</summary>
    public PhraseIndex Lexical => _lexical;

    /// <summary>
    /// Looks up <paramref name="query"/>; <paramref name="meaning"/> is its embedding (the same model as the index), or
    /// empty to use the words alone.
    /// </summary>
    public LookupResult Search(string query, ReadOnlySpan<float> meaning, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_semantic is null || meaning.IsEmpty) return _lexical.Search(query, max);

        var reading = _lexical.Read(query);
        var similarity = _semantic.MeanOfClosest(meaning, _settings.Neighbours, PlaybookValidator.NoAnswer, _settings.NoneNeighbours);
        var asksDefinition = AsksForDefinition(query);

        Scored AnalogyScore(string label, Analogy analogy, bool asked) => Scored.Of(label, similarity.GetValueOrDefault(label, 0),
            (asked ? _settings.AnalogyBonus : 0)
            + (reading.Analogy == analogy ? _settings.ExactTermBonus : 0)
            + (reading.IdentityHint == analogy ? _settings.IdentityHintBonus : 0));
        // An answer fits when it reaches the threshold and the query is not nearer to what the playbook does not answer.
        var none = similarity.GetValueOrDefault(PlaybookValidator.NoAnswer, -1);
        bool Fits(Scored s) => s.Score >= _settings.Threshold && none <= similarity.GetValueOrDefault(s.Label, 0) + _settings.NoneMargin;
        // "like ... in okta" asks for an analogy, and then only an analogy leads. When none fits, the seller is more
        // likely quoting a buyer's comparison ("fine-tuning is just like editing a sign-on policy in okta"): the query is
        // read as any other, so the line that answers it can lead.
        var analogyAsked = reading.AnalogyRequested && _analogies.Any(a => Fits(AnalogyScore(a.Key, a.Value, asked: true)));

        var scored = new List<Scored>(similarity.Count);
        var phraseScores = new Dictionary<string, Scored>(_phrases.Length, StringComparer.Ordinal);
        for (var p = 0; p < _phrases.Length; p++)
        {
            var score = Scored.Of(_phrases[p].Id, similarity.GetValueOrDefault(_phrases[p].Id, 0) + _settings.LexicalWeight * reading.Scores[p]);
            phraseScores[_phrases[p].Id] = score;
            if (!analogyAsked) scored.Add(score);
        }
        foreach (var (label, term) in _terms)
        {
            if (analogyAsked) continue;
            scored.Add(Scored.Of(label, similarity.GetValueOrDefault(label, 0),
                (reading.Term == term ? _settings.ExactTermBonus : 0)
                + (asksDefinition && reading.TermWithin == term ? _settings.DefinitionBonus : 0)));
        }
        foreach (var (label, analogy) in _analogies) scored.Add(AnalogyScore(label, analogy, analogyAsked));
        scored.Sort(Scored.BestFirst);

        var winner = scored.Count > 0 ? scored[0] : Scored.Of("", double.MinValue);
        var nearerToOffTopic = none > similarity.GetValueOrDefault(winner.Label, 0) + _settings.NoneMargin;
        // An answer carried over the threshold by a bonus (an analogy the words name) while the query is nearer to what
        // the playbook does not answer gives way to the best answer that fits.
        var firstFitting = scored.FindIndex(Fits);
        if (firstFitting > 0)
        {
            scored.RemoveRange(0, firstFitting);
            (winner, nearerToOffTopic) = (scored[0], false);
        }
        var noMatch = firstFitting < 0;
        var words = default(double[]);
        // Jargon no example uses ("ARINC 424 records", "docket entries") can pull a query's meaning towards what the
        // playbook does not answer while its other words say plainly which line it wants ("fixed layout, no deviations").
        if (noMatch && _words is not null && scored.Count > 0 && _classOf.TryGetValue(scored[0].Label, out var nearest)
            && scored[0].Fit >= _settings.ClosestFloor && (words = _words.Posterior(query))[nearest] >= _settings.WordsCertainty)
            (noMatch, nearerToOffTopic) = (false, false);
        // The fitted and words readings order the answers; whether any answer fits at all is judged without them (but for
        // the words' certainty above), as a linear score or a word count is as large for "asdf qwerty" as for a real question.
        if (!noMatch && (_fitted is not null || _words is not null))
        {
            var fitted = _fitted?.Scores(RidgeClassifier.Scaled(meaning));
            words ??= _words?.Posterior(query);
            Scored Read(Scored s)
            {
                if (!_classOf.TryGetValue(s.Label, out var c)) return s;
                var score = s.Score + (fitted is null ? 0 : _settings.FittedWeight * fitted[c]);
                return s with { Score = score, Rank = score + (words is null ? 0 : _settings.WordsWeight * words[c]) };
            }
            for (var i = 0; i < scored.Count; i++) scored[i] = Read(scored[i]);
            foreach (var phrase in _phrases) phraseScores[phrase.Id] = Read(phraseScores[phrase.Id]);
            scored.Sort(Scored.BestFirst);
            winner = scored[0];
        }
        if (noMatch)
        {
            // An honest "no match" still offers the answers that came close, one tap away: a seller whose wording missed
            // a line by a little finds it without retyping; far from everything, only the suggested words remain.
            var closest = nearerToOffTopic ? [] : Offered(scored, _settings.ClosestFloor, [], _settings.MaxRelated);
            var suggestions = closest.Count > 0 ? []
                : reading.AnalogyRequested ? _lexical.AnalogySuggestions() : _lexical.Suggest(reading.Scores);
            return new LookupResult(query, [], suggestions) { Related = closest };
        }

        // A glossary term or analogy leads; phrases that also fit follow it. A phrase answer lists the runners-up close
        // to it. Phrases are listed only while they outrank every answer of another kind, so the card stays best first:
        // a closer analogy or term comes next, among the related answers, not after the third phrase.
        var chosen = _analogies.GetValueOrDefault(winner.Label);
        // The shares are of the winner's fit without its bonus: a term or analogy that leads because it was named or asked
        // for ("analogy for training") still lets the answers that fit nearly as well follow it.
        var floor = Math.Max(_settings.Threshold, _settings.RunnerUpShare * winner.Fit);
        var bestOtherKind = scored.Skip(1).Where(s => !_phrasesById.ContainsKey(s.Label)).Select(s => s.Rank).DefaultIfEmpty(double.MinValue).First();
        var matches = analogyAsked || chosen is not null
            ? []
            : _phrases
                .Select(p => (Phrase: p, Score: phraseScores[p.Id]))
                .Where(m => m.Phrase.Id == winner.Label || (m.Score.Score >= floor && m.Score.Rank >= bestOtherKind))
                .OrderByDescending(m => m.Score.Rank)
                .Take(max)
                .Select(m => new PhraseMatch(m.Phrase, Rounded(m.Score.Score)))
                .ToList();

        // The next-best answers of any kind the card does not show yet, from the scores already computed.
        var shown = new HashSet<string>(matches.Select(m => m.Phrase.Id), StringComparer.Ordinal) { winner.Label };
        var relatedFloor = Math.Max(_settings.Threshold, _settings.RelatedShare * winner.Fit);
        // A card offers at most three answers in all: a fourth or fifth would lengthen it without helping a seller mid-call.
        var leadsOtherKind = !_phrasesById.ContainsKey(winner.Label) ? 1 : 0;
        var room = Math.Max(0, MaxAnswersShown - matches.Count - leadsOtherKind);
        // Only an analogy leads when one is asked for and fits, but the seller may be quoting a buyer's comparison ("fine-tuning is
        // just like setting policies in Okta"), so the lines that fit nearly as well are offered after it.
        var candidates = scored;
        if (analogyAsked)
        {
            candidates = [.. scored, .. phraseScores.Values];
            candidates.Sort(Scored.BestFirst);
        }
        var related = Offered(candidates, relatedFloor, shown, Math.Min(_settings.MaxRelated, room));

        var result = chosen is not null ? new LookupResult(query, matches, [], Analogy: chosen)
            : _terms.TryGetValue(winner.Label, out var defined) ? new LookupResult(query, matches, [], Term: defined)
            : new LookupResult(query, matches, []);
        return result with { Related = related };
    }

    /// <summary>
    /// An answer's score (how well it fits, on which the card's floors and shares are taken) and its rank (the score
    /// plus the words reading, by which the answers are ordered).
    /// </summary>
    private readonly record struct Scored(string Label, double Score, double Rank, double Bonus)
    {
        public static Scored Of(string label, double fit, double bonus = 0) => new(label, fit + bonus, fit + bonus, bonus);
        /// <summary>The score without the bonus for being named or asked for: what the shares of the best are taken of.</summary>
        public double Fit => Score - Bonus;
        public static int BestFirst(Scored a, Scored b) => b.Rank.CompareTo(a.Rank);
    }

    private static double Rounded(double score) => Math.Round(Math.Clamp(score, 0, 1), 3);

    /// <summary>The best-ranked answers (of <paramref name="scored"/>, best first) scoring at least <paramref name="floor"/> and not shown yet.</summary>
    private List<RelatedAnswer> Offered(List<Scored> scored, double floor, HashSet<string> shown, int count) =>
        [.. scored.Where(s => s.Score >= floor && !shown.Contains(s.Label)).Take(count).Select(s => Related(s.Label, Rounded(s.Score)))];

    private RelatedAnswer Related(string label, double score) =>
        _analogies.TryGetValue(label, out var analogy) ? RelatedAnswer.For(analogy, score)
        : _terms.TryGetValue(label, out var term) ? RelatedAnswer.For(term, score)
        : RelatedAnswer.For(_phrasesById[label], score);

    /// <summary>"what is X", "define X", "X meaning", "what does X stand for": the seller wants the term explained.</summary>
    internal static bool AsksForDefinition(string query)
    {
        var words = Text.TextNormalizer.Words(query);
        if (words.Length == 0) return false;
        string[] openers = ["what", "whats", "define", "definition", "explain", "meaning"];
        string[] closers = ["mean", "means", "meaning", "stand", "stands", "definition"];
        return openers.Contains(words[0]) || closers.Contains(words[^1]) || (words.Length <= 3 && query.TrimEnd().EndsWith('?'));
    }
}
