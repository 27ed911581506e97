using CoachBot.Core.Cards;

namespace CoachBot.Core.Conversation;

/// <summary>
/// What the seller said or clicked, already translated by a channel adapter.
/// Text is the message with channel markup (mentions, slash-command names) removed; <see cref="Action"/> is the
/// command of the card button clicked, parsed from the channel's data at its edge.
/// </summary>
public sealed record Utterance(string? Text, CardCommand? Action = null)
{
    public static Utterance FromText(string text) => new(text);

    public static Utterance FromAction(CardCommand command) => new(null, command);
}
