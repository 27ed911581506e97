using System.Text.Json.Nodes;

namespace CoachBot.Slack.Conversations;

/// <summary>Where the coach's replies for one conversation go.</summary>
public abstract record SlackDestination
{
    public abstract JsonObject ToJson();

    public static SlackDestination? FromJson(JsonNode? json) => json?["kind"]?.GetValue<string>() switch
    {
        "channel" when json["channel"]?.GetValue<string>() is { Length: > 0 } channel => new ChannelDestination(channel, json["thread"]?.GetValue<string>()),
        "response_url" when json["url"]?.GetValue<string>() is { Length: > 0 } url => new ResponseUrlDestination(url),
        _ => null,
    };
}

/// <summary>A channel or DM, optionally a thread in it: posted with chat.postMessage, visible to its members.</summary>
public sealed record ChannelDestination(string Channel, string? ThreadTs) : SlackDestination
{
    public override JsonObject ToJson() => new() { ["kind"] = "channel", ["channel"] = Channel, ["thread"] = ThreadTs };
}

/// <summary>
/// A slash command's or ephemeral message's response_url: answers only the seller sees, even in channels the bot
/// has not joined.
/// </summary>
public sealed record ResponseUrlDestination(string ResponseUrl) : SlackDestination
{
    public override JsonObject ToJson() => new() { ["kind"] = "response_url", ["url"] = ResponseUrl };
}
