using System.Text.Json.Nodes;

namespace CoachBot.Slack.WebApi;

/// <summary>
/// A message body for chat.* methods and response_url: the plain-text fallback (notifications, screen readers)
/// and the Block Kit blocks, when there are any.
/// </summary>
public sealed record SlackMessage(string Text, JsonArray? Blocks = null)
{
    /// <summary>The message's fields as JSON; the blocks are deep-copied so one message can be sent twice.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["text"] = Text };
        if (Blocks is { Count: > 0 }) json["blocks"] = Blocks.DeepClone();
        return json;
    }
}

/// <summary>Where chat.postMessage put a message.</summary>
public sealed record PostedMessage(string Channel, string Ts);

/// <summary>Who the bot token belongs to (auth.test).</summary>
public sealed record SlackBotIdentity(string UserId, string? BotId, string TeamId);
