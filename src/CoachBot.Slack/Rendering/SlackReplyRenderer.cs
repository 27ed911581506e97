using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.Slack.Inbound;

namespace CoachBot.Slack.Rendering;

/// <summary>
/// Turns the coach's replies into Slack messages with the Block Kit renderer (its typed model, serialized
/// once when sent), and adds the few things only the Slack adapter knows: several replies in one message, the
/// "Post to channel" button on private answers, who shared an answer, and the record of a choice made on a prompt.
/// </summary>
public static class SlackReplyRenderer
{
    /// <summary>The button on an ephemeral look-up that posts the same answer to the channel for everyone.</summary>
    public const string ShareActionId = "coachbot.share";

    private static readonly BlockKitRenderer Renderer = new();

    public static SlackMessage Render(Reply reply) => Renderer.Render(reply);

    public static SlackMessage Render(CoachCard card) => Renderer.Render(card);

    /// <summary>A card's blocks for the App Home tab or a modal, which allow more blocks than a message.</summary>
    public static IReadOnlyList<SlackBlock> RenderSurfaceBlocks(CoachCard card) => Renderer.RenderModalBlocks(card);

    /// <summary>
    /// One turn's replies in as few messages as Slack allows (50 blocks each): one notification per turn instead of
    /// one per reply, and fewer calls against chat.postMessage's one-per-second pace.
    /// </summary>
    public static IReadOnlyList<SlackMessage> RenderTurn(IEnumerable<Reply> replies)
    {
        // Most turns (every look-up) have one reply: it is its own message.
        if (replies is IReadOnlyList<Reply> { Count: 1 } single) return [Render(single[0])];
        var messages = new List<SlackMessage>();
        var texts = new List<string>();
        var blocks = new List<SlackBlock>();
        foreach (var message in replies.Select(Render))
        {
            var rendered = message.Blocks ?? [];
            if (blocks.Count > 0 && blocks.Count + rendered.Count > BlockKitLimits.MessageBlocks) Flush();
            texts.Add(message.Text);
            blocks.AddRange(rendered);
        }
        if (texts.Count > 0) Flush();
        return messages;

        void Flush()
        {
            messages.Add(new SlackMessage(string.Join("\n", texts), blocks));
            texts = [];
            blocks = [];
        }
    }

    /// <summary>Adds a "Post to channel" button carrying the command text, when the text fits a button's value.</summary>
    public static SlackMessage WithShareButton(SlackMessage message, string commandText)
    {
        var blocks = message.Blocks ?? [];
        if (commandText.Length is 0 or > BlockKitLimits.ButtonValue || blocks.Count >= BlockKitLimits.MessageBlocks) return message;
        return message with { Blocks = [.. blocks, new ActionsBlock([new ButtonElement(new PlainText("Post to channel"), ShareActionId, commandText)])] };
    }

    /// <summary>A shared answer, attributed to the seller who shared it.</summary>
    public static SlackMessage SharedBy(SlackMessage message, string userId)
    {
        var blocks = message.Blocks ?? [];
        return blocks.Count >= BlockKitLimits.MessageBlocks ? message : message with { Blocks = [.. blocks, Context($"Shared by <@{userId}>")] };
    }

    /// <summary>A message written by the adapter itself, already in mrkdwn (channel links, mentions).</summary>
    public static SlackMessage Mrkdwn(string mrkdwn) => new(mrkdwn, [new SectionBlock(new MrkdwnText(mrkdwn), null)]);

    /// <summary>An acknowledgement carrying a message (a slash command's immediate answer).</summary>
    public static SlackAck Acknowledge(SlackMessage message, string responseType) => SlackAck.Message(message, responseType);

    /// <summary>
    /// The message a seller answered (as Slack delivered it, with Slack's block ids), with the answered prompt's
    /// buttons replaced by the answer, so the conversation shows what was chosen and old buttons are not clicked
    /// by mistake.
    /// </summary>
    public static JsonObject WithChoiceMade(JsonElement? messageBlocks, string? messageText, string actionsBlockId, string userId, string choice)
    {
        var blocks = new JsonArray();
        if (messageBlocks is { ValueKind: JsonValueKind.Array } original)
        {
            foreach (var block in original.EnumerateArray())
            {
                var answered = block.TryGetProperty("block_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == actionsBlockId;
                blocks.Add(answered ? ToJson([Context($"<@{userId}> chose *{Escape(choice)}*")])[0]!.DeepClone() : JsonNode.Parse(block.GetRawText()));
            }
        }
        return new JsonObject { ["text"] = messageText ?? choice, ["blocks"] = blocks };
    }

    /// <summary>Blocks as JSON with the renderer's serializer settings (no explicit nulls: Slack rejects some).</summary>
    public static JsonArray ToJson(IReadOnlyList<SlackBlock> blocks)
    {
        var message = new SlackMessage("", blocks).ToJsonObject();
        var json = message["blocks"]!.AsArray();
        message.Remove("blocks");
        return json;
    }

    /// <summary>
    /// The command a coach button carries (its value: compact JSON of string pairs, see <see cref="CardCommand"/>), or
    /// null when the value is not that. Data naming no known command is <see cref="CardCommand.Unrecognized"/>.
    /// </summary>
    public static CardCommand? ReadCommand(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try { return JsonSerializer.Deserialize<Dictionary<string, string>>(value) is { } data ? CardCommand.Parse(data) : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>Slack mrkdwn needs only these three characters escaped (entity-encoding anything else shows literally).</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    internal static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    internal static ContextBlock Context(string mrkdwn) => new([new MrkdwnText(mrkdwn)]);
}
