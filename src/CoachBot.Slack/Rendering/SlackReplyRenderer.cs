using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Rendering.BlockKit;

namespace CoachBot.Slack.Rendering;

/// <summary>
/// Turns the coach's replies into Slack message JSON (<c>text</c> + <c>blocks</c>) with the shared Block Kit
/// renderer, and adds the few things only the Slack adapter knows: several replies in one message, the "Post to
/// channel" button on private answers, who shared an answer, and the record of a choice made on a prompt.
/// </summary>
public static class SlackReplyRenderer
{
    /// <summary>The button on an ephemeral look-up that posts the same answer to the channel for everyone.</summary>
    public const string ShareActionId = "coachbot.share";

    private static readonly BlockKitRenderer Renderer = new();

    public static JsonObject Render(Reply reply) => Renderer.Render(reply).ToJsonObject();

    public static JsonObject Render(CoachCard card) => Renderer.Render(card).ToJsonObject();

    /// <summary>A card's blocks for the App Home tab or a modal, which allow more blocks than a message.</summary>
    public static JsonArray RenderSurfaceBlocks(CoachCard card) =>
        new SlackMessage("", Renderer.RenderModalBlocks(card)).ToJsonObject()["blocks"]!.AsArray().DeepClone().AsArray();

    /// <summary>
    /// One turn's replies in as few messages as Slack allows (50 blocks each): one notification per turn instead of
    /// one per reply, and fewer calls against chat.postMessage's one-per-second pace.
    /// </summary>
    public static IReadOnlyList<JsonObject> RenderTurn(IEnumerable<Reply> replies)
    {
        if (replies is IReadOnlyList<Reply> { Count: 1 } single) return [Render(single[0])];
        var messages = new List<JsonObject>();
        var texts = new List<string>();
        var blocks = new JsonArray();
        foreach (var message in replies.Select(Render))
        {
            var rendered = Blocks(message);
            if (blocks.Count > 0 && blocks.Count + rendered.Count > BlockKitLimits.MessageBlocks) Flush();
            texts.Add(message["text"]?.GetValue<string>() ?? "");
            foreach (var block in rendered) blocks.Add(block!.DeepClone());
        }
        if (texts.Count > 0) Flush();
        return messages;

        void Flush()
        {
            messages.Add(Message(string.Join("\n", texts), blocks));
            texts = [];
            blocks = [];
        }
    }

    // The two helpers below add to the message they are given (freshly rendered by the caller) rather than copy it:
    // the inline slash-command answer is on the hot path.

    /// <summary>Adds a "Post to channel" button carrying the command text, when the text fits a button's value.</summary>
    public static JsonObject WithShareButton(JsonObject message, string commandText)
    {
        var blocks = Blocks(message);
        if (commandText.Length is 0 or > BlockKitLimits.ButtonValue || blocks.Count >= BlockKitLimits.MessageBlocks) return message;
        blocks.Add(new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = ShareActionId,
            ["elements"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = ShareActionId,
                    ["text"] = PlainText("Post to channel"),
                    ["value"] = commandText,
                },
            },
        });
        return message;
    }

    /// <summary>Attributes a shared answer to the seller who shared it.</summary>
    public static JsonObject SharedBy(JsonObject message, string userId)
    {
        if (Blocks(message).Count < BlockKitLimits.MessageBlocks) Blocks(message).Add(Context($"Shared by <@{userId}>"));
        return message;
    }

    /// <summary>
    /// The message a seller answered, with the answered prompt's buttons replaced by the answer, so the
    /// conversation shows what was chosen and old buttons are not clicked by mistake.
    /// </summary>
    public static JsonObject WithChoiceMade(JsonElement message, string actionsBlockId, string userId, string choice)
    {
        var blocks = new JsonArray();
        if (message.TryGetProperty("blocks", out var original) && original.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in original.EnumerateArray())
            {
                var answered = block.TryGetProperty("block_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == actionsBlockId;
                blocks.Add(answered ? Context($"<@{userId}> chose *{Escape(choice)}*") : JsonNode.Parse(block.GetRawText()));
            }
        }
        var text = message.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : choice;
        return Message(text, blocks);
    }

    /// <summary>The action data a coach button carries (compact JSON of string pairs), or null when it is not that.</summary>
    public static IReadOnlyDictionary<string, string>? ReadActionData(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try { return JsonSerializer.Deserialize<Dictionary<string, string>>(value); }
        catch (JsonException) { return null; }
    }

    /// <summary>A message written by the adapter itself, already in mrkdwn (channel links, mentions).</summary>
    public static JsonObject Mrkdwn(string mrkdwn) => Message(mrkdwn, [Section(mrkdwn)]);

    /// <summary>Slack mrkdwn needs only these three characters escaped (entity-encoding anything else shows literally).</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    internal static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    internal static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    internal static JsonObject Context(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } } };

    private static JsonObject Message(string text, JsonArray blocks) => new() { ["text"] = text, ["blocks"] = blocks };

    private static JsonArray Blocks(JsonObject message)
    {
        if (message["blocks"] is JsonArray blocks) return blocks;
        var created = new JsonArray();
        message["blocks"] = created;
        return created;
    }
}
