using CoachBot.Core.Playbook;

namespace CoachBot.Core.Lookup;

/// <summary>Which part of a <see cref="LookupResult"/> a channel should lead with.</summary>
public enum LookupAnswer { None, Phrase, Term, Analogy }

/// <summary>
/// The answer to a phrase look-up. Matches are best first; empty when nothing fits. <see cref="Term"/> is set
/// when the query names a glossary term ("what is RAG", "context window"), <see cref="Analogy"/> when it asks
/// for an identity analogy; either leads, with any phrase matches after it. <see cref="Related"/> are the next-best
/// answers of any kind scored close to the winner and not shown already (at most two, best first), which a channel
/// offers as one "See also" row. Suggestions are set only when nothing was found.
/// </summary>
public sealed record LookupResult(
    string Query,
    IReadOnlyList<PhraseMatch> Matches,
    IReadOnlyList<string> Suggestions,
    GlossaryTerm? Term = null,
    Analogy? Analogy = null)
{
    /// <summary>Answers close to the winner that the look-up does not show: offered, one tap away.</summary>
    public IReadOnlyList<RelatedAnswer> Related { get; init; } = [];

    public bool IsNoMatch => Matches.Count == 0 && Term is null && Analogy is null;

    public LookupAnswer Answer =>
        Analogy is not null ? LookupAnswer.Analogy
        : Term is not null ? LookupAnswer.Term
        : Matches.Count > 0 ? LookupAnswer.Phrase
        : LookupAnswer.None;

    /// <summary>
    /// The answers in the order a card shows them, as labels (<see cref="AnswerLabels"/>): the analogy or glossary term
    /// that leads, the phrase matches, then the related answers.
    /// </summary>
    public IEnumerable<string> ShownLabels()
    {
        if (Analogy is { } analogy) yield return AnswerLabels.Of(analogy);
        if (Term is { } term) yield return AnswerLabels.Of(term);
        foreach (var match in Matches) yield return AnswerLabels.Of(match.Phrase);
        foreach (var related in Related) yield return related.Label;
    }

    /// <summary>The look-up that shows exactly one answer, led by it (what pressing a related answer's button shows).</summary>
    public static LookupResult Of(string query, RelatedAnswer answer) => answer switch
    {
        { Phrase: { } phrase } => new LookupResult(query, [new PhraseMatch(phrase, answer.Score)], []),
        { Term: { } term } => new LookupResult(query, [], [], Term: term),
        _ => new LookupResult(query, [], [], Analogy: answer.Analogy),
    };
}

public sealed record PhraseMatch(Phrase Phrase, double Score);

/// <summary>One answer of any kind (exactly one of <see cref="Phrase"/>, <see cref="Term"/>, <see cref="Analogy"/>), with its look-up score.</summary>
public sealed record RelatedAnswer
{
    private RelatedAnswer(string label, double score, Phrase? phrase, GlossaryTerm? term, Analogy? analogy)
    {
        Label = label;
        Score = score;
        Phrase = phrase;
        Term = term;
        Analogy = analogy;
    }

    /// <summary>The answer's label, as lookup-examples.yaml and the labelled sets name it: a phrase id, glossary:id or analogy:id.</summary>
    public string Label { get; }
    public double Score { get; }
    public Phrase? Phrase { get; }
    public GlossaryTerm? Term { get; }
    public Analogy? Analogy { get; }

    public LookupAnswer Kind => Phrase is not null ? LookupAnswer.Phrase : Term is not null ? LookupAnswer.Term : LookupAnswer.Analogy;

    public static RelatedAnswer For(Phrase phrase, double score) => new(AnswerLabels.Of(phrase), score, phrase, null, null);
    public static RelatedAnswer For(GlossaryTerm term, double score) => new(AnswerLabels.Of(term), score, null, term, null);
    public static RelatedAnswer For(Analogy analogy, double score) => new(AnswerLabels.Of(analogy), score, null, null, analogy);
}

/// <summary>
/// How look-up answers are named across the playbook, the labelled sets and card buttons: a phrase by its id, a glossary
/// term as "glossary:id", an analogy as "analogy:id".
/// </summary>
public static class AnswerLabels
{
    public const string GlossaryPrefix = "glossary:";
    public const string AnalogyPrefix = "analogy:";

    public static string Of(Phrase phrase) => phrase.Id;
    public static string Of(GlossaryTerm term) => GlossaryPrefix + term.Id;
    public static string Of(Analogy analogy) => AnalogyPrefix + analogy.Id;

    /// <summary>The answer <paramref name="label"/> names in <paramref name="playbook"/>, or null when it names none (a button from an older playbook).</summary>
    public static RelatedAnswer? Find(PlaybookContent playbook, string label)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(label);
        if (label.StartsWith(GlossaryPrefix, StringComparison.Ordinal))
            return playbook.Glossary.FirstOrDefault(t => t.Id == label[GlossaryPrefix.Length..]) is { } term ? RelatedAnswer.For(term, 1) : null;
        if (label.StartsWith(AnalogyPrefix, StringComparison.Ordinal))
            return playbook.Analogies.FirstOrDefault(a => a.Id == label[AnalogyPrefix.Length..]) is { } analogy ? RelatedAnswer.For(analogy, 1) : null;
        return playbook.Phrases.FirstOrDefault(p => p.Id == label) is { } phrase ? RelatedAnswer.For(phrase, 1) : null;
    }
}
