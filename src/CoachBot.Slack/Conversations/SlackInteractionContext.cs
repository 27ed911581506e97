using CoachBot.Core.State;
using CoachBot.Slack.Inbound.Payloads;
using CoachBot.Slack.WebApi;

namespace CoachBot.Slack.Conversations;

/// <summary>
/// Which conversation a button click belongs to and where its answer goes, read from where the button was:
/// an ephemeral answer (the seller's private slash-command dialog, answered through response_url), a DM, a channel
/// thread, or the App Home tab (answered in the seller's DM).
/// </summary>
public static class SlackInteractionContext
{
    public static async Task<(ConversationKey Key, SlackDestination Destination)?> ResolveAsync(
        BlockActionsPayload payload, SlackWebApiClient api, CancellationToken cancellationToken)
    {
        var team = payload.TeamId;
        var user = payload.User?.Id;
        if (team is null || user is null) return null;

        var container = payload.Container;
        var channel = payload.Channel?.Id ?? container?.ChannelId;
        if (container?.Type == "view" || channel is null)
        {
            var dm = await api.OpenConversationAsync(user, cancellationToken);
            return (SlackConversationKeys.ForDirectMessage(team, dm), new ChannelDestination(dm, null));
        }
        if (container?.IsEphemeral == true)
        {
            return payload.ResponseUrl is { } responseUrl
                ? (SlackConversationKeys.ForSeller(team, channel, user), new ResponseUrlDestination(responseUrl))
                : null;
        }
        if (SlackConversationKeys.IsDirectMessage(channel))
            return (SlackConversationKeys.ForDirectMessage(team, channel), new ChannelDestination(channel, null));

        var thread = payload.Message?.ThreadTs ?? payload.Message?.Ts ?? container?.MessageTs;
        return thread is null ? null : (SlackConversationKeys.ForThread(team, channel, thread), new ChannelDestination(channel, thread));
    }
}
