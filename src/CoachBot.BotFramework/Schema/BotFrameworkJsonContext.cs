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
internal sealed partial class BotFrameworkJsonContext : JsonSerializerContext;
