using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CoachBot.Slack.Inbound.Payloads;
using System.Text.Unicode;
using System.Web;
using CoachBot.Core.Text;
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
    /// <summary>
    /// True for Slack's certificate check (a form body with ssl_check=1), which may come unsigned. Reads that one
    /// field from the raw bytes and nothing else: it runs before the signature is known to be good.
    /// </summary>
    public static bool IsSslCheck(string? contentType, ReadOnlySpan<byte> body)
    {
        if (!IsForm(contentType)) return false;
        foreach (var range in body.Split((byte)'&'))
        {
            if (body[range].SequenceEqual("ssl_check=1"u8)) return true;
        }
        return false;
    }

    public static SlackInbound ParseHttpBody(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (!Utf8.IsValid(body.Span)) throw new SlackPayloadException("The body is not UTF-8.");
        return IsForm(contentType) ? ParseForm(body) : ParseJson(body);
    }

    /// <summary>An Events API body (HTTP) or the payload of an events_api envelope (Socket Mode), as UTF-8 JSON.</summary>
    public static SlackInbound ParseEventsApi(ReadOnlySpan<byte> json)
    {
        const string error = "The body is not a JSON object of the Events API.";
        EnsureReadable(json, error);
        var tags = Deserialize(json, SlackJsonContext.Default.SlackTypeTags, error);
        if (tags.Type is null or "") throw new SlackPayloadException("The JSON body has no readable type.");
        var body = Deserialize(json, SlackJsonContext.Default.EventsApiBody, error);
        switch (tags.Type)
        {
            case "url_verification":
                return new UrlVerification(body.Challenge ?? throw new SlackPayloadException("url_verification without a readable challenge."));
            case "event_callback":
                var team = body.TeamId ?? throw new SlackPayloadException("event_callback without a readable team_id.");
                var eventId = body.EventId ?? throw new SlackPayloadException("event_callback without a readable event_id.");
                if (tags.Event?.Type is null or "" || body.Event is null) throw new SlackPayloadException("event_callback without a readable event type.");
                return new EventCallback(team, eventId, body.Event);
            default:
                return new IgnoredPayload(tags.Type, body.TeamId);
        }
    }

    /// <summary>An interaction payload, from the form's <c>payload</c> field or an interactive envelope, as UTF-8 JSON.</summary>
    public static Interaction ParseInteraction(ReadOnlySpan<byte> json)
    {
        const string error = "The interaction payload is not a JSON object.";
        EnsureReadable(json, error);
        if (Deserialize(json, SlackJsonContext.Default.SlackTypeTags, error).Type is null or "")
            throw new SlackPayloadException("The interaction payload has no readable type.");
        return new(Deserialize(json, SlackJsonContext.Default.InteractionPayload, error));
    }

    /// <summary>A slash command from its fields (form fields over HTTP).</summary>
    public static SlashCommand ParseSlashCommand(Func<string, string?> field) => Checked(new SlashCommand(
        field("team_id")!, field("channel_id")!, field("user_id")!, field("command")!,
        field("text")!, field("response_url")!, field("trigger_id")!));

    /// <summary>A slash command from the JSON of a slash_commands envelope (Socket Mode).</summary>
    public static SlashCommand ParseSlashCommand(ReadOnlySpan<byte> json)
    {
        const string error = "The slash command payload is not a JSON object.";
        EnsureReadable(json, error);
        return Checked(Deserialize(json, SlackJsonContext.Default.SlashCommand, error));
    }

    /// <summary>
    /// The command with its required fields present (the serializer, like a form, leaves a missing field null) and
    /// its optional ones empty rather than null.
    /// </summary>
    private static SlashCommand Checked(SlashCommand command)
    {
        static string Required(string? value, string name) =>
            value is { Length: > 0 } ? value : throw new SlackPayloadException($"The slash command has no {name}.");
        return new SlashCommand(
            Required(command.Team, "team_id"), Required(command.ChannelId, "channel_id"), Required(command.UserId, "user_id"),
            Required(command.Command, "command"), command.Text ?? "", Required(command.ResponseUrl, "response_url"), command.TriggerId ?? "");
    }

    /// <summary>
    /// Refuses JSON with a string .NET cannot hold (<see cref="JsonStrings.AreReadable"/>): a body with a lone surrogate
    /// anywhere, even in a field CoachBot does not read, is refused whole here, so no handler ever meets one.
    /// </summary>
    private static void EnsureReadable(ReadOnlySpan<byte> json, string error)
    {
        bool readable;
        try { readable = JsonStrings.AreReadable(json); }
        catch (JsonException) { throw new SlackPayloadException(error); }
        if (!readable) throw new SlackPayloadException("The JSON holds a string that is not valid Unicode.");
    }

    /// <summary>
    /// <paramref name="json"/> as <typeparamref name="T"/>. Wrong JSON, a wrong JSON type for a modelled field (named in
    /// the message), or JSON null is a <see cref="SlackPayloadException"/>.
    /// </summary>
    private static T Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string error) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new SlackPayloadException(error);
        }
        catch (JsonException ex)
        {
            throw new SlackPayloadException(ex.Path is { Length: > 1 } path ? $"{error} ({path} is not what Slack sends)" : error);
        }
    }

    private static SlackInbound ParseForm(ReadOnlyMemory<byte> body)
    {
        var form = FormFields.Read(body);
        string? Field(string name) => form.Get(name);

        if (Field("ssl_check") == "1") return new SslCheck();
        if (Field("payload") is { } payload)
        {
            return ParseInteraction(Encoding.UTF8.GetBytes(payload));
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
        private readonly Field[] _fields;

        // Slack's field names are plain ASCII and compared as bytes; an encoded name is decoded once, when read.
        private readonly record struct Field(int NameStart, int NameLength, string? DecodedName, int ValueStart, int ValueLength);

        private FormFields(ReadOnlyMemory<byte> body, Field[] fields)
        {
            _body = body;
            _fields = fields;
        }

        public static FormFields Read(ReadOnlyMemory<byte> body)
        {
            var bytes = body.Span;
            var fields = new Field[bytes.Count((byte)'&') + 1];
            var count = 0;
            foreach (var range in bytes.Split((byte)'&'))
            {
                var (start, length) = range.GetOffsetAndLength(bytes.Length);
                var field = bytes.Slice(start, length);
                var equals = field.IndexOf((byte)'=');
                var nameLength = equals < 0 ? length : equals;
                var decodedName = field[..nameLength].IndexOfAny((byte)'%', (byte)'+') < 0 ? null : Decode(body, start, nameLength);
                fields[count++] = equals < 0
                    ? new Field(start, nameLength, decodedName, start + length, 0)
                    : new Field(start, nameLength, decodedName, start + equals + 1, length - equals - 1);
            }
            return new FormFields(body, fields);
        }

        /// <summary>The field's value, decoded; null when it is absent or given more than once.</summary>
        public string? Get(string name)
        {
            var bytes = _body.Span;
            var found = -1;
            for (var i = 0; i < _fields.Length; i++)
            {
                var field = _fields[i];
                var matches = field.DecodedName is null
                    ? field.NameLength == name.Length && Ascii.Equals(bytes.Slice(field.NameStart, field.NameLength), name)
                    : field.DecodedName == name;
                if (!matches) continue;
                if (found >= 0) return null;
                found = i;
            }
            return found < 0 ? null : Decode(_body, _fields[found].ValueStart, _fields[found].ValueLength);
        }

        private static string Decode(ReadOnlyMemory<byte> body, int start, int length)
        {
            var encoded = body.Span.Slice(start, length);
            if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0) return Encoding.UTF8.GetString(encoded);
            return MemoryMarshal.TryGetArray(body, out var array)
                ? HttpUtility.UrlDecode(array.Array!, array.Offset + start, length, Encoding.UTF8)
                : HttpUtility.UrlDecode(encoded.ToArray(), Encoding.UTF8);
        }
    }

    private static SlackInbound ParseJson(ReadOnlyMemory<byte> body) => ParseEventsApi(body.Span);

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
