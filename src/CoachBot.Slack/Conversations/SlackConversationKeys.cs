using CoachBot.Core.State;

namespace CoachBot.Slack.Conversations;

/// <summary>
/// Conversation keys for Slack. A DM is one conversation; in a channel each thread is its own conversation, so two
/// sellers coaching in the same channel do not share a dialog; a slash-command dialog is private to its seller.
/// </summary>
public static class SlackConversationKeys
{
    public static ConversationKey ForDirectMessage(string team, string channel) => new($"slack:{team}:{channel}:");

    public static ConversationKey ForThread(string team, string channel, string threadTs) => new($"slack:{team}:{channel}:{threadTs}");

    public static ConversationKey ForSeller(string team, string channel, string user) => new($"slack:{team}:{channel}:user-{user}");

    /// <summary>DM channel ids start with D; channels (C) and private channels / group DMs (G) do not.</summary>
    public static bool IsDirectMessage(string channel) => channel.StartsWith('D');
}
