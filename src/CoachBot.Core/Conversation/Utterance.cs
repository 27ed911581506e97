namespace CoachBot.Core.Conversation;

/// <summary>
/// What the seller said or clicked, already translated by a channel adapter.
/// Text is the message with channel markup (mentions, slash-command names) removed.
/// </summary>
public sealed record Utterance(string? Text, IReadOnlyDictionary<string, string>? Action = null)
{
    public static Utterance FromText(string text) => new(text);
    public static Utterance FromAction(IReadOnlyDictionary<string, string> data) => new(null, data);
}
