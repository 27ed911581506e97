using System.Text.RegularExpressions;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Slack.Background;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Inbound.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Handlers;

/// <summary>
/// A seller talking to the bot: in its DM (message.im) or by mentioning it in a channel (app_mention). Both run the
/// same coach; in a channel the answer goes into the thread, and the thread is the conversation.
/// </summary>
public abstract class MessageEventHandler<TEvent>(SlackCoach coach, SlackBotUser botUser, SlackWorkQueue queue)
    : ISlackEventHandler<TEvent> where TEvent : MessageEventBase
{
    /// <summary>The conversation and where to answer, or null when this message is not for the coach.</summary>
    protected abstract (ConversationKey Key, ChannelDestination Destination)? Route(string team, TEvent message);

    public Task HandleAsync(string team, TEvent message, CancellationToken cancellationToken)
    {
        var user = message.User;
        // Edits, deletions, joins and bot posts carry a subtype or a bot_id; the bot answers people only.
        if (user is null || message.Subtype is not null || message.BotId is not null) return Task.CompletedTask;
        if (Route(team, message) is not { } route) return Task.CompletedTask;

        var text = SlackMention.Pattern().Replace(message.Text ?? "", " ").Trim();
        queue.TryEnqueue(new SlackWorkItem($"{typeof(TEvent).Name} turn in {route.Key}", async (services, ct) =>
        {
            // Checked here rather than before the ack: auth.test is a Web API call, and the ack must not wait on it.
            if (await botUser.GetAsync(ct) is { } self && self.UserId == user) return;
            var result = await coach.RunAsync(route.Key, Utterance.FromText(text), ct);
            await services.GetRequiredService<SlackReplySender>().SendAsync(route.Destination, result.Replies, ct);
        }));
        return Task.CompletedTask;
    }
}

internal static partial class SlackMention
{
    /// <summary>A user mention in mrkdwn (the bot's own in an app_mention), removed before the coach reads the text.</summary>
    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    public static partial Regex Pattern();
}

public sealed class DirectMessageHandler(SlackCoach coach, SlackBotUser botUser, SlackWorkQueue queue)
    : MessageEventHandler<MessageEvent>(coach, botUser, queue)
{
    protected override (ConversationKey, ChannelDestination)? Route(string team, MessageEvent message)
    {
        // Only DMs: other message events (channels the app may be subscribed to) are not addressed to the coach.
        if (message.ChannelType != "im" || message.Channel is not { } channel) return null;
        return (SlackConversationKeys.ForDirectMessage(team, channel), new ChannelDestination(channel, null));
    }
}

public sealed class AppMentionHandler(SlackCoach coach, SlackBotUser botUser, SlackWorkQueue queue)
    : MessageEventHandler<AppMention>(coach, botUser, queue)
{
    protected override (ConversationKey, ChannelDestination)? Route(string team, AppMention message)
    {
        if (message.Channel is not { } channel || message.Ts is not { } ts) return null;
        var thread = message.ThreadTs ?? ts;
        return (SlackConversationKeys.ForThread(team, channel, thread), new ChannelDestination(channel, thread));
    }
}
