using System.Text.Json;

namespace CoachBot.Slack.Inbound;

/// <summary>
/// Tolerant reads of Slack JSON: a missing or non-string property is absent, never an exception. So is a string
/// that .NET cannot hold: JSON escapes can spell a lone surrogate ("\ud800"), which JsonElement.GetString refuses
/// with an exception. (HTTP bodies with one are refused by the parser before this; Socket Mode payloads are not.)
/// </summary>
internal static class JsonElementExtensions
{
    public static string? GetStringOrNull(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string GetStringOrEmpty(this JsonElement element, string name) => element.GetStringOrNull(name) ?? "";

    public static JsonElement GetObjectOrUndefined(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    /// <summary>Follows a path of object properties ("user", "id"); null when any step is missing.</summary>
    public static string? GetPathString(this JsonElement element, params string[] path)
    {
        for (var i = 0; i < path.Length - 1; i++) element = element.GetObjectOrUndefined(path[i]);
        return element.GetStringOrNull(path[^1]);
    }

    public static bool GetBoolean(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
