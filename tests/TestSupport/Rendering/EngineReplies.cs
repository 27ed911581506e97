using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Playbook;

namespace CoachBot.TestSupport.Rendering;

/// <summary>
/// Every card and prompt the engine can produce from the shipped playbook, named, for the channels' conformance tests
/// (each renders them all in its own format).
/// </summary>
public static class EngineReplies
{
    public static PlaybookContent Playbook => TestCoach.Playbook;

    public static IEnumerable<(string Name, Reply Reply)> All()
    {
        var factory = new CardFactory(Playbook);
        yield return ("welcome", new CardReply(factory.Welcome()));
        yield return ("help", new CardReply(factory.Help()));
        yield return ("prep", new CardReply(factory.Prep()));
        yield return ("more phrases", new CardReply(factory.MorePhrases(null)));
        foreach (var question in Playbook.Questions) yield return ($"coaching {question.Id}", new CardReply(factory.Coaching(question)));
        foreach (var rule in Playbook.Rules)
        {
            var answers = rule.When.ToDictionary(w => w.Key, w => w.Value[0]);
            var recommendation = factory.Recommendation(rule, answers, "the CIO wants to fine-tune on three years of procurement policy");
            yield return ($"recommendation {rule.Id}", new CardReply(recommendation));
            yield return ($"recommendation in full {rule.Id}", new CardReply(recommendation.WithDetailsShown()));
            yield return ($"summary {rule.Id}", new PostToDealChannel(factory.DealSummary("Department of Examples", rule.Recommend, rule, answers, "we want to fine-tune"), "Department of Examples"));
            yield return ($"phrases for {rule.Recommend}", new CardReply(factory.MorePhrases(rule.Recommend)));
        }
        foreach (var step in Playbook.Dialog("qualify").Steps)
        {
            yield return ($"way out {step.Id}", new CardReply(factory.WayOut(step)));
            yield return ($"prompt {step.Id}", new ChoicePrompt(step.Id, step.Prompt,
                step.Choices.Where(c => !c.Hidden).Select(c => new PromptChoice(c.Value, c.Label, c.Short)).ToList()));
        }

        // Cards that come out of real turns: understood, look-ups (phrase, glossary, analogy, no match, one with a
        // "See also" row of related answers).
        var coach = TestCoach.Create(Playbook);
        var state = DialogState.Empty;
        foreach (var input in new[] { "coach: the CIO wants to fine-tune on three years of procurement policy so contracting officers can ask questions", "phrase expensive", "what is LoRA", "analogy for fine-tuning", "phrase weather in paris" })
        {
            var turn = coach.TurnSync(state, Utterance.FromText(input));
            state = turn.State;
            foreach (var reply in turn.Replies) yield return ($"turn '{input}'", reply);
        }
        var related = coach.TurnSync(state, Utterance.FromText(RelatedLookup)).Replies.OfType<CardReply>().Single().Card;
        yield return ("related answers", new CardReply(related));
        var pressed = coach.TurnSync(state, Utterance.FromAction(related.Actions[0].Command));
        foreach (var reply in pressed.Replies) yield return ("related answer pressed", reply);
    }

    /// <summary>A look-up whose card offers related answers: it asks for a term and for its identity analogy at once.</summary>
    public const string RelatedLookup = "whats a foundation model, okta style";

    public static TheoryData<string> Names() => [.. All().Select(r => r.Name).Distinct()];

    /// <summary>The replies of one name (a turn gives several).</summary>
    public static IEnumerable<Reply> Named(string name) => All().Where(r => r.Name == name).Select(r => r.Reply);
}
