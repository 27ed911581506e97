using CoachBot.Core.Conversation;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Tests.Dialogs;

/// <summary>
/// A seller is half-way through the questions when the enablement team ships a new playbook and the coach restarts
/// with it. A saved dialog whose step or answers the new playbook no longer has starts over with a word of
/// explanation; one the new playbook still fits carries on where it was.
/// </summary>
public sealed class PlaybookChangeTranscriptTests
{
    [Fact]
    public void A_live_dialog_whose_step_the_new_playbook_renamed_starts_over_and_says_why()
    {
        var before = new Transcript();
        before.Say("qualify");
        before.Answer("need", "knowledge");
        Assert.Equal("data-changed", before.Prompt.StepId);

        var newer = WithStepRenamed(Transcript.Playbook, "data-changed", "data-age");
        var after = TestCoach.Create(newer, time: before.Clock).TurnSync(before.State, Utterance.FromText("last month"));

        var said = string.Join("\n", after.Replies.OfType<TextReply>().Select(r => r.Text));
        Assert.Contains("playbook was updated", said);
        var prompt = Assert.Single(after.Replies.OfType<ChoicePrompt>());
        Assert.Equal("need", prompt.StepId);
        Assert.Equal("need", after.State.StepId);
        Assert.Empty(after.State.Answers);
        Assert.DoesNotContain(after.Replies.OfType<CardReply>(), c => c.Card.Kind == "recommendation");
    }

    [Fact]
    public void A_saved_answer_with_a_choice_the_new_playbook_dropped_starts_over_and_a_command_is_still_obeyed()
    {
        var before = new Transcript();
        before.Say("qualify");
        before.Answer("need", "knowledge");

        var newer = WithChoiceDropped(Transcript.Playbook, "need", "knowledge");
        var after = TestCoach.Create(newer, time: before.Clock).TurnSync(before.State, Utterance.FromText("help"));

        Assert.Contains("playbook was updated", string.Join("\n", after.Replies.OfType<TextReply>().Select(r => r.Text)));
        Assert.Contains(after.Replies.OfType<CardReply>(), c => c.Card.Kind == "help");
        Assert.True(after.State.IsIdle);
        Assert.Empty(after.State.Answers);
    }

    [Fact]
    public void A_live_dialog_the_new_playbook_still_fits_carries_on_without_a_word_about_it()
    {
        var before = new Transcript();
        before.Say("qualify");
        before.Answer("need", "knowledge");

        var newer = WithStepRenamed(Transcript.Playbook, "change", "kind-of-change");
        var after = TestCoach.Create(newer, time: before.Clock).TurnSync(before.State, Utterance.FromText("last month"));

        Assert.DoesNotContain("playbook was updated", string.Join("\n", after.Replies.OfType<TextReply>().Select(r => r.Text)));
        Assert.Equal("knowledge", after.State.Answers["need"]);
        Assert.Equal("month", after.State.Answers["data-changed"]);
    }

    private static PlaybookContent WithStepRenamed(PlaybookContent playbook, string stepId, string newId) =>
        WithQualifySteps(playbook, steps => steps.Select(s => s.Id != stepId ? s : new DialogStep
        {
            Id = newId, Label = s.Label, Kind = s.Kind, Prompt = s.Prompt, RetryPrompt = s.RetryPrompt, Question = s.Question,
            Choices = s.Choices, When = s.When,
        }));

    private static PlaybookContent WithChoiceDropped(PlaybookContent playbook, string stepId, string value) =>
        WithQualifySteps(playbook, steps => steps.Select(s => s.Id != stepId ? s : new DialogStep
        {
            Id = s.Id, Label = s.Label, Kind = s.Kind, Prompt = s.Prompt, RetryPrompt = s.RetryPrompt, Question = s.Question,
            Choices = s.Choices.Where(c => c.Value != value).ToList(), When = s.When,
        }));

    private static PlaybookContent WithQualifySteps(PlaybookContent p, Func<IReadOnlyList<DialogStep>, IEnumerable<DialogStep>> change) => new()
    {
        Sources = p.Sources, Approaches = p.Approaches, Analogies = p.Analogies, Phrases = p.Phrases, Questions = p.Questions,
        Glossary = p.Glossary, Rules = p.Rules, Claims = p.Claims, Disagreements = p.Disagreements,
        Dialogs = p.Dialogs.Select(d => d.Id != "qualify" ? d : new DialogDefinition { Id = d.Id, Steps = change(d.Steps).ToList() }).ToList(),
        LookupExamples = p.LookupExamples, NeedExamples = p.NeedExamples, ChangeExamples = p.ChangeExamples,
        DataChangedExamples = p.DataChangedExamples, NeedCues = p.NeedCues, RecencyCues = p.RecencyCues, CueWords = p.CueWords,
    };
}
