using CoachBot.Core.Cards;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Json;

/// <summary>
/// A phrase look-up as JSON: what `coachbot phrase --json` prints and `GET /api/phrases` answers, one shape for both.
/// <see cref="Term"/> and <see cref="Analogy"/> are left out when the query did not ask for one. <see cref="Related"/>
/// are the answers the card offers under "See also", each whole, so a page can show one without another search.
/// </summary>
public sealed record PhraseLookupJson(
    string Query, IReadOnlyList<PhraseMatchJson> Matches, IReadOnlyList<string> Suggestions, TermJson? Term, AnalogyJson? Analogy,
    IReadOnlyList<RelatedAnswerJson> Related)
{
    public static PhraseLookupJson From(LookupResult result, CardFactory cards) => new(
        result.Query,
        result.Matches.Select(m => PhraseMatchJson.From(m.Phrase, m.Score)).ToList(),
        result.Suggestions,
        result.Term is { } t ? TermJson.From(t) : null,
        result.Analogy is { } a ? AnalogyJson.From(a, cards) : null,
        result.Related.Select(r => RelatedAnswerJson.From(r, cards)).ToList());
}

public sealed record PhraseMatchJson(string Id, double Score, string DontSay, string DoSay, string Why)
{
    public static PhraseMatchJson From(Phrase phrase, double score) => new(phrase.Id, Math.Round(score, 3), phrase.DontSay, phrase.DoSay, phrase.Why);
}

/// <summary>
/// A related answer: <see cref="Answer"/> is its label (a phrase id, glossary:id or analogy:id), <see cref="Title"/> its
/// button's text, and exactly one of <see cref="Phrase"/>, <see cref="Term"/>, <see cref="Analogy"/> the answer itself.
/// </summary>
public sealed record RelatedAnswerJson(string Answer, string Kind, string Title, double Score, PhraseMatchJson? Phrase, TermJson? Term, AnalogyJson? Analogy)
{
    public static RelatedAnswerJson From(RelatedAnswer answer, CardFactory cards) => new(
        answer.Label,
        answer.Kind.ToString().ToLowerInvariant(),
        cards.AnswerTitle(answer),
        Math.Round(answer.Score, 3),
        answer.Phrase is { } p ? PhraseMatchJson.From(p, answer.Score) : null,
        answer.Term is { } t ? TermJson.From(t) : null,
        answer.Analogy is { } a ? AnalogyJson.From(a, cards) : null);
}

public sealed record TermJson(string Id, string Term, string Definition)
{
    public static TermJson From(GlossaryTerm term) => new(term.Id, term.Term, term.Definition);
}

/// <summary>
/// An Okta analogy as JSON, wherever one is shown: <see cref="Subject"/> is what it explains ("Fine-tuning"),
/// <see cref="Origin"/> the articles it comes from or CoachBot's own label, which must travel with it.
/// </summary>
public sealed record AnalogyJson(string Id, string Subject, string Concept, string Mapping, string Holds, string Breaks, string BuyerLine, string Origin)
{
    public static AnalogyJson From(Analogy analogy, CardFactory cards) => new(
        analogy.Id, cards.AnalogySubject(analogy), analogy.Concept, analogy.Mapping, analogy.Holds, analogy.Breaks, analogy.BuyerLine, cards.AnalogyOrigin(analogy));
}
