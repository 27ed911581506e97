using CoachBot.Core;
using CoachBot.Core.Analytics;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Playbook;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Core.Tests.Dialogs;

/// <summary>Drives the coach turn by turn like a seller would, keeping state between turns.</summary>
public sealed class Transcript
{
    public Transcript(CoachOptions? options = null)
    {
        Coach = TestCoach.Create(time: Clock, options: options);
    }

    public static PlaybookContent Playbook => TestCoach.Playbook;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public Coach Coach { get; }
    public DialogState State { get; set; } = DialogState.Empty;
    public List<AnalyticsEvent> Events { get; } = [];
    public IReadOnlyList<Reply> Last { get; private set; } = [];

    public IReadOnlyList<Reply> Say(string text) => Run(Utterance.FromText(text));

    public IReadOnlyList<Reply> Click(CardAction action) => Run(Utterance.FromAction(action.Command));

    public IReadOnlyList<Reply> Click(params (string Key, string Value)[] data) =>
        Run(Utterance.FromAction(CardCommand.Parse(data.ToDictionary(d => d.Key, d => d.Value))));

    public IReadOnlyList<Reply> Answer(string step, string value) =>
        Click((ActionKeys.Action, ActionKeys.Answer), (ActionKeys.Step, step), (ActionKeys.Value, value));

    private IReadOnlyList<Reply> Run(Utterance utterance)
    {
        var result = Coach.TurnSync(State, utterance);
        State = result.State;
        Events.AddRange(result.Events);
        Last = result.Replies;
        return result.Replies;
    }

    public ChoicePrompt Prompt => Last.OfType<ChoicePrompt>().Single();
    public CoachCard Card(string kind) => Last.OfType<CardReply>().Select(c => c.Card).Single(c => c.Kind == kind);
    public bool Shows(string kind) => Last.OfType<CardReply>().Any(c => c.Card.Kind == kind);
    public string Text => string.Join("\n", Last.OfType<TextReply>().Select(t => t.Text));

    public CoachCard Recommendation => Card("recommendation");

    public static string RecommendationOf(CoachCard card) =>
        ((CardCommand.PostSummary)card.Actions.Single(a => a.Command is CardCommand.PostSummary).Command).Recommendation!;

    /// <summary>All the words on a card, its details included, for content assertions.</summary>
    public static string AllText(CoachCard card) => string.Join("\n", card.WithDetailsShown().Blocks.SelectMany(BlockText).Prepend(card.Title));

    /// <summary>The words of a compact card's compact part: what a seller sees before "Show details".</summary>
    public static string CompactText(CoachCard card) => string.Join("\n", card.Blocks.SelectMany(BlockText).Prepend(card.Title));

    private static IEnumerable<string> BlockText(CardBlock block) => block switch
    {
        HeadingBlock h => [h.Text],
        TextBlock t => [t.Text],
        FactsBlock f => f.Facts.SelectMany(x => new[] { x.Label, x.Value }),
        BulletsBlock b => b.Items,
        NoteBlock n => [n.Text],
        PhraseBlock p => new[] { p.DontSay, p.DoSay, p.Why ?? "" },
        TableBlock t => t.Columns.Concat(t.Rows.SelectMany(r => r)),
        _ => [],
    };
}
