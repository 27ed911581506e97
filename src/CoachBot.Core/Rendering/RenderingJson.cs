using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachBot.Core.Rendering;

/// <summary>The one serializer setting for every channel payload the renderers produce.</summary>
internal static class RenderingJson
{
    // Optional members are null when unused and must not appear (Slack rejects some explicit nulls).
    // The relaxed encoder writes text as is (quotes as \", no \uXXXX for '+', '<', non-ASCII letters), which
    // keeps payloads readable and button values short. Its "unsafe" is about pasting JSON into HTML; these
    // payloads are only ever sent as application/json.
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
