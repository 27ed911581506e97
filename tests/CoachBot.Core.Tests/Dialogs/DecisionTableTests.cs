using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;

namespace CoachBot.Core.Tests.Dialogs;

/// <summary>Every combination of answers, driven through the dialog's buttons, against the seeds' guidance.</summary>
public class DecisionTableTests
{
    /// <summary>
    /// Every way through the qualify dialog: each step asked only when its condition holds, as the dialog does,
    /// answered with each of its choices except the coaching ones. Encoded as "step=value;step=value".
    /// </summary>
    public static TheoryData<string> Combinations()
    {
        var dialog = Transcript.Playbook.Dialog("qualify");
        var paths = new List<Dictionary<string, string>> { new() };
        foreach (var step in dialog.Steps)
        {
            paths = paths.SelectMany(answers => !CoachBot.Core.Dialogs.Conditions.Match(step.When, answers)
                    ? [answers]
                    : step.Choices.Where(c => !c.Coach).Select(c => new Dictionary<string, string>(answers) { [step.Id] = c.Value }))
                .ToList();
        }
        var data = new TheoryData<string>();
        foreach (var path in paths) data.Add(string.Join(";", path.Select(a => $"{a.Key}={a.Value}")));
        return data;
    }

    private static Dictionary<string, string> Parse(string path) =>
        path.Split(';').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);

    /// <summary>The guidance, written independently of the YAML rules: the recommendation, and what goes with it.</summary>
    private static (string Recommend, string? Alongside) Expected(IReadOnlyDictionary<string, string> a) => a["need"] switch
    {
        // "Our own model": keeping data inside is a deployment question (retrieval inside the boundary); owning the
        // model is training, and only with the budget and team for it; otherwise portability (prompting).
        "train" when a["own-model"] == "isolation" => ("rag", null),
        "train" => (a["training-budget"] == "funded" ? "training" : "prompting", null),
        "knowledge" => ("rag", null),
        // Both: retrieval for the knowledge, the behavior part decided as for a behavior need.
        "both" => Behavior(a) == "fine-tuning" ? ("fine-tuning", "rag") : ("rag", "prompting"),
        _ => (Behavior(a), null),
    };

    /// <summary>
    /// Behavior is decided on how often the wanted behavior changes. Tone is prompting; behavior still being worked
    /// out (or not known to be settled) stays in the prompt; at volume, long prompts are the cost to cut, so
    /// fine-tuning. A strict format or vocabulary that no longer changes monthly is tuned when labeled examples
    /// are ready, or when nobody reviews the output; with a reviewer and no examples it starts in the prompt.
    /// </summary>
    private static string Behavior(IReadOnlyDictionary<string, string> a) =>
        a["change"] == "tone" || a["behavior-changes"] == "often" ? "prompting"
        : a["change"] == "volume" ? "fine-tuning"
        : a["behavior-changes"] == "unknown" ? "prompting"
        : a["labeled-data"] == "ready" || a["reviewed"] == "unreviewed" ? "fine-tuning"
        : "prompting";

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_answer_combination_gets_the_recommendation_the_guidance_gives(string path)
    {
        var answers = Parse(path);
        var t = new Transcript();
        t.Say(answers["need"] == "train" ? "coach: we want to train our own model from scratch" : "qualify");
        foreach (var (step, value) in answers)
        {
            if (t.State.Answers.TryGetValue(step, out var inferred) && inferred == value) continue;
            Assert.Equal(step, t.Prompt.StepId);
            t.Answer(step, value);
        }

        var card = t.Recommendation;
        var (recommend, alongside) = Expected(answers);
        Assert.Equal(recommend, Transcript.RecommendationOf(card));
        Assert.Equal(answers, t.State.Answers);
        var recorded = Assert.Single(t.Events, e => e.Kind == CoachBot.Core.Analytics.AnalyticsKind.Recommendation).Subject;
        Assert.Equal(alongside is null ? recommend : $"{recommend} + {alongside}", recorded);
        if (alongside is not null)
            Assert.Contains(card.WithDetailsShown().Blocks, b => b is TextBlock tb && tb.Text == $"Together with {Transcript.Playbook.Approach(alongside).Headline}");

        // An unknown answer that could change the advice always comes with a caveat (recency for a knowledge need,
        // how often the behavior changes for a format, vocabulary or volume need).
        if ((answers["need"] == "knowledge" && answers["data-changed"] == "unknown") || answers.GetValueOrDefault("behavior-changes") == "unknown"
            || answers.GetValueOrDefault("reviewed") == "unknown")
            Assert.Contains(card.WithDetailsShown().Blocks, b => b is NoteBlock { Tone: NoteTone.Caution });
        // Fine-tuning without a labeled set to hand always says that building one comes first.
        if (recommend == "fine-tuning" && answers.GetValueOrDefault("labeled-data") is "none" or "unknown")
            Assert.Contains(card.WithDetailsShown().Blocks, b => b is NoteBlock { Tone: NoteTone.Caution } n && n.Text.Contains("building one is the first cost"));
        // Behavior needs are never asked when the documents changed.
        if (answers["need"] == "behavior") Assert.False(answers.ContainsKey("data-changed"));
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_recommendation_card_has_why_next_question_analogy_phrases_cost_and_actions(string path)
    {
        var answers = Parse(path);
        var playbook = Transcript.Playbook;
        var rule = CoachBot.Core.Dialogs.Conditions.Decide(playbook.Rules, answers)!;
        var card = new CardFactory(playbook).Recommendation(rule, answers, "we want to fine-tune on our data");
        var text = Transcript.AllText(card);
        var analogy = playbook.AnalogyFor(rule.Recommend)!;

        Assert.Equal(playbook.Approach(rule.Recommend).Headline, card.Title);
        Assert.Contains(playbook.Question(rule.NextQuestion).AskTheBuyer, text);
        // The card never tells the seller to ask what the dialog has just answered: not as the next question, not
        // as a do-say line, not in the deal summary.
        Assert.False(playbook.IsAnswered(playbook.Question(rule.NextQuestion), answers), $"{rule.Id} asks next {rule.NextQuestion}");
        var answered = playbook.Questions.Where(q => playbook.IsAnswered(q, answers)).Select(q => q.AskTheBuyer).ToList();
        Assert.All(card.WithDetailsShown().Blocks.OfType<PhraseBlock>(), p => Assert.DoesNotContain(playbook.Phrase(p.PhraseId).Asks, answers.ContainsKey));
        var summary = Transcript.AllText(new CardFactory(playbook).DealSummary("Acme", rule.Recommend, rule, answers, null));
        Assert.All(answered, question => Assert.DoesNotContain(question, summary));
        Assert.Contains(analogy.Concept, text);
        Assert.Contains(analogy.Breaks, text);
        Assert.Contains(analogy.BuyerLine, text);
        Assert.InRange(card.WithDetailsShown().Blocks.OfType<PhraseBlock>().Count(), 1, CardFactory.MaxPhrasesOnRecommendation);
        Assert.Contains(playbook.Approach(rule.Recommend).Cost.Summary, text);
        Assert.DoesNotContain("{answer:", text);
        // No line repeats itself in brackets ("strict output format (strict output format)", "a few times a year
        // (a few times a year)"): an answer's label is filled in where it adds something.
        Assert.DoesNotMatch(@"(?i)\b(\w[\w/' -]{3,}?)\s*\((?:it changes: )?\1\)", text);
        Assert.DoesNotMatch(@"\([^()]*\([^()]*\)\)", text);
        Assert.Equal(
            [ActionKeys.PostSummary, ActionKeys.StartOver, ActionKeys.MorePhrases],
            card.Actions.Select(a => a.Command.Name));
        Assert.All(card.Actions.Where(a => a.Command.Name != ActionKeys.StartOver),
            a => Assert.Equal(rule.Recommend, a.Command.ToData()[ActionKeys.Recommendation]));

        // Compact first: the headline, one line of why, the question to ask next, one line to say and the analogy in
        // a sentence; the rest behind "Show details".
        var compact = Transcript.CompactText(card);
        var alongside = rule.Alongside is null ? 0 : 1;
        Assert.Equal(4 + alongside, card.Blocks.Count);
        Assert.All(card.Blocks, b => Assert.IsType<TextBlock>(b));
        Assert.Contains(playbook.Question(rule.NextQuestion).AskTheBuyer, compact);
        var whyLine = ((TextBlock)card.Blocks[alongside]).Text;
        var fullWhy = card.Details!.Blocks.SkipWhile(b => b is not HeadingBlock { Text: "Why" }).OfType<TextBlock>().First().Text;
        Assert.StartsWith(whyLine, fullWhy);
        Assert.Matches(@"^[^.?!]+[.?!]$", whyLine);
        Assert.Contains($"Okta analogy: {analogy.Mapping.Split(". ")[0]}", compact);
        Assert.Contains(card.WithDetailsShown().Blocks.OfType<PhraseBlock>().First().DoSay, compact);
        Assert.DoesNotContain(analogy.Breaks, compact);
        Assert.DoesNotContain(playbook.Approach(rule.Recommend).Cost.Summary, compact);
        Assert.Equal(ActionKeys.Details, card.Details.Show.Command.Name);
        Assert.Equal(rule.Recommend, card.Details.Show.Command.ToData()[ActionKeys.Recommendation]);
    }

    [Fact]
    public void Training_card_shows_every_cost_figure_with_its_basis_instead_of_picking_one()
    {
        var playbook = Transcript.Playbook;
        var training = playbook.Approach("training");
        Assert.True(training.Cost.Figures.Count >= 2, "the seeds disagree on training cost; both figures belong in the playbook");
        var answers = new Dictionary<string, string> { ["need"] = "train", ["own-model"] = "ownership", ["training-budget"] = "funded" };
        var rule = CoachBot.Core.Dialogs.Conditions.Decide(playbook.Rules, answers)!;
        var card = new CardFactory(playbook).Recommendation(rule, answers, null);
        var facts = card.WithDetailsShown().Blocks.OfType<FactsBlock>().SelectMany(b => b.Facts).ToList();
        Assert.All(training.Cost.Figures, f =>
        {
            var fact = Assert.Single(facts, x => x.Label == f.Figure);
            Assert.Equal($"{f.Basis} (\u201c{playbook.SourceTitle(f.Source)}\u201d)", fact.Value);
        });
        Assert.Contains(training.Cost.Figures, f => f.Source == "seed-000");
        Assert.Contains(training.Cost.Figures, f => f.Source == "seed-003");
    }

    [Fact]
    public void Training_card_shows_the_articles_disagreements_each_view_with_its_article()
    {
        var playbook = Transcript.Playbook;
        var answers = new Dictionary<string, string> { ["need"] = "train", ["own-model"] = "ownership", ["training-budget"] = "funded" };
        var rule = CoachBot.Core.Dialogs.Conditions.Decide(playbook.Rules, answers)!;
        var card = new CardFactory(playbook).Recommendation(rule, answers, null);

        foreach (var id in new[] { "regulated-data", "auditability", "on-prem-latency" })
        {
            var disagreement = playbook.Disagreements.Single(d => d.Id == id);
            var blocks = card.WithDetailsShown().Blocks.ToList();
            var heading = blocks.FindIndex(b => b is HeadingBlock h && h.Text == $"The articles disagree: {disagreement.Topic}");
            Assert.True(heading >= 0, $"no heading for {id}");
            var views = Assert.IsType<BulletsBlock>(blocks[heading + 1]);
            Assert.Equal(disagreement.Views.Select(v => $"\u201c{playbook.SourceTitle(v.Source)}\u201d: {v.View}"), views.Items);
            Assert.Contains(disagreement.Views, v => v.Source == "seed-004");
            Assert.Contains(disagreement.Views, v => v.Source == "seed-000");
        }
        Assert.DoesNotContain("seed-0", Transcript.AllText(card));
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
            {
                Assert.Contains(claim.Caveat, text);
                Assert.Contains($"cited in \u201c{playbook.SourceTitle(claim.Source)}\u201d", text);
            }
            // Sellers see articles by their titles, never by the playbook's ids.
            Assert.DoesNotMatch(@"(?i)\bseed-\d", text);
        }
    }
}
