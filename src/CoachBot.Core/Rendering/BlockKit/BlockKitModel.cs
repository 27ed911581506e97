using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoachBot.Core.Rendering.BlockKit;

// A typed subset of Slack Block Kit: only what the renderer emits, with Slack's exact field names (as in
// @slack/types). Each type writes its own JSON: a slash command's answer is serialized on every request, and a
// direct Utf8JsonWriter pass costs about half of System.Text.Json's polymorphic serialization of the same records.

/// <summary>A message payload for chat.postMessage, chat.update, a response_url or a slash command's answer.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<SlackBlock>? Blocks)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = RenderingJson.Options.Encoder };

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// The message as UTF-8 JSON. <paramref name="responseType"/> ("ephemeral" or "in_channel") is the field a
    /// slash command's answer or a response_url message carries; it is written first when given.
    /// </summary>
    public byte[] ToUtf8Json(string? responseType = null)
    {
        // One buffer and writer per thread: this runs for every slash command, and the payload is copied out once.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        WriteTo(writer, responseType);
        writer.Flush();
        var json = buffer.WrittenSpan.ToArray();
        // A rare huge payload (the prep brief in a modal) should not stay pinned to the thread.
        if (buffer.Capacity > 64 * 1024) t_buffer = null;
        return json;
    }

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
            foreach (var block in Blocks) block.WriteTo(writer);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}

public abstract record SlackBlock
{
    public abstract string Type { get; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, Type);
        WriteMembers(writer);
        writer.WriteEndObject();
    }

    private protected abstract void WriteMembers(Utf8JsonWriter writer);

    private protected static void WriteArray<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        foreach (var item in items) write(writer, item);
        writer.WriteEndArray();
    }
}

public sealed record HeaderBlock(PlainText Text) : SlackBlock
{
    public override string Type => "header";

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("text"u8);
        Text.WriteTo(writer);
    }
}

/// <summary>A section: <see cref="Text"/>, <see cref="Fields"/> or both (Slack requires at least one).</summary>
public sealed record SectionBlock(SlackText? Text, IReadOnlyList<SlackText>? Fields) : SlackBlock
{
    public override string Type => "section";

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        if (Text is not null)
        {
            writer.WritePropertyName("text"u8);
            Text.WriteTo(writer);
        }
        if (Fields is not null) WriteArray(writer, "fields"u8, Fields, static (w, field) => field.WriteTo(w));
    }
}

public sealed record ContextBlock(IReadOnlyList<SlackText> Elements) : SlackBlock
{
    public override string Type => "context";

    private protected override void WriteMembers(Utf8JsonWriter writer) =>
        WriteArray(writer, "elements"u8, Elements, static (w, element) => element.WriteTo(w));
}

public sealed record DividerBlock : SlackBlock
{
    public override string Type => "divider";

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
    }
}

public sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : SlackBlock
{
    public override string Type => "actions";

    private protected override void WriteMembers(Utf8JsonWriter writer) =>
        WriteArray(writer, "elements"u8, Elements, static (w, button) => button.WriteTo(w));
}

/// <summary>A button. <see cref="Value"/> carries the card action's data as compact JSON.</summary>
public sealed record ButtonElement(PlainText Text, string ActionId, string Value)
{
    public string Type => "button";

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
    public abstract string Type { get; }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, Type);
        writer.WriteString("text"u8, Text);
        writer.WriteEndObject();
    }
}

public sealed record PlainText(string Text) : SlackText(Text)
{
    public override string Type => "plain_text";
}

/// <summary>Slack mrkdwn; <see cref="SlackText.Text"/> is already escaped (see <see cref="SlackTextLimits.Mrkdwn"/>).</summary>
public sealed record MrkdwnText(string Text) : SlackText(Text)
{
    public override string Type => "mrkdwn";
}
