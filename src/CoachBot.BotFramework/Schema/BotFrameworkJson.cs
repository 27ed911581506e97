using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CoachBot.BotFramework.Schema;

/// <summary>The wire format: camelCase names, nulls omitted, unknown members ignored; source-generated for speed.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(TeamsChannelData))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class BotFrameworkJsonContext : JsonSerializerContext;

public static class BotFrameworkJson
{
    internal static BotFrameworkJsonContext Context => BotFrameworkJsonContext.Default;

    /// <summary>Reads an activity; throws <see cref="JsonException"/> when the body is not one.</summary>
    public static async ValueTask<Activity> ReadActivityAsync(Stream body, CancellationToken cancellationToken)
    {
        var activity = await JsonSerializer.DeserializeAsync(body, Context.Activity, cancellationToken);
        return activity ?? throw new JsonException("The body is JSON null, not an activity.");
    }

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, Context.Activity);
}
