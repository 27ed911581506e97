using System.Text.Json.Nodes;

namespace CoachBot.TestSupport.Rendering;

public static class JsonTree
{
    /// <summary>Every object in the tree, the root included, depth first.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Objects).Prepend(obj),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };

    public static string Str(this JsonNode? node, string name) =>
        node?[name]?.GetValue<string>() ?? throw new KeyNotFoundException($"No string '{name}' in {node?.ToJsonString()}");
}
