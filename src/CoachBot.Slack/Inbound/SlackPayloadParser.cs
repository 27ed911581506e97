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
        var form = FormFields.Read(body);
        string? Field(string name) => form.Get(name);

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
    /// A form body (application/x-www-form-urlencoded) split into its fields once, each value decoded only when it
    /// is read: a Slack body is a dozen short fields of which a request reads a few, and a slash command is the
    /// hot path.
    /// </summary>
    private sealed class FormFields
    {
        private readonly ReadOnlyMemory<byte> _body;
        // Slack's field names are plain ASCII and compared as bytes; an encoded name is decoded once here.
        private readonly List<(Range Name, string? DecodedName, Range Value)> _fields = [];

        private FormFields(ReadOnlyMemory<byte> body) => _body = body;

        public static FormFields Read(ReadOnlyMemory<byte> body)
        {
            var form = new FormFields(body);
            var bytes = body.Span;
            foreach (var field in bytes.Split((byte)'&'))
            {
                var (start, length) = field.GetOffsetAndLength(bytes.Length);
                var equals = bytes.Slice(start, length).IndexOf((byte)'=');
                var name = equals < 0 ? field : start..(start + equals);
                var value = equals < 0 ? field.End..field.End : (start + equals + 1)..field.End;
                var decodedName = bytes[name].IndexOfAny((byte)'%', (byte)'+') < 0 ? null : form.Decode(name);
                form._fields.Add((name, decodedName, value));
            }
            return form;
        }

        /// <summary>The field's value, decoded; null when it is absent or given more than once.</summary>
        public string? Get(string name)
        {
            Range? found = null;
            foreach (var (encodedName, decodedName, value) in _fields)
            {
                var matches = decodedName is null ? Ascii.Equals(_body.Span[encodedName], name) : decodedName == name;
                if (!matches) continue;
                if (found is not null) return null;
                found = value;
            }
            return found is { } range ? Decode(range) : null;
        }

        private string Decode(Range range)
        {
            var (start, length) = range.GetOffsetAndLength(_body.Length);
            var encoded = _body.Span.Slice(start, length);
            if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0) return Encoding.UTF8.GetString(encoded);
            return MemoryMarshal.TryGetArray(_body, out var array)
                ? HttpUtility.UrlDecode(array.Array!, array.Offset + start, length, Encoding.UTF8)
                : HttpUtility.UrlDecode(_body.Slice(start, length).ToArray(), Encoding.UTF8);
        }
    }

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
