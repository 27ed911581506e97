using CoachBot.Core.Cards;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Slack.Tests.Rendering;

/// <summary>A card command through a Slack button: written into its value by the renderer, read back once at the edge.</summary>
public sealed class SlackCardCommandTests
{
    public static TheoryData<CardCommand> Commands() =>
    [
        new CardCommand.Answer("need", "knowledge"),
        new CardCommand.PostSummary("rag"),
        new CardCommand.MorePhrases("rag"),
        new CardCommand.ShowDetails("fine-tuning"),
        new CardCommand.Lookup("cost"),
        new CardCommand.ShowAnswer("analogy:analogy-training", "compare pretraining an llm to something in iam"),
        new CardCommand.ShowAnswer("glossary:lora"),
        new CardCommand.StartOver(),
        new CardCommand.Correct(),
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_rendered_button_reads_back_as_its_command(CardCommand command)
    {
        var card = new CoachCard("t", "Title", [], [new CardAction("Press", command)]);
        var button = new BlockKitRenderer().Render(card).ToJsonObject()["blocks"]!.AsArray()
            .Single(b => b.Str("type") == "actions")!["elements"]![0]!;

        Assert.Equal(command, SlackReplyRenderer.ReadCommand(button.Str("value")));
    }

    [Theory]
    // Button values exactly as messages already posted in Slack carry them.
    [InlineData("""{"action":"answer","step":"need","value":"knowledge"}""")]
    [InlineData("""{"action":"postSummary","recommendation":"rag"}""")]
    [InlineData("""{"action":"morePhrases","recommendation":"rag"}""")]
    [InlineData("""{"action":"details","recommendation":"rag"}""")]
    [InlineData("""{"action":"startOver"}""")]
    [InlineData("""{"action":"qualify"}""")]
    public void Values_of_buttons_already_posted_still_parse_and_write_back_the_same(string value)
    {
        var command = SlackReplyRenderer.ReadCommand(value);

        Assert.NotNull(command);
        Assert.IsNotType<CardCommand.Unrecognized>(command);
        var card = new CoachCard("t", "Title", [], [new CardAction("Press", command)]);
        var written = new BlockKitRenderer().Render(card).ToJsonObject()["blocks"]!.AsArray()
            .Single(b => b.Str("type") == "actions")!["elements"]![0]!.Str("value");
        Assert.Equal(value, written);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"action":{"nested":true}}""")]
    [InlineData("""{"action":3}""")]
    [InlineData("null")]
    [InlineData("""{"action":"answer","step":""" )]
    public void A_value_that_is_not_a_coach_buttons_is_nothing(string? value) =>
        Assert.Null(SlackReplyRenderer.ReadCommand(value));

    [Fact]
    public void Data_naming_no_known_command_is_unrecognized() =>
        Assert.Equal(new CardCommand.Unrecognized("selfDestruct"), SlackReplyRenderer.ReadCommand("""{"action":"selfDestruct"}"""));
}
