using System.Text.Json.Nodes;

namespace CoachBot.Slack.Inbound;

/// <summary>
/// What a request is acknowledged with, as JSON text: the body of the HTTP 200, or the payload of a Socket Mode ack.
/// No ack (null) is an empty 200.
/// </summary>
public sealed record SlackAck(string Json)
{
    public static SlackAck From(JsonObject json) => new(json.ToJsonString());
}
