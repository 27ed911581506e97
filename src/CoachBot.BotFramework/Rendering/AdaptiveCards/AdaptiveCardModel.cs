using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CoachBot.BotFramework.Rendering.AdaptiveCards;

// A typed subset of the Adaptive Card 1.5 schema (adaptivecards.io/schemas/adaptive-card.json): only the
// elements the renderer emits. Each type writes its own "type" member, so a value serialises the same
// whether it is reached through its base type or directly; the bases list their derived types so
// System.Text.Json writes the runtime type's members.

/// <summary>An Adaptive Card 1.5.</summary>
public sealed record AdaptiveCard(
    [property: JsonPropertyName("body")] IReadOnlyList<AdaptiveElement> Body,
    [property: JsonPropertyName("actions")] IReadOnlyList<AdaptiveAction> Actions)
{
    public const string SchemaUri = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string SchemaVersion = "1.5";

    [JsonPropertyName("$schema"), JsonPropertyOrder(-3)]
    public string Schema => SchemaUri;

    [JsonPropertyName("type"), JsonPropertyOrder(-2)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("version"), JsonPropertyOrder(-1)]
    public string Version => SchemaVersion;

    /// <summary>What hosts that cannot render the card show instead.</summary>
    [JsonPropertyName("fallbackText")]
    public string? FallbackText { get; init; }

    // Optional members are null when unused and are left out rather than written as null. The relaxed encoder writes
    // text as is (quotes as \", no \uXXXX for '+', '<', non-ASCII letters), which keeps cards readable. Its "unsafe" is
    // about pasting JSON into HTML; cards are only ever sent as application/json.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public JsonObject ToJsonObject() => JsonSerializer.SerializeToNode(this, JsonOptions)!.AsObject();

    public string ToJsonString() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The card as a Bot Framework attachment.</summary>
    public AdaptiveCardAttachment ToAttachment() => new(AdaptiveCardAttachment.AdaptiveCardContentType, ToJsonObject());
}

/// <summary>The Bot Framework attachment shape that carries an Adaptive Card in an activity.</summary>
public sealed record AdaptiveCardAttachment(
    [property: JsonPropertyName("contentType")] string ContentType,
    [property: JsonPropertyName("content")] JsonObject Content)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}

[JsonDerivedType(typeof(AdaptiveRichTextBlock))]
[JsonDerivedType(typeof(AdaptiveContainer))]
[JsonDerivedType(typeof(AdaptiveTable))]
public abstract record AdaptiveElement
{
    [JsonPropertyName("spacing")]
    public AdaptiveSpacing? Spacing { get; init; }
}

/// <summary>
/// Text made of runs. Unlike TextBlock, TextRun text is never read as markdown, so content shows exactly
/// as written on every host.
/// </summary>
public sealed record AdaptiveRichTextBlock(
    [property: JsonPropertyName("inlines")] IReadOnlyList<AdaptiveTextRun> Inlines) : AdaptiveElement
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "RichTextBlock";
}

public sealed record AdaptiveTextRun([property: JsonPropertyName("text")] string Text)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "TextRun";

    [JsonPropertyName("weight")]
    public AdaptiveTextWeight? Weight { get; init; }

    [JsonPropertyName("size")]
    public AdaptiveTextSize? Size { get; init; }

    [JsonPropertyName("isSubtle")]
    public bool? IsSubtle { get; init; }

    [JsonPropertyName("strikethrough")]
    public bool? Strikethrough { get; init; }
}

public sealed record AdaptiveContainer(
    [property: JsonPropertyName("items")] IReadOnlyList<AdaptiveElement> Items) : AdaptiveElement
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "Container";

    [JsonPropertyName("style")]
    public AdaptiveContainerStyle? Style { get; init; }
}

/// <summary>The Table element (new in 1.5).</summary>
public sealed record AdaptiveTable(
    [property: JsonPropertyName("columns")] IReadOnlyList<AdaptiveTableColumn> Columns,
    [property: JsonPropertyName("rows")] IReadOnlyList<AdaptiveTableRow> Rows,
    [property: JsonPropertyName("firstRowAsHeader")] bool FirstRowAsHeader,
    [property: JsonPropertyName("showGridLines")] bool ShowGridLines) : AdaptiveElement
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "Table";
}

/// <summary>A column; <see cref="Width"/> is a relative weight.</summary>
public sealed record AdaptiveTableColumn([property: JsonPropertyName("width")] int Width)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "TableColumnDefinition";
}

public sealed record AdaptiveTableRow([property: JsonPropertyName("cells")] IReadOnlyList<AdaptiveTableCell> Cells)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "TableRow";
}

public sealed record AdaptiveTableCell([property: JsonPropertyName("items")] IReadOnlyList<AdaptiveElement> Items)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "TableCell";
}

[JsonDerivedType(typeof(AdaptiveSubmitAction))]
[JsonDerivedType(typeof(AdaptiveExecuteAction))]
[JsonDerivedType(typeof(AdaptiveShowCardAction))]
public abstract record AdaptiveAction
{
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("style")]
    public AdaptiveActionStyle? Style { get; init; }
}

/// <summary>An action that reaches the bot with its data.</summary>
public abstract record AdaptiveBotAction : AdaptiveAction
{
    /// <summary>Comes back verbatim: as the activity value (Submit) or the invoke's action.data (Execute).</summary>
    [JsonPropertyName("data")]
    public required IReadOnlyDictionary<string, string> Data { get; init; }
}

/// <summary>Action.ShowCard: the host unfolds <see cref="Card"/> under the card, without calling the bot.</summary>
public sealed record AdaptiveShowCardAction : AdaptiveAction
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "Action.ShowCard";

    [JsonPropertyName("card")]
    public required AdaptiveCard Card { get; init; }
}

/// <summary>Action.Submit: the host posts <see cref="AdaptiveBotAction.Data"/> back as a message activity.</summary>
public sealed record AdaptiveSubmitAction : AdaptiveBotAction
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "Action.Submit";
}

/// <summary>Action.Execute (Universal Actions): the host sends an adaptiveCard/action invoke with the verb and data.</summary>
public sealed record AdaptiveExecuteAction : AdaptiveBotAction
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)]
    public string Type => "Action.Execute";

    [JsonPropertyName("verb")]
    public required string Verb { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<AdaptiveTextWeight>))]
public enum AdaptiveTextWeight
{
    [JsonStringEnumMemberName("bolder")] Bolder,
}

[JsonConverter(typeof(JsonStringEnumConverter<AdaptiveTextSize>))]
public enum AdaptiveTextSize
{
    [JsonStringEnumMemberName("medium")] Medium,
}

[JsonConverter(typeof(JsonStringEnumConverter<AdaptiveSpacing>))]
public enum AdaptiveSpacing
{
    [JsonStringEnumMemberName("medium")] Medium,
}

[JsonConverter(typeof(JsonStringEnumConverter<AdaptiveContainerStyle>))]
public enum AdaptiveContainerStyle
{
    [JsonStringEnumMemberName("emphasis")] Emphasis,
    [JsonStringEnumMemberName("warning")] Warning,
}

[JsonConverter(typeof(JsonStringEnumConverter<AdaptiveActionStyle>))]
public enum AdaptiveActionStyle
{
    [JsonStringEnumMemberName("positive")] Positive,
}
