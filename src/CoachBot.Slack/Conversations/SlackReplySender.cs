using CoachBot.Core.Rendering.BlockKit;
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
            case DirectMessageDestination dm:
                var channelId = await api.OpenConversationAsync(dm.UserId, cancellationToken);
                await api.PostMessageAsync(channelId, message, cancellationToken: cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(destination), destination.GetType().Name, "Unknown destination.");
        }
    }

    /// <summary>A response_url message only the seller sees, added below the original rather than replacing it.</summary>
    private static JsonObject Ephemeral(JsonObject message)
    {
        var json = message;
        json["response_type"] = "ephemeral";
        json["replace_original"] = false;
        return json;
    }
}
