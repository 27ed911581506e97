using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.BotFramework.Rendering.AdaptiveCards;
using CoachBot.TestSupport.Rendering;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CoachBot.Server.Tests.Rendering.AdaptiveCards;

/// <summary>
/// Rendered cards checked against the official Adaptive Card 1.5 JSON schema (draft-06, one file of
/// "#/definitions" refs), which NJsonSchema loads and validates as is.
/// </summary>
public class AdaptiveCardConformanceTests
{
    private static readonly string SchemaPath =
        RepositoryFiles.Conformance("adaptive-cards", "adaptive-card.schema.1.5.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFileAsync(SchemaPath).GetAwaiter().GetResult());

    private static readonly Dictionary<string, Func<AdaptiveCard>> Cards = new()
    {
        ["every block, Action.Submit"] = () => new AdaptiveCardRenderer().Render(SampleCards.EveryBlock()),
        ["every block, Action.Execute"] = () => new AdaptiveCardRenderer(AdaptiveActionKind.Execute).Render(SampleCards.EveryBlock()),
        ["choice prompt"] = () => new AdaptiveCardRenderer().Render(SampleCards.NeedPrompt()),
        ["choice prompt, Action.Execute"] = () => new AdaptiveCardRenderer(AdaptiveActionKind.Execute).Render(SampleCards.NeedPrompt()),
        ["long texts"] = () => new AdaptiveCardRenderer().Render(SampleCards.Oversized()),
        ["markup in content"] = () => new AdaptiveCardRenderer().Render(SampleCards.HostileCard()),
    };

    public static TheoryData<string> CardNames => [.. Cards.Keys];

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Rendered_card_is_valid_against_the_schema(string name)
    {
        var errors = Validate(Cards[name]().ToJsonString());

        Assert.True(errors.Count == 0, $"{name}: {Describe(errors)}");
    }

    public static TheoryData<string> Breakages =>
    [
        "unknown element type",
        "unknown action type",
        "unknown property on a text run",
        "table cell without items",
        "version as a number",
        "container style not in the schema",
    ];

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Validator_rejects_a_broken_card(string breakage)
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.EveryBlock()).ToJsonObject();
        Assert.Empty(Validate(card.ToJsonString()));

        var body = card["body"]!.AsArray();
        var firstTable = JsonTree.Objects(card).First(o => o["type"]?.GetValue<string>() == "Table");
        var firstContainer = JsonTree.Objects(card).First(o => o["type"]?.GetValue<string>() == "Container");
        switch (breakage)
        {
            case "unknown element type": body[0]!["type"] = "RichTextBlok"; break;
            case "unknown action type": card["actions"]![0]!["type"] = "Action.Sbmit"; break;
            case "unknown property on a text run": body[0]!["inlines"]![0]!["colour"] = "red"; break;
            case "table cell without items": firstTable["rows"]![0]!["cells"]![0]!.AsObject().Remove("items"); break;
            case "version as a number": card["version"] = 1.5; break;
            case "container style not in the schema": firstContainer["style"] = "danger"; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }

        Assert.NotEmpty(Validate(card.ToJsonString()));
    }

    // The schema lets each enum also match a case-insensitive pattern, but the pattern's alternatives are
    // anchored only at the two ends of the whole alternation, so values such as "xlarge" pass it. This test
    // holds every value the model can write to the exact enum lists instead.
    [Theory]
    [InlineData(typeof(AdaptiveTextWeight), "FontWeight")]
    [InlineData(typeof(AdaptiveTextSize), "FontSize")]
    [InlineData(typeof(AdaptiveSpacing), "Spacing")]
    [InlineData(typeof(AdaptiveContainerStyle), "ContainerStyle")]
    [InlineData(typeof(AdaptiveActionStyle), "ActionStyle")]
    public void Every_enum_value_the_model_writes_is_listed_in_the_schema(Type enumType, string definition)
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath))!;
        var allowed = schema["definitions"]![definition]!["anyOf"]![0]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

        foreach (var value in Enum.GetValues(enumType))
            Assert.Contains(JsonSerializer.SerializeToNode(value, enumType)!.GetValue<string>(), allowed);
    }

    internal static ICollection<ValidationError> Validate(string json) => Schema.Value.Validate(json);

    internal static string Describe(IEnumerable<ValidationError> errors) => string.Join("\n", errors.Select(e => e.ToString()));
}
