using CoachBot.Core.Cards;
using CoachBot.Core.Dialogs;

namespace CoachBot.Core.Conversation;

/// <summary>
/// What the seller said or clicked, already translated by a channel adapter.
/// Text is the message with channel markup (mentions, slash-command names) removed; <see cref="Action"/> is the
/// command of the card button clicked, parsed from the channel's data at its edge.
/// </summary>
public sealed record Utterance(string? Text, CardCommand? Action = null)
{
    /// <summary>
    /// What <see cref="CommandParser"/> read in <see cref="Text"/>, when the channel parsed it already (Slack's slash
    /// command decides by it what to answer at once); the coach then does not parse the text again.
    /// </summary>
    public ParsedCommand? Parsed { get; private init; }

    public static Utterance FromText(string text) => new(text);

    /// <summary>Typed text and what <see cref="CommandParser.Parse"/> made of it.</summary>
    public static Utterance FromParsed(string text, ParsedCommand parsed) => new(text) { Parsed = parsed };

    public static Utterance FromAction(CardCommand command) => new(null, command);
}
