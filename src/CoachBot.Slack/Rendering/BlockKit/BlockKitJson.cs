using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachBot.Slack.Rendering.BlockKit;

/// <summary>The one JSON setting of every Block Kit payload, and the serializer pass that writes a message.</summary>
internal static class BlockKitJson
{
    // The relaxed encoder writes text as is (quotes as \", no \uXXXX for '+', '<', non-ASCII letters), which keeps
    // payloads readable and button values short. Its "unsafe" is about pasting JSON into HTML; these payloads are
    // only ever sent as application/json.
    public static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Validation off: the model's own WriteTo methods are the only writers, and the tests parse what they write.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = SerializerOptions.Encoder, SkipValidation = true };

    private static readonly JsonSerializerOptions MessageOptions = new(SerializerOptions) { Converters = { new MessageConverter() } };

    /// <summary>
    /// A message as UTF-8 JSON. The message writes itself; going through the serializer lends it the serializer's
    /// pooled buffer and cached writer, so that only the returned array is allocated.
    /// </summary>
    public static byte[] ToUtf8Json(SlackMessage message, string? responseType) =>
        JsonSerializer.SerializeToUtf8Bytes(new Message(message, responseType), MessageOptions);

    private readonly record struct Message(SlackMessage Payload, string? ResponseType);

    private sealed class MessageConverter : JsonConverter<Message>
    {
        public override Message Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Block Kit messages are only written.");

        public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options) =>
            value.Payload.WriteTo(writer, value.ResponseType);
    }
}
