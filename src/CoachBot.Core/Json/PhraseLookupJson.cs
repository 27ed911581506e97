using CoachBot.Core.Cards;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Json;

/// <summary>
/// A phrase look-up as JSON: what `coachbot phrase --json` prints and `GET /api/phrases` answers, one shape for both.
/// <see cref="Term"/> and <see cref="Analogy"/> are left out when the query did not ask for one.
/// </summary>
public sealed record PhraseLookupJson(string Query, IReadOnlyList<PhraseMatchJson> Matches, IReadOnlyList<string> Suggestions, TermJson? Term, AnalogyJson? Analogy)
{
    public static PhraseLookupJson From(LookupResult result, CardFactory cards) => new(
        result.Query,
        result.Matches.Select(m => new PhraseMatchJson(m.Phrase.Id, Math.Round(m.Score, 3), m.Phrase.DontSay, m.Phrase.DoSay, m.Phrase.Why)).ToList(),
        result.Suggestions,
        result.Term is { } t ? new TermJson(t.Id, t.Term, t.Definition) : null,
        result.Analogy is { } a ? AnalogyJson.From(a, cards) : null);
}

public sealed record PhraseMatchJson(string Id, double Score, string DontSay, string DoSay, string Why);

public sealed record TermJson(string Id, string Term, string Definition);

/// <summary>
/// An Okta analogy as JSON, wherever one is shown: <see cref="Subject"/> is what it explains ("Fine-tuning"),
/// <see cref="Origin"/> the articles it comes from or CoachBot's own label, which must travel with it.
/// </summary>
public sealed record AnalogyJson(string Id, string Subject, string Concept, string Mapping, string Holds, string Breaks, string BuyerLine, string Origin)
{
    public static AnalogyJson From(Analogy analogy, CardFactory cards) => new(
        analogy.Id, cards.AnalogySubject(analogy), analogy.Concept, analogy.Mapping, analogy.Holds, analogy.Breaks, analogy.BuyerLine, cards.AnalogyOrigin(analogy));
}
