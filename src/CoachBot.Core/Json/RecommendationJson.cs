using CoachBot.Core.Cards;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Json;

/// <summary>
/// The decision table's answer for a full set of qualify answers, as JSON: what `coachbot diagnose --json` prints and
/// `POST /api/qualify` answers once every question that applies is answered. <see cref="Name"/> names what is
/// recommended ("Fine-tuning, together with Retrieval (RAG)"); <see cref="Asked"/> is what the buyer asked for in so
/// many words, kept apart from the recommendation. Unverified claims carry their caveat; disagreements every view.
/// </summary>
public sealed record RecommendationJson(string Recommendation, string? Alongside, string Name, string Rule, string? Asked, string Headline, string Why,
    string? Caveat, string? AlsoConsider, AnalogyJson? Analogy, NextQuestionJson NextQuestion, IReadOnlyList<DoSayJson> DoSay, CostJson Cost,
    IReadOnlyList<ClaimJson> Claims, IReadOnlyList<DisagreementJson> Disagreements)
{
    public static RecommendationJson From(CardFactory cards, DecisionRule rule, IReadOnlyDictionary<string, string> answers)
    {
        var playbook = cards.Playbook;
        var approach = playbook.Approach(rule.Recommend);
        var analogy = playbook.AnalogyFor(rule.Recommend);
        var next = playbook.Question(rule.NextQuestion);
        return new RecommendationJson(
            rule.Recommend,
            rule.Alongside,
            cards.RecommendationName(rule.Recommend, rule),
            rule.Id,
            cards.AskedFor(answers),
            approach.Headline,
            cards.FillAnswers(rule.Why, answers),
            rule.Caveat is null ? null : cards.FillAnswers(rule.Caveat, answers),
            rule.AlsoConsider is null ? null : cards.FillAnswers(rule.AlsoConsider, answers),
            analogy is null ? null : AnalogyJson.From(analogy, cards),
            new NextQuestionJson(next.Id, next.AskTheBuyer, next.WhyItMatters),
            // The card's own choice of lines, so JSON and card never disagree.
            cards.Recommendation(rule, answers, null).WithDetailsShown().Blocks.OfType<PhraseBlock>().Select(p => new DoSayJson(p.PhraseId, p.DoSay)).ToList(),
            new CostJson(approach.Cost.Summary, approach.Cost.Ongoing, rule.TradeOff is null ? null : cards.FillAnswers(rule.TradeOff, answers)),
            playbook.Claims.Where(c => rule.Claims.Contains(c.Id)).Select(c => new ClaimJson(c.Id, c.Text, c.Verified, c.Verified ? null : c.Caveat)).ToList(),
            playbook.Disagreements.Where(d => rule.Disagreements.Contains(d.Id))
                .Select(d => new DisagreementJson(d.Id, d.Topic, d.Views.Select(v => new ViewJson(playbook.SourceTitle(v.Source), v.View)).ToList(), d.Advice))
                .ToList());
    }
}

public sealed record NextQuestionJson(string Id, string Text, string Why);
public sealed record DoSayJson(string Id, string DoSay);
public sealed record CostJson(string UpFront, string Ongoing, string? TradeOff);
public sealed record ClaimJson(string Id, string Text, bool Verified, string? Caveat);
public sealed record DisagreementJson(string Id, string Topic, IReadOnlyList<ViewJson> Views, string? Advice);
public sealed record ViewJson(string Article, string View);
