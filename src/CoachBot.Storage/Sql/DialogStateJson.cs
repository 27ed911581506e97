using System.Text.Json;
using CoachBot.Core.Conversation;

namespace CoachBot.Storage.Sql;

/// <summary>How a <see cref="DialogState"/> is written to the state column: camelCase JSON, computed members left out.</summary>
internal static class DialogStateJson
{
    // Reflection rather than a source-generated context: the generated code sets init-only members missing from the
    // JSON to null, which would drop the empty-collection defaults of a state saved before the member existed.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        IgnoreReadOnlyProperties = true,
    };

    public static string Serialize(DialogState state) => JsonSerializer.Serialize(state, Options);

    public static DialogState Deserialize(string json) =>
        JsonSerializer.Deserialize<DialogState>(json, Options)
        ?? throw new JsonException("The stored conversation state is JSON null.");
}
