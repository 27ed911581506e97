using System.Text.Json;
using System.Text.Json.Serialization;
using CoachBot.Core.Conversation;

namespace CoachBot.Storage.Sql;

/// <summary>How a <see cref="DialogState"/> is written to the state column: camelCase JSON, computed members left out.</summary>
internal static class DialogStateJson
{
    public static string Serialize(DialogState state) => JsonSerializer.Serialize(state, DialogStateJsonContext.Default.DialogState);

    public static DialogState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, DialogStateJsonContext.Default.DialogState)
        ?? throw new JsonException("The stored conversation state is JSON null.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(DialogState))]
internal sealed partial class DialogStateJsonContext : JsonSerializerContext;
