using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoachBot.Slack.Rendering.BlockKit;

// A typed subset of Slack Block Kit: only what the renderer emits, with Slack's exact field names (as in
// @slack/types). Each type writes its own JSON: a slash command's answer is serialized on every request, and a
// direct Utf8JsonWriter pass costs about half of System.Text.Json's polymorphic serialization of the same records.

/// <summary>A message payload for chat.postMessage, chat.update, a response_url or a slash command's answer.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<SlackBlock>? Blocks)
{
    /// <summary>
    /// The message as UTF-8 JSON. <paramref name="responseType"/> ("ephemeral" or "in_channel") is the field a
    /// slash command's answer or a response_url message carries; it is written first when given.
    /// </summary>
    public byte[] ToUtf8Json(string? responseType = null) => BlockKitJson.ToUtf8Json(this, responseType);

    public JsonObject ToJsonObject() => JsonNode.Parse(ToUtf8Json())!.AsObject();

    public string ToJsonString() => Encoding.UTF8.GetString(ToUtf8Json());

    public void WriteTo(Utf8JsonWriter writer, string? responseType = null)
    {
        writer.WriteStartObject();
        if (responseType is not null) writer.WriteString("response_type"u8, responseType);
        writer.WriteString("text"u8, Text);
        if (Blocks is not null)
        {
            writer.WriteStartArray("blocks"u8);
            for (var i = 0; i < Blocks.Count; i++) Blocks[i].WriteTo(writer);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}

public abstract record SlackBlock
{
    /// <summary>The "type" member, as UTF-8 the writer copies as it is.</summary>
    private protected abstract ReadOnlySpan<byte> TypeName { get; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        // A phrase's blocks carry their JSON, written once (PhraseRenderings).
        if (PhraseRenderings.JsonOf(this) is { } json)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("type"u8, TypeName);
        WriteMembers(writer);
        writer.WriteEndObject();
    }

    private protected abstract void WriteMembers(Utf8JsonWriter writer);

    private protected static void WriteTexts(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<SlackText> texts)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < texts.Count; i++) texts[i].WriteTo(writer);
        writer.WriteEndArray();
    }
}

public sealed record HeaderBlock(PlainText Text) : SlackBlock
{
    private protected override ReadOnlySpan<byte> TypeName => "header"u8;

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("text"u8);
        Text.WriteTo(writer);
    }
}

/// <summary>A section: <see cref="Text"/>, <see cref="Fields"/> or both (Slack requires at least one).</summary>
public sealed record SectionBlock(SlackText? Text, IReadOnlyList<SlackText>? Fields) : SlackBlock
{
    private protected override ReadOnlySpan<byte> TypeName => "section"u8;

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        if (Text is not null)
        {
            writer.WritePropertyName("text"u8);
            Text.WriteTo(writer);
        }
        if (Fields is not null) WriteTexts(writer, "fields"u8, Fields);
    }
}

public sealed record ContextBlock(IReadOnlyList<SlackText> Elements) : SlackBlock
{
    private protected override ReadOnlySpan<byte> TypeName => "context"u8;

    private protected override void WriteMembers(Utf8JsonWriter writer) => WriteTexts(writer, "elements"u8, Elements);
}

public sealed record DividerBlock : SlackBlock
{
    private protected override ReadOnlySpan<byte> TypeName => "divider"u8;

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
    }
}

public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : SlackBlock
{
    private protected override ReadOnlySpan<byte> TypeName => "actions"u8;

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("elements"u8);
        for (var i = 0; i < Elements.Count; i++) Elements[i].WriteTo(writer);
        writer.WriteEndArray();
    }
}

/// <summary>A button. <see cref="Value"/> carries the card action's data as compact JSON.</summary>
public sealed record ButtonElement(PlainText Text, string ActionId, string Value)
{
    /// <summary>"primary" or absent (Slack also knows "danger", which the coach never uses).</summary>
    public string? Style { get; init; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "button"u8);
        writer.WritePropertyName("text"u8);
        Text.WriteTo(writer);
        writer.WriteString("action_id"u8, ActionId);
        writer.WriteString("value"u8, Value);
        if (Style is not null) writer.WriteString("style"u8, Style);
        writer.WriteEndObject();
    }
}

public abstract record SlackText(string Text)
{
    private protected abstract ReadOnlySpan<byte> TypeName { get; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, TypeName);
        writer.WriteString("text"u8, Text);
        writer.WriteEndObject();
    }
}

public sealed record PlainText(string Text) : SlackText(Text)
{
    private protected override ReadOnlySpan<byte> TypeName => "plain_text"u8;
}

/// <summary>Slack mrkdwn; <see cref="SlackText.Text"/> is already escaped (see <see cref="SlackTextLimits.Mrkdwn"/>).</summary>
public sealed record MrkdwnText(string Text) : SlackText(Text)
{
    private protected override ReadOnlySpan<byte> TypeName => "mrkdwn"u8;
}
