using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;

namespace CoachBot.Core.Tests.Dialogs;

/// <summary>Every combination of answers, driven through the dialog's buttons, against the seeds' guidance.</summary>
public class DecisionTableTests
{
    private static readonly string[] Recency = ["week", "month", "quarter", "year", "stable", "unknown"];
    private static readonly string[] Changes = ["tone", "format", "volume", "vocabulary"];

    public static TheoryData<string, string, string?> Combinations()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var recency in Recency)
        {
            data.Add("knowledge", recency, null);
            data.Add("train", recency, null);
            foreach (var change in Changes)
            {
                data.Add("behavior", recency, change);
                data.Add("both", recency, change);
            }
        }
        return data;
    }

    /// <summary>The guidance, written independently of the YAML rules.</summary>
    private static string Expected(string need, string recency, string? change) => need switch
    {
        "train" => "training",
        "knowledge" or "both" => "rag",
        _ when change == "tone" => "prompting",
        _ when recency is "year" or "stable" => "fine-tuning",
        _ => "prompting",
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_answer_combination_gets_the_recommendation_the_guidance_gives(string need, string recency, string? change)
    {
        var t = new Transcript();
        if (need == "train") t.Say("coach: we want to train our own model from scratch");
        else t.Answer("need", need);
        Assert.Equal(need, t.State.Answers["need"]);
        t.Answer("data-changed", recency);
        if (change is not null)
        {
            Assert.Equal("change", t.Prompt.StepId);
            t.Answer("change", change);
        }

        var card = t.Recommendation;
        Assert.Equal(Expected(need, recency, change), Transcript.RecommendationOf(card));

        // Unknown recency always comes with a caveat and the recency question next, except where recency cannot
        // change the advice (tone is prompting whatever the data does; training redirects elsewhere).
        if (recency == "unknown" && change != "tone" && need != "train")
        {
            Assert.Contains(card.Blocks, b => b is NoteBlock { Tone: NoteTone.Caution });
            Assert.Contains(Transcript.Playbook.Question("data-changed").AskTheBuyer, Transcript.AllText(card));
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_recommendation_card_has_why_next_question_analogy_phrases_cost_and_actions(string need, string recency, string? change)
    {
        var answers = new Dictionary<string, string> { ["need"] = need, ["data-changed"] = recency };
        if (change is not null) answers["change"] = change;
        var playbook = Transcript.Playbook;
        var rule = CoachBot.Core.Dialogs.Conditions.Decide(playbook.Rules, answers)!;
        var card = new CardFactory(playbook).Recommendation(rule, answers, "we want to fine-tune on our data");
        var text = Transcript.AllText(card);
        var analogy = playbook.AnalogyFor(rule.Recommend)!;

        Assert.Equal(playbook.Approach(rule.Recommend).Headline, card.Title);
        Assert.Contains(playbook.Question(rule.NextQuestion).AskTheBuyer, text);
        Assert.Contains(analogy.Concept, text);
        Assert.Contains(analogy.Breaks, text);
        Assert.Contains(analogy.BuyerLine, text);
        Assert.InRange(card.Blocks.OfType<PhraseBlock>().Count(), 1, CardFactory.MaxPhrasesOnRecommendation);
        Assert.Contains(playbook.Approach(rule.Recommend).Cost.Summary, text);
        Assert.DoesNotContain("{answer:", text);
        Assert.Equal(
            [ActionKeys.PostSummary, ActionKeys.StartOver, ActionKeys.MorePhrases],
            card.Actions.Select(a => a.ActionName));
        Assert.All(card.Actions.Where(a => a.ActionName != ActionKeys.StartOver),
            a => Assert.Equal(rule.Recommend, a.Data[ActionKeys.Recommendation]));
    }

    [Fact]
    public void Training_card_shows_every_cost_figure_with_its_basis_instead_of_picking_one()
    {
        var playbook = Transcript.Playbook;
        var training = playbook.Approach("training");
        Assert.True(training.Cost.Figures.Count >= 2, "the seeds disagree on training cost; both figures belong in the playbook");
        var answers = new Dictionary<string, string> { ["need"] = "train", ["data-changed"] = "stable" };
        var rule = CoachBot.Core.Dialogs.Conditions.Decide(playbook.Rules, answers)!;
        var text = Transcript.AllText(new CardFactory(playbook).Recommendation(rule, answers, null));
        Assert.All(training.Cost.Figures, f =>
        {
            Assert.Contains(f.Figure, text);
            Assert.Contains(f.Basis, text);
        });
    }

    [Fact]
    public void No_card_presents_an_unverified_claim_without_its_caveat()
    {
        var playbook = Transcript.Playbook;
        var factory = new CardFactory(playbook);
        var cards = new List<CoachCard> { factory.Prep(), factory.Help(), factory.Welcome(), factory.MorePhrases(null) };
        foreach (var rule in playbook.Rules)
        {
            var answers = rule.When.ToDictionary(w => w.Key, w => w.Value[0]);
            cards.Add(factory.Recommendation(rule, answers, null));
            cards.Add(factory.DealSummary("Acme", rule.Recommend, rule, answers, null));
            cards.Add(factory.MorePhrases(rule.Recommend));
        }
        foreach (var term in playbook.Glossary) cards.Add(factory.Phrases(new CoachBot.Core.Lookup.LookupResult(term.Term, [], [], term)));

        var unverified = playbook.Claims.Where(c => !c.Verified).ToList();
        Assert.NotEmpty(unverified);
        foreach (var card in cards)
        {
            var text = Transcript.AllText(card);
            foreach (var claim in unverified.Where(c => c.Markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase))))
                Assert.Contains(claim.Caveat, text);
        }
    }
}
