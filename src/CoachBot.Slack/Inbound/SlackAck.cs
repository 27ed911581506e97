using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Slack.Rendering.BlockKit;

namespace CoachBot.Slack.Inbound;

/// <summary>
/// What a request is acknowledged with, as UTF-8 JSON: the body of the HTTP 200, or the payload of a Socket Mode
/// ack. No ack (null) is an empty 200.
/// </summary>
public sealed class SlackAck
{
    private SlackAck(byte[] utf8Json) => Utf8Json = utf8Json;

    public static SlackAck From(JsonObject json) => new(JsonSerializer.SerializeToUtf8Bytes(json));

    /// <summary>A message with its response_type ("ephemeral" or "in_channel").</summary>
    public static SlackAck Message(SlackMessage message, string responseType) => new(message.ToUtf8Json(responseType));

    public byte[] Utf8Json { get; }

    /// <summary>The JSON as text; for logs and tests.</summary>
    public string Json => Encoding.UTF8.GetString(Utf8Json);
}
