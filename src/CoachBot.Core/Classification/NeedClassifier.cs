using CoachBot.Core.Text;

namespace CoachBot.Core.Classification;

/// <summary>
/// Reads a buyer statement ("the CIO wants to fine-tune on our procurement policy so officers can ask
/// questions") and says which need it describes: behaviour, knowledge, both, training a model, or unclear.
/// Rule-based and explainable: every cue found is reported as a signal, and the dialog answers it implies
/// (need, data-changed, change) are filled in so the coach can skip questions the buyer already answered.
/// </summary>
public sealed class NeedClassifier
{
    /// <summary>Only the start of an over-long statement is read.</summary>
    private const int MaxStatementChars = 10_000;
    /// <summary>Words allowed between the words of a cue ("ask it questions", "own private LLM").</summary>
    private const int MaxGap = 2;
    private const int NegationReach = 3;
    private const int HedgeReach = 4;
    private const double HedgeFactor = 0.6;
    /// <summary>One clear cue decides a single need.</summary>
    private const double DecisiveScore = 1.0;
    /// <summary>Both needs must be stated about as clearly as a strong cue each to read as "both".</summary>
    private const double BothScore = 1.5;
    private const double TrainScore = 2.0;

    private static readonly char[] ClausePunctuation = ['.', ',', ';', ':', '!', '?', '(', ')', '\n', '\u2014', '\u2013'];

    private readonly (NeedCue Cue, string[] Stems)[] _cues;
    private readonly (RecencyCue Cue, string[] Stems)[] _recencyCues;
    private readonly HashSet<string> _changeStems;
    private readonly HashSet<string> _negators;
    private readonly HashSet<string> _hedges;
    private readonly HashSet<string> _clauseBreaks;

    public NeedClassifier()
    {
        // Longer wordings first, so "legal citations" claims its words before "citations" can.
        _cues = [.. NeedLexicon.Cues.Select(c => (c, Stems(c.Words))).OrderByDescending(c => c.Item2.Length)];
        _recencyCues = [.. NeedLexicon.RecencyCues.Select(c => (c, Stems(c.Words))).OrderByDescending(c => c.Item2.Length)];
        _changeStems = [.. NeedLexicon.ChangeWords.SelectMany(Stems)];
        _negators = [.. NeedLexicon.Negators.SelectMany(Words)];
        _hedges = [.. NeedLexicon.Hedges.SelectMany(Words)];
        _clauseBreaks = [.. NeedLexicon.ClauseBreaks];
    }

    public NeedClassification Classify(string buyerStatement)
    {
        ArgumentNullException.ThrowIfNull(buyerStatement);
        var words = Read(buyerStatement.AsSpan(0, Math.Min(buyerStatement.Length, MaxStatementChars)));
        var consumed = new bool[words.Count];

        var matches = new List<CueMatch>();
        foreach (var (cue, stems) in _cues)
        {
            if (Find(words, stems, consumed) is { } span)
                matches.Add(new CueMatch(span.Start, span.End, cue, null));
        }
        foreach (var (cue, stems) in _recencyCues)
        {
            if (Find(words, stems, consumed) is { } span && (cue.SaysChange || ClauseTalksAboutChange(words, span.Start)))
                matches.Add(new CueMatch(span.Start, span.End, null, cue));
        }
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        ApplyModifiers(words, matches, _negators, NegationReach, (m) => m with { Negated = true });
        ApplyModifiers(words, matches, _hedges, HedgeReach, (m) => m with { Hedged = true });

        var signals = new List<string>();
        var scores = new double[3];
        var changeScores = new Dictionary<string, double>();
        string? recency = null;
        foreach (var match in matches)
        {
            var quoted = $"\"{Quote(words, match)}\"";
            if (match.Negated)
            {
                signals.Add($"{quoted} -> ignored (negated)");
                continue;
            }
            if (match.Recency is { } recencyCue)
            {
                signals.Add($"{quoted} -> data-changed: {recencyCue.Answer}");
                if (recency is null || Frequency(recencyCue.Answer) > Frequency(recency))
                    recency = recencyCue.Answer;
                continue;
            }
            var cue = match.Cue!;
            var weight = match.Hedged ? cue.Weight * HedgeFactor : cue.Weight;
            scores[(int)cue.Dimension] += weight;
            if (cue.Change is { } change)
                changeScores[change] = changeScores.GetValueOrDefault(change) + weight;
            var reading = cue.Change is null ? Name(cue.Dimension) : $"{Name(cue.Dimension)}: {cue.Change}";
            signals.Add($"{quoted} -> {reading} ({cue.Reason}{(match.Hedged ? ", hedged" : "")})");
        }

        var (need, confidence) = Decide(scores[(int)NeedDimension.Knowledge], scores[(int)NeedDimension.Behavior],
            scores[(int)NeedDimension.Train]);
        var answers = new Dictionary<string, string>();
        if (need != Need.Unclear)
            answers["need"] = Name(need);
        if (recency is not null)
            answers["data-changed"] = recency;
        if (need is Need.Behavior or Need.Both && ClearWinner(changeScores) is { } kind)
            answers["change"] = kind;
        return new NeedClassification(need, Math.Round(confidence, 2), signals, answers);
    }

    private static (Need Need, double Confidence) Decide(double knowledge, double behavior, double train)
    {
        if (train >= TrainScore && train >= Math.Max(knowledge, behavior))
            return (Need.Train, Evidence(train) * train / (train + 0.5 * Math.Max(knowledge, behavior)));
        if (knowledge >= BothScore && behavior >= BothScore)
            return (Need.Both, Evidence(2 * Math.Min(knowledge, behavior)));
        if (knowledge >= DecisiveScore && knowledge > behavior)
            return (Need.Knowledge, Evidence(knowledge) * knowledge / (knowledge + behavior));
        if (behavior >= DecisiveScore && behavior > knowledge)
            return (Need.Behavior, Evidence(behavior) * behavior / (knowledge + behavior));
        // Weak or balanced cues: worth a question, not a verdict. Confidence stays below 0.3.
        return (Need.Unclear, 0.3 * Evidence(knowledge + behavior + train));
    }

    /// <summary>Maps accumulated cue weight to 0..1: one strong cue about 0.6, three about 0.95.</summary>
    private static double Evidence(double score) => 1 - Math.Exp(-score / 2);

    private static string? ClearWinner(Dictionary<string, double> changeScores)
    {
        string? best = null;
        var bestScore = 0.0;
        var tied = false;
        foreach (var (kind, score) in changeScores)
        {
            if (score > bestScore)
            {
                (best, bestScore, tied) = (kind, score, false);
            }
            else if (score == bestScore)
            {
                tied = true;
            }
        }
        return tied ? null : best;
    }

    private static int Frequency(string answer) => answer switch
    {
        "week" => 4,
        "month" => 3,
        "quarter" => 2,
        "year" => 1,
        _ => 0,
    };

    private static string Name(NeedDimension dimension) => dimension switch
    {
        NeedDimension.Knowledge => "knowledge",
        NeedDimension.Behavior => "behavior",
        _ => "train",
    };

    private static string Name(Need need) => need.ToString().ToLowerInvariant();

    /// <summary>Finds the first unclaimed occurrence of a cue and claims its words.</summary>
    private static (int Start, int End)? Find(List<Word> words, string[] stems, bool[] consumed)
    {
        Span<int> positions = stackalloc int[stems.Length];
        for (var start = 0; start < words.Count; start++)
        {
            if (consumed[start] || words[start].Stem != stems[0])
                continue;
            positions[0] = start;
            var found = 1;
            while (found < stems.Length)
            {
                var next = -1;
                var previous = positions[found - 1];
                for (var k = previous + 1; k <= previous + 1 + MaxGap && k < words.Count; k++)
                {
                    if (words[k].Clause != words[start].Clause)
                        break;
                    if (!consumed[k] && words[k].Stem == stems[found])
                    {
                        next = k;
                        break;
                    }
                }
                if (next < 0)
                    break;
                positions[found++] = next;
            }
            if (found < stems.Length)
                continue;
            foreach (var position in positions)
                consumed[position] = true;
            return (start, positions[^1]);
        }
        return null;
    }

    private bool ClauseTalksAboutChange(List<Word> words, int position)
    {
        foreach (var word in words)
        {
            if (word.Clause == words[position].Clause && _changeStems.Contains(word.Stem))
                return true;
        }
        return false;
    }

    /// <summary>Marks the first cue after each modifier word (same clause, within reach).</summary>
    private static void ApplyModifiers(List<Word> words, List<CueMatch> matches, HashSet<string> modifiers, int reach,
        Func<CueMatch, CueMatch> apply)
    {
        for (var position = 0; position < words.Count; position++)
        {
            if (!modifiers.Contains(words[position].Surface) || InsideMatch(matches, position))
                continue;
            for (var i = 0; i < matches.Count; i++)
            {
                var match = matches[i];
                if (match.Start <= position)
                    continue;
                if (match.Start - position <= reach && words[match.Start].Clause == words[position].Clause)
                    matches[i] = apply(match);
                break;
            }
        }
    }

    private static bool InsideMatch(List<CueMatch> matches, int position)
    {
        foreach (var match in matches)
        {
            if (match.Start <= position && position <= match.End)
                return true;
        }
        return false;
    }

    private static string Quote(List<Word> words, CueMatch match)
    {
        var parts = new string[match.End - match.Start + 1];
        for (var k = match.Start; k <= match.End; k++)
            parts[k - match.Start] = words[k].Surface;
        return string.Join(' ', parts);
    }

    /// <summary>Splits the statement into words, numbering clauses at punctuation and at "but"-like words.</summary>
    private List<Word> Read(ReadOnlySpan<char> text)
    {
        var words = new List<Word>();
        var clause = 0;
        var lower = new char[text.Length];
        var spans = new WordSpan[text.Length / 2 + 1];
        foreach (var range in text.SplitAny(ClausePunctuation))
        {
            var part = text[range];
            var count = Tokenizer.Tokenize(part, lower, spans);
            for (var i = 0; i < count; i++)
            {
                var surface = new string(lower, spans[i].Start, spans[i].Length);
                if (_clauseBreaks.Contains(surface))
                {
                    clause++;
                    continue;
                }
                words.Add(new Word(surface, Stem(surface), clause));
            }
            clause++;
        }
        return words;
    }

    private static string[] Words(string text)
    {
        var lower = new char[text.Length];
        var spans = new WordSpan[text.Length + 1];
        var count = Tokenizer.Tokenize(text, lower, spans);
        var words = new string[count];
        for (var i = 0; i < count; i++)
            words[i] = new string(lower, spans[i].Start, spans[i].Length);
        return words;
    }

    private static string[] Stems(string text) => [.. Words(text).Select(Stem)];

    private static string Stem(string word)
    {
        Span<char> buffer = stackalloc char[Math.Min(word.Length, 64)];
        if (word.Length > buffer.Length)
            return word;
        word.AsSpan().CopyTo(buffer);
        return new string(buffer[..LightStemmer.Stem(buffer)]);
    }

    private sealed record Word(string Surface, string Stem, int Clause);

    private sealed record CueMatch(int Start, int End, NeedCue? Cue, RecencyCue? Recency)
    {
        public bool Negated { get; init; }
        public bool Hedged { get; init; }
    }
}
