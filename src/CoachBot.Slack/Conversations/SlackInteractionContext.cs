using System.Text.Json;
using CoachBot.Core.State;
using CoachBot.Slack.Inbound;
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
        Interaction interaction, SlackWebApiClient api, CancellationToken cancellationToken)
    {
        var payload = interaction.Payload;
        var team = interaction.Team;
        var user = payload.GetPathString("user", "id");
        if (team is null || user is null) return null;

        var container = payload.GetObjectOrUndefined("container");
        var channel = payload.GetPathString("channel", "id") ?? container.GetStringOrNull("channel_id");
        if (container.GetStringOrNull("type") == "view" || channel is null)
        {
            var dm = await api.OpenConversationAsync(user, cancellationToken);
            return (SlackConversationKeys.ForDirectMessage(team, dm), new ChannelDestination(dm, null));
        }
        if (container.GetBoolean("is_ephemeral"))
        {
            return payload.GetStringOrNull("response_url") is { } responseUrl
                ? (SlackConversationKeys.ForSeller(team, channel, user), new ResponseUrlDestination(responseUrl))
                : null;
        }
        if (SlackConversationKeys.IsDirectMessage(channel))
            return (SlackConversationKeys.ForDirectMessage(team, channel), new ChannelDestination(channel, null));

        var message = payload.GetObjectOrUndefined("message");
        var thread = message.GetStringOrNull("thread_ts") ?? message.GetStringOrNull("ts") ?? container.GetStringOrNull("message_ts");
        return thread is null ? null : (SlackConversationKeys.ForThread(team, channel, thread), new ChannelDestination(channel, thread));
    }

    /// <summary>The first action of a block_actions payload (Slack sends one per click).</summary>
    public static JsonElement FirstAction(JsonElement payload) =>
        payload.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0
            ? actions[0]
            : default;
}
