using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachBot.Core.Json;

/// <summary>
/// The one serializer setting for the coach's JSON answers (the CLI's --json output and the page's API): camelCase
/// names, absent rather than null optional members, text written as is. Only ever sent as JSON, never pasted
/// into HTML, so the relaxed encoder is safe here.
/// </summary>
public static class CoachJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
