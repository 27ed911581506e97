using System.Text.Json;
using System.Text.RegularExpressions;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Slack.Background;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Handlers;

/// <summary>
/// A seller talking to the bot: in its DM (message.im) or by mentioning it in a channel (app_mention). Both run the
/// same coach; in a channel the answer goes into the thread, and the thread is the conversation.
/// </summary>
public abstract partial class MessageEventHandler(SlackCoach coach, SlackBotUser botUser, SlackWorkQueue queue) : ISlackEventHandler
{
    public abstract string EventType { get; }

    /// <summary>The conversation and where to answer, or null when this message is not for the coach.</summary>
    protected abstract (ConversationKey Key, ChannelDestination Destination)? Route(string team, JsonElement message);

    public Task HandleAsync(EventCallback callback, CancellationToken cancellationToken)
    {
        var message = callback.Event;
        var user = message.GetStringOrNull("user");
        // Edits, deletions, joins and bot posts carry a subtype or a bot_id; the bot answers people only.
        if (user is null || message.GetStringOrNull("subtype") is not null || message.GetStringOrNull("bot_id") is not null) return Task.CompletedTask;
        if (Route(callback.Team, message) is not { } route) return Task.CompletedTask;

        var text = Mention().Replace(message.GetStringOrEmpty("text"), " ").Trim();
        queue.TryEnqueue(new SlackWorkItem($"{EventType} turn in {route.Key}", async (services, ct) =>
        {
            // Checked here rather than before the ack: auth.test is a Web API call, and the ack must not wait on it.
            if (await botUser.GetAsync(ct) is { } self && self.UserId == user) return;
            var result = await coach.RunAsync(route.Key, Utterance.FromText(text), ct);
            await services.GetRequiredService<SlackReplySender>().SendAsync(route.Destination, result.Replies, ct);
        }));
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mention();
}

public sealed class DirectMessageHandler(SlackCoach coach, SlackBotUser botUser, SlackWorkQueue queue)
    : MessageEventHandler(coach, botUser, queue)
{
    public override string EventType => "message";

    protected override (ConversationKey, ChannelDestination)? Route(string team, JsonElement message)
    {
        // Only DMs: other message events (channels the app may be subscribed to) are not addressed to the coach.
        if (message.GetStringOrNull("channel_type") != "im" || message.GetStringOrNull("channel") is not { } channel) return null;
        return (SlackConversationKeys.ForDirectMessage(team, channel), new ChannelDestination(channel, null));
    }
}

public sealed class AppMentionHandler(SlackCoach coach, SlackBotUser botUser, SlackWorkQueue queue)
    : MessageEventHandler(coach, botUser, queue)
{
    public override string EventType => "app_mention";

    protected override (ConversationKey, ChannelDestination)? Route(string team, JsonElement message)
    {
        if (message.GetStringOrNull("channel") is not { } channel || message.GetStringOrNull("ts") is not { } ts) return null;
        var thread = message.GetStringOrNull("thread_ts") ?? ts;
        return (SlackConversationKeys.ForThread(team, channel, thread), new ChannelDestination(channel, thread));
    }
}
