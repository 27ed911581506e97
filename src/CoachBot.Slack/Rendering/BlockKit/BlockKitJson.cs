using System.Text.Encodings.Web;
using System.Text.Json;

namespace CoachBot.Slack.Rendering.BlockKit;

/// <summary>The one JSON setting of every Block Kit payload.</summary>
internal static class BlockKitJson
{
    // The relaxed encoder writes text as is (quotes as \", no \uXXXX for '+', '<', non-ASCII letters), which keeps
    // payloads readable and button values short. Its "unsafe" is about pasting JSON into HTML; these payloads are
    // only ever sent as application/json.
    public static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Validation off: the model's own WriteTo methods are the only writers, and the tests parse what they write.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = SerializerOptions.Encoder, SkipValidation = true };
}
