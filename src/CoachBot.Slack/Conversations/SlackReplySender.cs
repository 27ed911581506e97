using CoachBot.Slack.Rendering.BlockKit;
using System.Text.Json.Nodes;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.WebApi;

namespace CoachBot.Slack.Conversations;

/// <summary>Delivers rendered replies to a <see cref="SlackDestination"/>.</summary>
public sealed class SlackReplySender(SlackWebApiClient api)
{
    public async Task SendAsync(SlackDestination destination, IEnumerable<Reply> replies, CancellationToken cancellationToken)
    {
        foreach (var message in SlackReplyRenderer.RenderTurn(replies)) await SendAsync(destination, message, cancellationToken);
    }

    public Task SendAsync(SlackDestination destination, SlackMessage message, CancellationToken cancellationToken) =>
        SendAsync(destination, message.ToJsonObject(), cancellationToken);

    private async Task SendAsync(SlackDestination destination, JsonObject message, CancellationToken cancellationToken)
    {
        switch (destination)
        {
            case ChannelDestination channel:
                await api.PostMessageAsync(channel.Channel, message, channel.ThreadTs, cancellationToken);
                break;
            case ResponseUrlDestination response:
                await api.PostToResponseUrlAsync(response.ResponseUrl, Ephemeral(message), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(destination), destination.GetType().Name, "Unknown destination.");
        }
    }

    /// <summary>
    /// A message for one seller only: ephemeral in a channel or thread (chat.postEphemeral) or through response_url;
    /// in a DM, where only the seller reads anyway, an ordinary message that stays.
    /// </summary>
    public Task SendPrivatelyAsync(SlackDestination destination, string userId, SlackMessage message, CancellationToken cancellationToken) =>
        destination is ChannelDestination channel && !SlackConversationKeys.IsDirectMessage(channel.Channel)
            ? api.PostEphemeralAsync(channel.Channel, userId, message.ToJsonObject(), channel.ThreadTs, cancellationToken)
            : SendAsync(destination, message, cancellationToken);

    /// <summary>A response_url message only the seller sees, added below the original rather than replacing it.</summary>
    private static JsonObject Ephemeral(JsonObject message)
    {
        var json = message;
        json["response_type"] = "ephemeral";
        json["replace_original"] = false;
        return json;
    }
}
