using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoachBot.Slack.Tests.Fakes;

public static class Json
{
    public static string Str(this JsonNode? node, string name) => node?[name]?.GetValue<string>() ?? throw new KeyNotFoundException(name);

    public static JsonArray Blocks(this JsonNode message) => message["blocks"]!.AsArray();

    /// <summary>Every button in a message's actions blocks.</summary>
    public static IReadOnlyList<JsonObject> Buttons(this JsonNode message) =>
        message.Blocks().Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!.AsObject()).ToList();

    /// <summary>The actions block holding a button, for building a click on it.</summary>
    public static string BlockIdOf(this JsonNode message, JsonObject button)
    {
        var block = message.Blocks().First(b => b!["type"]!.GetValue<string>() == "actions" && b["elements"]!.AsArray().Any(e => JsonNode.DeepEquals(e, button)));
        return block!["block_id"]?.GetValue<string>() ?? "actions-block";
    }

    /// <summary>The message's blocks with a block_id on every actions block, as Slack adds one to blocks sent without.</summary>
    public static JsonArray AsDelivered(this JsonNode message)
    {
        var blocks = message.Blocks().DeepClone().AsArray();
        var i = 0;
        foreach (var block in blocks) block!["block_id"] ??= $"b{i++}";
        return blocks;
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The message as JSON text with no escaping beyond JSON's own, for "contains" checks on mrkdwn.</summary>
    public static string AllText(this JsonNode message) => message.ToJsonString(Readable);
}
