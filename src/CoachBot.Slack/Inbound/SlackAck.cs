using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoachBot.Slack.Inbound;

/// <summary>
/// What a request is acknowledged with, as UTF-8 JSON: the body of the HTTP 200, or the payload of a Socket Mode
/// ack. Kept as bytes because a slash command's answer is written straight to the response. No ack (null) is an
/// empty 200.
/// </summary>
public sealed class SlackAck
{
    private readonly byte[] _utf8Json;

    public SlackAck(byte[] utf8Json) => _utf8Json = utf8Json;

    public ReadOnlyMemory<byte> Utf8Json => _utf8Json;

    /// <summary>The JSON as text, for logs and tests; the hot path uses <see cref="Utf8Json"/>.</summary>
    public string Json => Encoding.UTF8.GetString(_utf8Json);

    public static SlackAck From(JsonObject json) => new(JsonSerializer.SerializeToUtf8Bytes(json));
}
