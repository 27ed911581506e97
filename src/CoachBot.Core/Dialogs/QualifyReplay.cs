using CoachBot.Core.Analytics;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Dialogs;

/// <summary>
/// Where the qualify dialog stands after some answers, for a client that keeps the answers itself (the phrase
/// finder page): the next question, or the rule that decided. <see cref="Notes"/> are the other replies of the
/// last turn (the coaching shown for "not sure"); <see cref="Events"/> its analytics.
/// </summary>
public sealed record QualifyProgress(
    IReadOnlyDictionary<string, string> Answers,
    ChoicePrompt? Question,
    DecisionRule? Rule,
    IReadOnlyList<Reply> Notes,
    IReadOnlyList<AnalyticsEvent> Events);

/// <summary>
/// The qualify dialog without stored state: the answers a client sends are pressed, in the dialog's own order, as
/// the buttons of <see cref="Coach.TurnAsync"/> would be, so the page asks exactly what every channel asks and
/// the coach's decision table decides. Nothing is stored.
/// </summary>
public static class QualifyReplay
{
    /// <summary>Answers beyond this are not a dialog (the shipped one has at most five steps on any path).</summary>
    public const int MaxAnswers = 16;

    /// <summary>The progress, or null and the problem in a few words (an unknown step or value, an answer that does not apply).</summary>
    public static async Task<(QualifyProgress? Progress, string? Problem)> RunAsync(
        Coach coach, IReadOnlyDictionary<string, string> answers, CancellationToken cancellationToken = default)
    {
        if (answers.Count > MaxAnswers) return (null, $"at most {MaxAnswers} answers");

        var result = await coach.TurnAsync(DialogState.Empty, Utterance.FromAction(new CardCommand.Qualify()), cancellationToken);
        var pending = new Dictionary<string, string>(answers);
        while (result.State.StepId is { } step && pending.Remove(step, out var value))
        {
            var before = result.State.Answers.Count;
            result = await coach.TurnAsync(result.State, Utterance.FromAction(new CardCommand.Answer(step, value)), cancellationToken);
            var taken = result.State.LastRecommendation is not null || result.State.Answers.ContainsKey(step);
            // A "not sure" choice coaches and asks again: the answer stays open, and the client shows the coaching.
            var coached = !taken && result.State.StepId == step && result.State.Answers.Count == before && IsCoachChoice(coach, step, value);
            if (!taken && !coached) return (null, $"'{value}' is not an answer to '{step}'");
            if (coached) break;
        }
        if (pending.Count > 0)
            return (null, $"{string.Join(", ", pending.Keys.Select(k => $"'{k}'"))} {(pending.Count == 1 ? "is" : "are")} not asked after these answers");

        var state = result.State;
        var rule = state.LastRecommendation is null ? null : Conditions.Decide(coach.Playbook.Rules, state.Answers);
        var question = rule is null ? result.Replies.OfType<ChoicePrompt>().LastOrDefault() : null;
        var notes = result.Replies.Where(r => r is not ChoicePrompt && !(r is CardReply { Card.Kind: "recommendation" })).ToList();
        return (new QualifyProgress(state.Answers, question, rule, notes, result.Events), null);
    }

    private static bool IsCoachChoice(Coach coach, string step, string value) =>
        coach.Playbook.Dialog(Coach.QualifyDialogId).Steps.FirstOrDefault(s => s.Id == step)?.Choices.Any(c => c.Coach && c.Value == value) == true;
}
