using System.Net;
using CoachBot.BotFramework.Connector;
using CoachBot.BotFramework.Rendering;
using CoachBot.BotFramework.Schema;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using Microsoft.Extensions.Logging;

namespace CoachBot.BotFramework.Teams;

/// <summary>
/// Deal-channel summaries in Teams. The team channels the bot was added to are remembered; when the coach hands
/// over a <see cref="PostToDealChannel"/>, the seller picks one of them on a card, and the summary card is posted
/// there as a new thread. The pick comes back as the same "post summary" command with its
/// <see cref="CardCommand.PostSummary.DealChannel"/>, so the coach rebuilds the summary from saved state and no card
/// is kept between turns.
/// </summary>
public sealed partial class DealChannels(
    IConversationReferenceStore references,
    ConnectorClient connector,
    ReplyActivities activities,
    TimeProvider time,
    ILogger<DealChannels> logger)
{
    /// <summary>Remembers the team channel an authenticated activity came from.</summary>
    public async Task RememberAsync(TeamsChannelReference channel, CancellationToken cancellationToken) =>
        await references.UpsertAsync(channel.ToRecord(time.GetUtcNow()), cancellationToken);

    public async Task ForgetChannelAsync(string tenantId, string channelId, CancellationToken cancellationToken)
    {
        var known = await references.ListAsync(TeamsChannelReference.Channel, tenantId, cancellationToken);
        if (known.Any(r => r.Id == channelId)) await references.RemoveAsync(TeamsChannelReference.Channel, channelId, cancellationToken);
    }

    /// <summary>Forgets every channel of a team (the app was removed from it, or the team was deleted).</summary>
    public async Task ForgetTeamAsync(string tenantId, string teamId, CancellationToken cancellationToken)
    {
        foreach (var record in await references.ListAsync(TeamsChannelReference.Channel, tenantId, cancellationToken))
        {
            if (TeamsChannelReference.FromRecord(record)?.TeamId == teamId)
                await references.RemoveAsync(TeamsChannelReference.Channel, record.Id, cancellationToken);
        }
    }

    /// <summary>
    /// The replies for a summary the seller wants posted: the channel choice, the outcome of posting to the chosen
    /// channel, or, outside Teams, the card itself with a note.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> HandleAsync(PostToDealChannel post, Utterance utterance, Activity inbound, CancellationToken cancellationToken)
    {
        var tenant = TeamsChannelData.TenantOf(inbound);
        if (inbound.ChannelId != Channels.Teams || tenant is null)
        {
            return
            [
                activities.CardMessage(inbound, post.Card),
                Text(inbound, "Posting to a deal channel works in Microsoft Teams. Here is the summary to copy instead."),
            ];
        }

        var channels = (await references.ListAsync(TeamsChannelReference.Channel, tenant, cancellationToken))
            .Select(r => (Record: r, Reference: TeamsChannelReference.FromRecord(r)))
            .Where(c => c.Reference is not null)
            .ToList();

        if (utterance.Action is CardCommand.PostSummary { DealChannel: { } chosen })
        {
            var channel = channels.FirstOrDefault(c => c.Record.Id == chosen);
            if (channel.Reference is null)
                return [Text(inbound, "I'm no longer in that channel. Say \u201cpost summary\u201d to pick another one.")];
            return [await PostAsync(post, channel.Reference, inbound, cancellationToken)];
        }

        if (channels.Count == 0)
        {
            return
            [
                activities.CardMessage(inbound, post.Card),
                Text(inbound, "I'm not in any team channel yet. Add CoachBot to the deal team (Apps, then Add to a team), then say \u201cpost summary\u201d again. Meanwhile, here is the summary to copy."),
            ];
        }

        return [activities.CardMessage(inbound, ChoiceCard(post, utterance, channels.Select(c => (c.Record.Id, c.Record.DisplayName))))];
    }

    private static CoachCard ChoiceCard(PostToDealChannel post, Utterance utterance, IEnumerable<(string Id, string Name)> channels)
    {
        // Each button repeats the command that asked for the summary (so the coach rebuilds the same one) plus the channel.
        var request = utterance.Action as CardCommand.PostSummary ?? new CardCommand.PostSummary(Recommendation: null);
        var buttons = channels
            .Select(c => new CardAction(c.Name, request with { DealChannel = c.Id }))
            .ToList();
        return new CoachCard("deal-channel-choice", $"Post the {post.AccountName} summary to which channel?",
            [new TextBlock("It starts a new thread there, so the team can reply to it.", TextStyle.Subtle)], buttons)
        {
            Summary = $"Choose a channel for the {post.AccountName} summary",
        };
    }

    private async Task<Activity> PostAsync(PostToDealChannel post, TeamsChannelReference channel, Activity inbound, CancellationToken cancellationToken)
    {
        var summary = activities.CardActivity(post.Card, inbound.ChannelId);
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Bot = channel.BotId is null ? null : new ChannelAccount { Id = channel.BotId },
            TenantId = channel.TenantId,
            Activity = summary,
            ChannelData = new System.Text.Json.Nodes.JsonObject
            {
                ["channel"] = new System.Text.Json.Nodes.JsonObject { ["id"] = channel.ChannelId },
                ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = channel.TenantId },
            },
        };
        try
        {
            await connector.CreateConversationAsync(channel.ServiceUrl, parameters, cancellationToken);
            return Text(inbound, $"Posted the {post.AccountName} summary to {channel.DisplayName}.");
        }
        catch (ConnectorException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            LogPostRefused(channel.ChannelId, (int)e.StatusCode, e.ErrorCode);
            // The bot was removed from the team (or the channel is gone): forget it so it is not offered again.
            await references.RemoveAsync(TeamsChannelReference.Channel, channel.ChannelId, cancellationToken);
            return Text(inbound, $"I couldn't post to {channel.DisplayName}: I'm no longer a member there (the app may have been removed from the team). " +
                "Ask a team owner to add CoachBot to the team again, then say \u201cpost summary\u201d, or pick another channel.");
        }
        catch (ConnectorException e)
        {
            LogPostFailed(channel.ChannelId, (int)e.StatusCode, e.ErrorCode);
            return Text(inbound, $"Teams didn't accept the summary for {channel.DisplayName} (error {(int)e.StatusCode}). Please try again in a minute.");
        }
        catch (HttpRequestException e)
        {
            LogPostUnreachable(channel.ChannelId, e);
            return Text(inbound, $"I couldn't reach Teams to post to {channel.DisplayName}. Please try again in a minute.");
        }
    }

    private static Activity Text(Activity inbound, string text) =>
        ReplyActivities.ReplyTo(inbound, new Activity { Type = ActivityTypes.Message, Text = text });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting a deal summary to channel {ChannelId} was refused ({Status} {Code}); reference removed")]
    private partial void LogPostRefused(string channelId, int status, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting a deal summary to channel {ChannelId} failed ({Status} {Code})")]
    private partial void LogPostFailed(string channelId, int status, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting a deal summary to channel {ChannelId} failed: connector unreachable")]
    private partial void LogPostUnreachable(string channelId, Exception exception);
}
