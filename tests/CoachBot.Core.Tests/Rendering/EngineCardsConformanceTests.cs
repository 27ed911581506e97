using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Rendering.AdaptiveCards;
using CoachBot.Core.Rendering.BlockKit;
using CoachBot.Core.Tests.Dialogs;

namespace CoachBot.Core.Tests.Rendering;

/// <summary>
/// Every card and prompt the engine can produce from the shipped playbook, rendered for Teams / Web Chat and Slack:
/// valid against the Adaptive Card 1.5 schema, within Slack's limits, with a text fallback.
/// </summary>
public class EngineCardsConformanceTests
{
    private static IEnumerable<(string Name, Reply Reply)> EngineReplies()
    {
        var playbook = Transcript.Playbook;
        var factory = new CardFactory(playbook);
        yield return ("welcome", new CardReply(factory.Welcome()));
        yield return ("help", new CardReply(factory.Help()));
        yield return ("prep", new CardReply(factory.Prep()));
        yield return ("more phrases", new CardReply(factory.MorePhrases(null)));
        foreach (var question in playbook.Questions) yield return ($"coaching {question.Id}", new CardReply(factory.Coaching(question)));
        foreach (var rule in playbook.Rules)
        {
            var answers = rule.When.ToDictionary(w => w.Key, w => w.Value[0]);
            yield return ($"recommendation {rule.Id}", new CardReply(factory.Recommendation(rule, answers, "the CIO wants to fine-tune on three years of procurement policy")));
            yield return ($"summary {rule.Id}", new PostToDealChannel(factory.DealSummary("Department of Examples", rule.Recommend, rule, answers, "we want to fine-tune"), "Department of Examples"));
            yield return ($"phrases for {rule.Recommend}", new CardReply(factory.MorePhrases(rule.Recommend)));
        }
        foreach (var step in playbook.Dialog("qualify").Steps)
        {
            yield return ($"way out {step.Id}", new CardReply(factory.WayOut(step)));
            yield return ($"prompt {step.Id}", new ChoicePrompt(step.Id, step.Prompt,
                step.Choices.Where(c => !c.Hidden).Select(c => new PromptChoice(c.Value, c.Label, c.Short)).ToList()));
        }

        // Cards that come out of real turns: understood, look-ups (phrase, glossary, analogy, no match).
        var transcript = new Transcript();
        foreach (var input in new[] { "coach: the CIO wants to fine-tune on three years of procurement policy", "phrase expensive", "what is LoRA", "analogy for fine-tuning", "phrase weather in paris" })
        {
            foreach (var reply in transcript.Say(input)) yield return ($"turn '{input}'", reply);
        }
    }

    public static TheoryData<string> Names() => [.. EngineReplies().Select(r => r.Name).Distinct()];

    [Theory]
    [MemberData(nameof(Names))]
    public void Engine_output_is_valid_Adaptive_Card_1_5_in_both_action_modes(string name)
    {
        foreach (var (_, reply) in EngineReplies().Where(r => r.Name == name))
        {
            foreach (var renderer in new[] { new AdaptiveCardRenderer(), new AdaptiveCardRenderer(AdaptiveActionKind.Execute) })
            {
                var card = reply switch
                {
                    CardReply c => renderer.Render(c.Card),
                    PostToDealChannel p => renderer.Render(p.Card),
                    ChoicePrompt p => renderer.Render(p),
                    _ => null,
                };
                if (card is null) continue;
                var errors = AdaptiveCardConformanceTests.Validate(card.ToJsonString());
                Assert.True(errors.Count == 0, $"{name}: {AdaptiveCardConformanceTests.Describe(errors)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Engine_output_fits_Slack_limits_and_has_a_text_fallback(string name)
    {
        foreach (var (_, reply) in EngineReplies().Where(r => r.Name == name))
        {
            var message = new BlockKitRenderer().Render(reply);
            Assert.False(string.IsNullOrWhiteSpace(message.Text), $"{name}: no text fallback");
            Assert.InRange(message.Text.Length, 1, BlockKitLimits.SectionText);
            Assert.InRange(message.Blocks?.Count ?? 0, 0, BlockKitLimits.MessageBlocks);
        }
    }

    [Fact]
    public void Every_rule_and_prompt_step_is_covered()
    {
        var names = EngineReplies().Select(r => r.Name).ToHashSet();
        Assert.All(Transcript.Playbook.Rules, r => Assert.Contains($"recommendation {r.Id}", names));
        Assert.Contains(EngineReplies(), r => r.Reply is CardReply { Card.Kind: "understood" });
        Assert.Contains(EngineReplies(), r => r.Reply is CardReply { Card.Kind: "phrases" });
    }
}
