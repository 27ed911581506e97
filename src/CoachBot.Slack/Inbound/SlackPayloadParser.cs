using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Web;
using Microsoft.Net.Http.Headers;

namespace CoachBot.Slack.Inbound;

/// <summary>A request body that is not a payload Slack sends. Answered with 400 and the message.</summary>
public sealed class SlackPayloadException(string message) : Exception(message);

/// <summary>
/// Turns a verified request body into a <see cref="SlackInbound"/>. Form bodies carry either an interaction
/// (a single <c>payload</c> field holding JSON), a slash command, or an ssl_check; anything else is JSON from the
/// Events API. Every malformed shape becomes a <see cref="SlackPayloadException"/>, never another exception.
/// </summary>
public static class SlackPayloadParser
{
    public static SlackInbound ParseHttpBody(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span)) throw new SlackPayloadException("The body is not UTF-8.");
        return IsForm(contentType) ? ParseForm(body) : ParseJson(body);
    }

    /// <summary>An Events API body (HTTP) or the payload of an events_api envelope (Socket Mode).</summary>
    public static SlackInbound ParseEventsApi(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new SlackPayloadException("The body is not a JSON object.");
        var type = root.GetStringOrEmpty("type");
        switch (type)
        {
            case "url_verification":
                return new UrlVerification(root.GetStringOrNull("challenge") ?? throw new SlackPayloadException("url_verification without a challenge."));
            case "event_callback":
                var team = root.GetStringOrNull("team_id") ?? throw new SlackPayloadException("event_callback without team_id.");
                var eventId = root.GetStringOrNull("event_id") ?? throw new SlackPayloadException("event_callback without event_id.");
                var inner = root.GetObjectOrUndefined("event");
                if (inner.ValueKind != JsonValueKind.Object || inner.GetStringOrNull("type") is null)
                    throw new SlackPayloadException("event_callback without an event type.");
                return new EventCallback(team, eventId, inner.Clone());
            case "":
                throw new SlackPayloadException("The JSON body has no type.");
            default:
                return new IgnoredPayload(type, root.GetStringOrNull("team_id"));
        }
    }

    /// <summary>An interaction payload, from the form's <c>payload</c> field or an interactive envelope.</summary>
    public static Interaction ParseInteraction(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object) throw new SlackPayloadException("The interaction payload is not a JSON object.");
        var type = payload.GetStringOrNull("type") ?? throw new SlackPayloadException("The interaction payload has no type.");
        var team = payload.GetPathString("team", "id") ?? payload.GetPathString("user", "team_id");
        return new Interaction(type, team, payload.Clone());
    }

    /// <summary>A slash command from its fields (form fields over HTTP, JSON properties in Socket Mode).</summary>
    public static SlashCommand ParseSlashCommand(Func<string, string?> field)
    {
        string Required(string name) => field(name) is { Length: > 0 } value ? value : throw new SlackPayloadException($"The slash command has no {name}.");
        return new SlashCommand(
            Required("team_id"), Required("channel_id"), Required("user_id"), Required("command"),
            field("text") ?? "", Required("response_url"), field("trigger_id") ?? "");
    }

    public static SlashCommand ParseSlashCommand(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object) throw new SlackPayloadException("The slash command payload is not a JSON object.");
        return ParseSlashCommand(name => payload.GetStringOrNull(name));
    }

    private static SlackInbound ParseForm(ReadOnlyMemory<byte> body)
    {
        string? Field(string name) => FormField(body, name);

        if (Field("ssl_check") == "1") return new SslCheck();
        if (Field("payload") is { } payload)
        {
            using var document = ParseJsonDocument(payload, "The payload field is not JSON.");
            return ParseInteraction(document.RootElement);
        }
        if (Field("command") is not null) return ParseSlashCommand(Field);
        throw new SlackPayloadException("The form body is neither a slash command nor an interaction.");
    }

    /// <summary>
    /// One field of a form body (application/x-www-form-urlencoded), decoded; null when it is absent or given more
    /// than once. A Slack body is a dozen short fields of which a request reads a few, so each is found by a scan
    /// of the bytes rather than by decoding every field into a dictionary first (a slash command is the hot path).
    /// </summary>
    private static string? FormField(ReadOnlyMemory<byte> body, string name)
    {
        var bytes = body.Span;
        (int Start, int Length)? found = null;
        foreach (var range in bytes.Split((byte)'&'))
        {
            var (start, length) = range.GetOffsetAndLength(bytes.Length);
            var field = bytes.Slice(start, length);
            var equals = field.IndexOf((byte)'=');
            if (!IsName(equals < 0 ? field : field[..equals], name)) continue;
            if (found is not null) return null;
            found = equals < 0 ? (start + length, 0) : (start + equals + 1, length - equals - 1);
        }
        if (found is not { } value) return null;
        return MemoryMarshal.TryGetArray(body, out var array)
            ? HttpUtility.UrlDecode(array.Array!, array.Offset + value.Start, value.Length, Encoding.UTF8)
            : HttpUtility.UrlDecode(body.Slice(value.Start, value.Length).ToArray(), Encoding.UTF8);
    }

    // Slack's field names are plain ASCII; an encoded name is decoded before it is compared.
    private static bool IsName(ReadOnlySpan<byte> encoded, string name) =>
        encoded.IndexOfAny((byte)'%', (byte)'+') < 0
            ? Ascii.Equals(encoded, name)
            : HttpUtility.UrlDecode(encoded.ToArray(), Encoding.UTF8) == name;

    private static SlackInbound ParseJson(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException) { throw new SlackPayloadException("The body is not JSON."); }
        using (document) return ParseEventsApi(document.RootElement);
    }

    private static JsonDocument ParseJsonDocument(string text, string error)
    {
        try { return JsonDocument.Parse(text); }
        catch (JsonException) { throw new SlackPayloadException(error); }
    }

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
