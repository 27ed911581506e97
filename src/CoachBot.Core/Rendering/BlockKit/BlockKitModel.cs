using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CoachBot.Core.Rendering.BlockKit;

// A typed subset of Slack Block Kit: only what the renderer emits, with Slack's exact field names
// (as in @slack/types). Each type writes its own "type" member; the bases list their derived types so
// System.Text.Json writes the runtime type's members.

/// <summary>A message payload for chat.postMessage, chat.update or a response_url.</summary>
public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock>? Blocks)
{
    public JsonObject ToJsonObject() => JsonSerializer.SerializeToNode(this, RenderingJson.Options)!.AsObject();

    public string ToJsonString() => JsonSerializer.Serialize(this, RenderingJson.Options);
}

[JsonDerivedType(typeof(HeaderBlock))]
[JsonDerivedType(typeof(SectionBlock))]
[JsonDerivedType(typeof(ContextBlock))]
[JsonDerivedType(typeof(DividerBlock))]
[JsonDerivedType(typeof(ActionsBlock))]
public abstract record SlackBlock;

public sealed record HeaderBlock([property: JsonPropertyName("text")] PlainText Text) : SlackBlock
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "header";
}

/// <summary>A section: <see cref="Text"/>, <see cref="Fields"/> or both (Slack requires at least one).</summary>
public sealed record SectionBlock(
    [property: JsonPropertyName("text")] SlackText? Text,
    [property: JsonPropertyName("fields")] IReadOnlyList<SlackText>? Fields) : SlackBlock
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "section";
}

public sealed record ContextBlock([property: JsonPropertyName("elements")] IReadOnlyList<SlackText> Elements) : SlackBlock
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "context";
}

public sealed record DividerBlock : SlackBlock
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "divider";
}

public sealed record ActionsBlock([property: JsonPropertyName("elements")] IReadOnlyList<ButtonElement> Elements) : SlackBlock
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "actions";
}

/// <summary>A button. <see cref="Value"/> carries the card action's data as compact JSON.</summary>
public sealed record ButtonElement(
    [property: JsonPropertyName("text")] PlainText Text,
    [property: JsonPropertyName("action_id")] string ActionId,
    [property: JsonPropertyName("value")] string Value)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "button";

    /// <summary>"primary" or absent (Slack also knows "danger", which the coach never uses).</summary>
    [JsonPropertyName("style")]
    public string? Style { get; init; }
}

[JsonDerivedType(typeof(PlainText))]
[JsonDerivedType(typeof(MrkdwnText))]
public abstract record SlackText([property: JsonPropertyName("text")] string Text);

public sealed record PlainText(string Text) : SlackText(Text)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "plain_text";
}

/// <summary>Slack mrkdwn; <see cref="SlackText.Text"/> is already escaped (see <see cref="Mrkdwn"/>).</summary>
public sealed record MrkdwnText(string Text) : SlackText(Text)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "mrkdwn";
}
