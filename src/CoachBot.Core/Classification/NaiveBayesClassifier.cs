using CoachBot.Core.Semantics;
using CoachBot.Core.Text;

namespace CoachBot.Core.Classification;

/// <summary>
/// A multinomial naive Bayes classifier over the words of labelled texts (light stems and adjacent pairs of them),
/// fitted by counting when the playbook loads. It learns which words the examples of each class use ("wrong", "tone",
/// "every quarter", "sound like"), which a sentence embedding averages away: the embedding hears what a statement is
/// about (a hospital, a fee schedule), the words say what the buyer wants done about it.
/// </summary>
/// <remarks>
/// Each example counts in inverse proportion to its class's share, so a class with few examples weighs as much as one
/// with many, and every class has the same prior. Words no example uses are ignored rather than smoothed, so a
/// statement of unknown words reads as all classes alike. Deterministic and cheap: fitting is one pass over the
/// examples' words (a few milliseconds for the 1,138 need examples).
/// </remarks>
internal sealed class NaiveBayesClassifier
{
    /// <summary>
    /// A known term's log-likelihood in each class whose examples use it, by class. Most terms (above all the pairs) occur
    /// in one or two classes, so the others are not stored: there the term has the class's <see cref="_unseen"/> value.
    /// </summary>
    private readonly Dictionary<string, (int Class, double LogLikelihood)[]> _seen;
    /// <summary>Per class, the log-likelihood of a known term none of its examples uses (the smoothing alone).</summary>
    private readonly double[] _unseen;
    private readonly double _evidenceScale;

    private NaiveBayesClassifier(Dictionary<string, (int Class, double LogLikelihood)[]> seen, double[] unseen, double evidenceScale)
    {
        _seen = seen;
        _unseen = unseen;
        Classes = unseen.Length;
        _evidenceScale = evidenceScale;
    }

    public int Classes { get; }

    /// <summary>
    /// Counts the terms of <paramref name="texts"/> per label; texts whose label is not in <paramref name="labels"/>
    /// are skipped. <paramref name="smoothing"/> is added to every term's (class-balanced) count. The summed word
    /// evidence is multiplied by <paramref name="evidenceScale"/> before it becomes a probability: naive Bayes counts a
    /// statement's words as independent, which they are not ("know our", "know" and "our"), so at full strength a few
    /// common words make it all but certain. A term fewer than <paramref name="minTexts"/> texts use is left out, as if
    /// no example used it.
    /// </summary>
    public static NaiveBayesClassifier Fit(IEnumerable<LabelledText> texts, IReadOnlyList<string> labels, double smoothing, double evidenceScale = 1, int minTexts = 1)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(smoothing);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(evidenceScale);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minTexts);
        var classes = labels.Count;
        var examples = texts
            .Select(t => (Class: IndexOf(labels, t.Label), Terms: Terms(t.Text)))
            .Where(e => e.Class >= 0)
            .ToList();
        var perClass = new double[classes];
        foreach (var example in examples) perClass[example.Class]++;
        var present = perClass.Where(n => n > 0).ToList();
        var mean = present.Count == 0 ? 1 : present.Average();

        Dictionary<string, int>? textsUsing = null;
        if (minTexts > 1)
        {
            textsUsing = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (_, terms) in examples)
                foreach (var term in terms) textsUsing[term] = textsUsing.GetValueOrDefault(term) + 1;
        }
        // One flat table of (term, class) counts: most terms occur in one or two classes.
        var counts = new Dictionary<(string Term, int Class), double>();
        var totals = new double[classes];
        foreach (var (label, terms) in examples)
        {
            var weight = mean / perClass[label];
            foreach (var term in terms)
            {
                if (textsUsing is not null && textsUsing[term] < minTexts) continue;
                counts[(term, label)] = counts.GetValueOrDefault((term, label)) + weight;
                totals[label] += weight;
            }
        }

        var byTerm = counts.GroupBy(count => count.Key.Term, StringComparer.Ordinal).ToList();
        var vocabulary = byTerm.Count;
        double LogLikelihood(double count, int c) => Math.Log((count + smoothing) / (totals[c] + smoothing * vocabulary));
        var unseen = new double[classes];
        for (var c = 0; c < classes; c++) unseen[c] = LogLikelihood(0, c);
        var seen = byTerm.ToDictionary(
            term => term.Key,
            term => term.OrderBy(count => count.Key.Class).Select(count => (count.Key.Class, LogLikelihood(count.Value, count.Key.Class))).ToArray(),
            StringComparer.Ordinal);
        return new NaiveBayesClassifier(seen, unseen, evidenceScale);
    }

    /// <summary>
    /// Each class's probability for <paramref name="text"/> (summing to 1; all equal when no word is known), leaving out
    /// the terms with a word of <paramref name="ignored"/>: the cue reader's negated words, since "the tone doesn't
    /// matter" says nothing for behaviour.
    /// </summary>
    public double[] Posterior(string text, IReadOnlySet<string>? ignored = null) => Posterior(Terms(text, ignored));

    /// <summary>Each class's probability for a text's <see cref="Terms"/>, read once for several classifiers.</summary>
    public double[] Posterior(IReadOnlySet<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var scores = new double[Classes];
        if (Classes == 0) return scores;
        // Every known term adds its unseen value to each class; a class whose examples use it gets the difference too.
        var known = 0;
        foreach (var term in terms)
        {
            if (!_seen.TryGetValue(term, out var perClass)) continue;
            known++;
            foreach (var (c, logLikelihood) in perClass) scores[c] += logLikelihood - _unseen[c];
        }
        for (var c = 0; c < Classes; c++) scores[c] = (known == 0 ? 0 : scores[c] + known * _unseen[c]) * _evidenceScale;
        var top = scores.Max();
        var total = 0.0;
        for (var c = 0; c < Classes; c++) total += scores[c] = Math.Exp(scores[c] - top);
        for (var c = 0; c < Classes; c++) scores[c] /= total;
        return scores;
    }

    /// <summary>
    /// The words of <paramref name="text"/>, as written, whose terms lean most towards <paramref name="label"/> (by how
    /// much likelier the examples of that class make them than those of any other), strongest first: what the reading
    /// heard. Function words ("it does", "wrong and") lean too but explain nothing, so terms with one are left out.
    /// </summary>
    public IReadOnlyList<string> Leaning(string text, int label, int count, IReadOnlySet<string>? ignored = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, Classes);
        return [.. TermsAsWritten(text)
            .Where(t => _seen.ContainsKey(t.Term) && !t.Written.Split(' ').Any(w => IsFunctionWord(w) || ignored?.Contains(w) == true))
            .Select(t => (t.Written, Lead: Lead(_seen[t.Term], label)))
            .Where(t => t.Lead > 0)
            .OrderByDescending(t => t.Lead)
            .ThenBy(t => t.Written, StringComparer.Ordinal)
            .Select(t => t.Written)
            .Distinct()
            .Take(count)];
    }

    private double Lead((int Class, double LogLikelihood)[] perClass, int label)
    {
        double LogLikelihood(int c)
        {
            foreach (var seen in perClass)
                if (seen.Class == c) return seen.LogLikelihood;
            return _unseen[c];
        }
        var other = double.NegativeInfinity;
        for (var c = 0; c < Classes; c++)
            if (c != label) other = Math.Max(other, LogLikelihood(c));
        return LogLikelihood(label) - other;
    }

    /// <summary>The distinct light stems of the words, and each adjacent pair of them ("sound like", "every quarter").</summary>
    internal static HashSet<string> Terms(string text, IReadOnlySet<string>? ignored = null) =>
        [.. TermsAsWritten(text).Where(t => ignored is null || !t.Written.Split(' ').Any(ignored.Contains)).Select(t => t.Term)];

    private static IEnumerable<(string Term, string Written)> TermsAsWritten(string text)
    {
        var words = TextNormalizer.Words(text);
        var stems = new string[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].ToCharArray();
            stems[i] = new string(word, 0, LightStemmer.Stem(word));
            yield return (stems[i], words[i]);
        }
        for (var i = 0; i + 1 < stems.Length; i++) yield return (stems[i] + " " + stems[i + 1], words[i] + " " + words[i + 1]);
    }

    private static bool IsFunctionWord(string word) => Lookup.LookupWords.RoleOf(word) == Lookup.WordRole.Stop;

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] == label) return i;
        return -1;
    }
}
