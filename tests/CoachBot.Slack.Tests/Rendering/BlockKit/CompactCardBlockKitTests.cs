using System.Text.Json.Nodes;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Slack.Tests.Rendering.BlockKit;

/// <summary>
/// The compact recommendation fits one Slack screen. The measure: Slack's desktop client in a 1280 x 800 window
/// leaves about 560 px for messages, at 22 px a line about 25 lines, and its message column holds about 90
/// characters a line. A message's height in lines is its header and every text line wrapped at 90 characters, plus
/// a line for the divider and two for a row of buttons; the compact card must stay within 22 of them (room for the
/// seller's own message above it) and within 8 blocks.
/// </summary>
public class CompactCardBlockKitTests
{
    private const int CharactersPerLine = 90;
    private const int ScreenLines = 22;
    private const int MaxBlocks = 8;

    private static IEnumerable<string> RecommendationNames() => EngineReplies.All().Select(r => r.Name).Distinct()
        .Where(name => name.StartsWith("recommendation ", StringComparison.Ordinal) && !name.Contains("in full", StringComparison.Ordinal));

    public static TheoryData<string> Recommendations() => [.. RecommendationNames()];

    [Theory]
    [MemberData(nameof(Recommendations))]
    public void The_compact_recommendation_fits_one_Slack_screen_and_offers_its_details(string name)
    {
        var card = ((CardReply)EngineReplies.Named(name).Single()).Card;
        var message = new BlockKitRenderer().Render(card).ToJsonObject();
        var blocks = message["blocks"]!.AsArray();

        Assert.InRange(blocks.Count, 1, MaxBlocks);
        Assert.InRange(Lines(blocks), 1, ScreenLines);
        Assert.Contains(blocks, b => b!["type"]!.GetValue<string>() == "actions"
            && b["elements"]!.AsArray().Any(e => e!["text"]!["text"]!.GetValue<string>() == CardFactory.ShowDetailsTitle));
        Assert.DoesNotContain("Where it breaks", message.ToJsonString());
    }

    [Fact]
    public void The_same_card_in_full_is_taller_than_one_screen_which_is_why_it_is_folded()
    {
        var card = ((CardReply)EngineReplies.Named(RecommendationNames().First()).Single()).Card;
        var blocks = new BlockKitRenderer().Render(card.WithDetailsShown()).ToJsonObject()["blocks"]!.AsArray();
        Assert.True(Lines(blocks) > ScreenLines, $"the whole card is {Lines(blocks)} lines");
    }

    private static int Lines(JsonArray blocks) => blocks.Sum(block => block!["type"]!.GetValue<string>() switch
    {
        "divider" => 1,
        "actions" => 2,
        "header" => Wrapped(block["text"]!["text"]!.GetValue<string>(), CharactersPerLine * 2 / 3), // a larger font
        "context" => block["elements"]!.AsArray().Sum(e => Wrapped(e!["text"]!.GetValue<string>(), CharactersPerLine)),
        "section" => (block["text"] is { } text ? Wrapped(text["text"]!.GetValue<string>(), CharactersPerLine) : 0)
            // Fields stand two to a row, each half as wide.
            + (block["fields"] is JsonArray fields
                ? fields.Chunk(2).Sum(row => row.Max(f => Wrapped(f!["text"]!.GetValue<string>(), CharactersPerLine / 2)))
                : 0),
        var other => throw new InvalidOperationException($"no height for a {other} block"),
    });

    private static int Wrapped(string text, int width) => text.Split('\n').Sum(line => Math.Max(1, (line.Length + width - 1) / width));
}
