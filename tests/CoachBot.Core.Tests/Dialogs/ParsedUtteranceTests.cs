using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Dialogs;
using CoachBot.Core.Rendering;

namespace CoachBot.Core.Tests.Dialogs;

/// <summary>Text a channel parsed already (Slack's slash command) reaches the coach with its reading, which the coach uses as is.</summary>
public sealed class ParsedUtteranceTests
{
    [Fact]
    public void The_coach_takes_the_channels_reading_of_the_text_instead_of_parsing_it_again()
    {
        var coach = TestCoach.Create();

        // Text and reading disagree on purpose: the reading decides.
        var result = coach.TurnSync(DialogState.Empty, Utterance.FromParsed("qualify", new ParsedCommand(CommandKind.Help)));

        Assert.Contains(result.Replies, r => r is CardReply { Card.Kind: "help" });
        Assert.DoesNotContain(result.Replies, r => r is ChoicePrompt);
        Assert.Null(result.State.DialogId);
    }

    [Fact]
    public void A_reading_equal_to_the_parsers_answers_as_the_plain_text_does()
    {
        var coach = TestCoach.Create();
        var renderer = new PlainTextRenderer();
        foreach (var text in new[] { "qualify", "phrase cost", "coach: the CIO wants the model to learn our policies", "help", "prep" })
        {
            var parsed = coach.TurnSync(DialogState.Empty, Utterance.FromParsed(text, CommandParser.Parse(text)));
            var plain = coach.TurnSync(DialogState.Empty, Utterance.FromText(text));
            Assert.NotEmpty(plain.Replies);
            Assert.Equal(plain.Replies.Select(renderer.Render), parsed.Replies.Select(renderer.Render));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(plain.State with { LastActivity = null }), System.Text.Json.JsonSerializer.Serialize(parsed.State with { LastActivity = null }));
        }
    }
}
