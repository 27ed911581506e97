using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Slack.Rendering.BlockKit;

namespace CoachBot.Slack.Inbound;

/// <summary>
/// What a request is acknowledged with, as UTF-8 JSON: the body of the HTTP 200, or the payload of a Socket Mode
/// ack. No ack (null) is an empty 200. A message ack (a slash command's answer) is serialized when it is written,
/// straight into the response.
/// </summary>
public sealed class SlackAck
{
    private readonly byte[]? _json;
    private readonly SlackMessage? _message;
    private readonly string? _responseType;

    private SlackAck(byte[]? json, SlackMessage? message, string? responseType)
    {
        _json = json;
        _message = message;
        _responseType = responseType;
    }

    public static SlackAck From(JsonObject json) => new(JsonSerializer.SerializeToUtf8Bytes(json), null, null);

    /// <summary>A message with its response_type ("ephemeral" or "in_channel").</summary>
    public static SlackAck Message(SlackMessage message, string responseType) => new(null, message, responseType);

    /// <summary>The JSON, copied; for Socket Mode, logs and tests.</summary>
    public byte[] Utf8Json => _json ?? _message!.ToUtf8Json(_responseType);

    /// <summary>The JSON as text; for logs and tests.</summary>
    public string Json => Encoding.UTF8.GetString(Utf8Json);

    /// <summary>Hands the JSON to <paramref name="use"/> without copying it; see <see cref="SlackMessage.WithUtf8Json"/>.</summary>
    public TResult WithUtf8Json<TState, TResult>(Utf8JsonUse<TState, TResult> use, TState state) =>
        _json is not null ? use(_json, state) : _message!.WithUtf8Json(_responseType, use, state);
}
