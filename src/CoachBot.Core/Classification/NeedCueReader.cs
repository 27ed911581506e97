using CoachBot.Core.Playbook;
using CoachBot.Core.Text;

namespace CoachBot.Core.Classification;

/// <summary>Which reading of the need a cue supports.</summary>
internal enum NeedDimension { Knowledge, Behavior, Train, Pairing }

/// <summary>What the cue list found in a statement: weight per need, per kind of change, the data age, and why.</summary>
/// <param name="Pairing">Evidence that the statement lists two concerns ("two things", "on top of that"): cues of need "both".</param>
/// <param name="NegatedWords">The words of the cues turned off by a negator or a dismissal ("tone" in "the tone doesn't matter"), as the statement writes them.</param>
internal sealed record CueReading(
    double Knowledge, double Behavior, double Train,
    IReadOnlyDictionary<string, double> Changes,
    string? DataChanged,
    IReadOnlyList<string> Signals,
    bool Negated,
    double Pairing = 0,
    IReadOnlySet<string>? NegatedWords = null);

/// <summary>
/// Reads a buyer statement against the playbook's cue list (need-cues.yaml): wordings matched on light stems, in
/// order, a couple of words apart at most. A cue after a negator ("we don't need it to sound like us") counts for
/// nothing and one after a hedge ("maybe") for less; every cue found becomes a signal for the "why I think so" line.
/// The cues explain and sharpen the reading; <see cref="NeedClassifier"/> decides with the labelled examples too.
/// </summary>
internal sealed class NeedCueReader
{
    /// <summary>Only the start of an over-long statement is read.</summary>
    private const int MaxStatementChars = 10_000;
    /// <summary>Words allowed between the words of a cue ("ask it questions", "own private LLM").</summary>
    private const int MaxGap = 2;
    /// <summary>How far a negator reaches: "we don't need it to sound like us" has four words between.</summary>
    private const int NegationReach = 5;
    private const int HedgeReach = 4;
    /// <summary>How far after a cue a dismissal may come: "tone really doesn't matter", "the format isn't the issue".</summary>
    private const int DismissalReach = 4;
    private const double HedgeFactor = 0.6;

    /// <summary>A settled word counts only as what the cue "is": "the facts are fine", not "fine-tune" or "good answers".</summary>
    private static readonly HashSet<string> Copulas = ["is", "are", "was", "were", "seems", "seem", "looks", "look", "feels", "feel"];

    private static readonly char[] ClausePunctuation = ['.', ',', ';', ':', '!', '?', '(', ')', '\n', '\u2014', '\u2013'];

    private readonly (NeedCue Cue, NeedDimension Dimension, string[] Stems)[] _cues;
    private readonly (RecencyCue Cue, string[] Stems)[] _recencyCues;
    private readonly HashSet<string> _changeStems;
    private readonly HashSet<string> _negators;
    private readonly HashSet<string> _hedges;
    private readonly HashSet<string> _clauseBreaks;
    private readonly HashSet<string> _dismissals;
    private readonly HashSet<string> _settled;
    private readonly HashSet<string> _complainers;
    private readonly HashSet<string> _complaintVerbs;

    public NeedCueReader(PlaybookContent playbook)
    {
        // Longer wordings first, so "legal citations" claims its words before "citations" can.
        _cues = [.. playbook.NeedCues.Select(c => (c, Dimension(c.Need), Stems(c.Words))).OrderByDescending(c => c.Item3.Length)];
        _recencyCues = [.. playbook.RecencyCues.Select(c => (c, Stems(c.Words))).OrderByDescending(c => c.Item2.Length)];
        _changeStems = [.. WordsOfKind(playbook, "changeWord").SelectMany(Stems)];
        _negators = [.. WordsOfKind(playbook, "negator").SelectMany(Words)];
        _hedges = [.. WordsOfKind(playbook, "hedge").SelectMany(Words)];
        _clauseBreaks = [.. WordsOfKind(playbook, "clauseBreak").SelectMany(Words)];
        _dismissals = [.. WordsOfKind(playbook, "dismissal").SelectMany(Words)];
        _settled = [.. WordsOfKind(playbook, "settled").SelectMany(Words)];
        _complainers = [.. WordsOfKind(playbook, "complainer").SelectMany(Words)];
        _complaintVerbs = [.. WordsOfKind(playbook, "complaintVerb").SelectMany(Stems)];
    }

    public CueReading Read(string buyerStatement)
    {
        ArgumentNullException.ThrowIfNull(buyerStatement);
        var words = Read(buyerStatement.AsSpan(0, Math.Min(buyerStatement.Length, MaxStatementChars)));
        var consumed = new bool[words.Count];

        var matches = new List<CueMatch>();
        foreach (var (cue, dimension, stems) in _cues)
        {
            if (Find(words, stems, consumed) is { } span)
                matches.Add(new CueMatch(span.Start, span.End, cue, dimension, null));
        }
        foreach (var (cue, stems) in _recencyCues)
        {
            if (Find(words, stems, consumed) is { } span && (cue.SaysChange || ClauseTalksAboutChange(words, span.Start)))
                matches.Add(new CueMatch(span.Start, span.End, null, default, cue));
        }
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        ApplyModifiers(words, matches, _negators, NegationReach, (m) => m with { Negated = true }, IsComplaint);
        ApplyModifiers(words, matches, _hedges, HedgeReach, (m) => m with { Hedged = true });
        ApplyDismissals(words, matches);

        var signals = new List<string>();
        var negatedWords = new HashSet<string>(StringComparer.Ordinal);
        var scores = new double[4];
        var changeScores = new Dictionary<string, double>();
        // Within a clause, the time said nearest its change word tells when the data changed ("the rates changed three
        // months back and it still gives the old weekly amount"); across clauses, the most frequent change wins ("it
        // hasn't changed in years, but the policies are updated weekly").
        var recencyByClause = new Dictionary<int, (int Distance, string Answer)>();
        foreach (var match in matches)
        {
            var quoted = $"\"{Quote(words, match)}\"";
            if (match.Negated)
            {
                negatedWords.UnionWith(TextNormalizer.Words(Quote(words, match)));
                signals.Add($"{quoted} -> ignored (negated)");
                continue;
            }
            if (match.Recency is { } recencyCue)
            {
                signals.Add($"{quoted} -> data-changed: {recencyCue.Answer}");
                var clause = words[match.Start].Clause;
                var distance = recencyCue.SaysChange ? 0 : DistanceToChange(words, match);
                if (!recencyByClause.TryGetValue(clause, out var nearest) || distance < nearest.Distance
                    || (distance == nearest.Distance && MoreFrequent(nearest.Answer, recencyCue.Answer) != nearest.Answer))
                    recencyByClause[clause] = (distance, recencyCue.Answer);
                continue;
            }
            var cue = match.Cue!;
            var weight = match.Hedged ? cue.Weight * HedgeFactor : cue.Weight;
            scores[(int)match.Dimension] += weight;
            if (cue.Change is { } change)
                changeScores[change] = changeScores.GetValueOrDefault(change) + weight;
            var reading = cue.Change is null ? cue.Need : $"{cue.Need}: {cue.Change}";
            signals.Add($"{quoted} -> {reading} ({cue.Reason}{(match.Hedged ? ", hedged" : "")})");
        }
        string? recency = null;
        foreach (var (_, answer) in recencyByClause.Values) recency = MoreFrequent(recency, answer);
        return new CueReading(scores[(int)NeedDimension.Knowledge], scores[(int)NeedDimension.Behavior], scores[(int)NeedDimension.Train],
            changeScores, recency, signals, matches.Any(m => m.Negated), scores[(int)NeedDimension.Pairing], negatedWords);
    }

    private static NeedDimension Dimension(string need) => need switch
    {
        "knowledge" => NeedDimension.Knowledge,
        "behavior" => NeedDimension.Behavior,
        "both" => NeedDimension.Pairing,
        _ => NeedDimension.Train,
    };

    private static IEnumerable<string> WordsOfKind(PlaybookContent playbook, string kind) =>
        playbook.CueWords.Where(w => w.Kind == kind).SelectMany(w => w.Words);

    private static string MoreFrequent(string? current, string answer) =>
        current is null || Frequency(answer) > Frequency(current) ? answer : current;

    private static int Frequency(string answer) => answer switch
    {
        "week" => 4,
        "month" => 3,
        "quarter" => 2,
        "year" => 1,
        _ => 0,
    };

    /// <summary>
    /// A statement's word is a cue's word when its stem is the same, or, for long words, one typo away: buyers' words
    /// arrive relayed and typed in a hurry ("halucinations"), and a long word one letter off is rarely another word.
    /// </summary>
    private static bool Same(string word, string cue) =>
        word == cue || (cue.Length >= 8 && Math.Abs(word.Length - cue.Length) <= 1 && EditDistance.Bounded(word, cue, 1) <= 1);

    /// <summary>Finds the first unclaimed occurrence of a cue and claims its words.</summary>
    private static (int Start, int End)? Find(List<Word> words, string[] stems, bool[] consumed)
    {
        Span<int> positions = stackalloc int[stems.Length];
        for (var start = 0; start < words.Count; start++)
        {
            if (consumed[start] || !Same(words[start].Stem, stems[0]))
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
                    if (!consumed[k] && Same(words[k].Stem, stems[found]))
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

    /// <summary>Words between <paramref name="match"/> and the nearest change word of its clause (none: as far as can be).</summary>
    private int DistanceToChange(List<Word> words, CueMatch match)
    {
        var nearest = int.MaxValue;
        for (var k = 0; k < words.Count; k++)
        {
            if (words[k].Clause != words[match.Start].Clause || !_changeStems.Contains(words[k].Stem)) continue;
            nearest = Math.Min(nearest, k < match.Start ? match.Start - k : k > match.End ? k - match.End : 0);
        }
        return nearest;
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

    /// <summary>
    /// A negator that says what the model fails at rather than what the buyer does not want: "it doesn't know our
    /// products", "the bot can't follow our template" (a complainer just before, a complaint verb just after) states
    /// the need; "we don't need it to know" and "it's not about tone" still turn the cue off.
    /// </summary>
    private bool IsComplaint(List<Word> words, int negator) =>
        negator > 0 && negator + 1 < words.Count && _complainers.Contains(words[negator - 1].Surface)
        && words[negator - 1].Clause == words[negator].Clause && _complaintVerbs.Contains(words[negator + 1].Stem);

    /// <summary>Marks the first cue after each modifier word (same clause, within reach) unless <paramref name="exempt"/> says otherwise.</summary>
    private static void ApplyModifiers(List<Word> words, List<CueMatch> matches, HashSet<string> modifiers, int reach,
        Func<CueMatch, CueMatch> apply, Func<List<Word>, int, bool>? exempt = null)
    {
        for (var position = 0; position < words.Count; position++)
        {
            if (!modifiers.Contains(words[position].Surface) || InsideMatch(matches, position) || (exempt?.Invoke(words, position) ?? false))
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

    /// <summary>
    /// A cue the buyer waves away after naming it ("tone doesn't matter", "the format isn't the issue"): a negator
    /// and then a dismissal word (need-cues.yaml) follow the cue in its clause; or a cue said to be already good ("the
    /// facts are fine"): a settled word follows it with no negator between ("the tone isn't fine" keeps the cue).
    /// </summary>
    private void ApplyDismissals(List<Word> words, List<CueMatch> matches)
    {
        for (var i = 0; i < matches.Count; i++)
        {
            var match = matches[i];
            var clause = words[match.End].Clause;
            var negator = -1;
            for (var position = match.End + 1; position < words.Count && position - match.End <= DismissalReach && words[position].Clause == clause; position++)
            {
                if (InsideMatch(matches, position)) break;
                var surface = words[position].Surface;
                // A word may be both ("nobody cares"): after a negator it is the dismissal.
                if ((negator >= 0 && _dismissals.Contains(surface)) || (negator < 0 && _settled.Contains(surface) && Copulas.Contains(words[position - 1].Surface)))
                {
                    matches[i] = match with { Negated = true };
                    break;
                }
                if (_negators.Contains(surface)) negator = position;
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

    private sealed record CueMatch(int Start, int End, NeedCue? Cue, NeedDimension Dimension, RecencyCue? Recency)
    {
        public bool Negated { get; init; }
        public bool Hedged { get; init; }
    }
}
