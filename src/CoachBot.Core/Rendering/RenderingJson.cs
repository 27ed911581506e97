using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CoachBot.Core.Rendering;

/// <summary>The one serializer setting for every channel payload the renderers produce.</summary>
internal static class RenderingJson
{
    // Optional members are null when unused and must not appear (Slack rejects some explicit nulls).
    // The encoder keeps non-ASCII text readable; it still escapes HTML-significant characters.
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
