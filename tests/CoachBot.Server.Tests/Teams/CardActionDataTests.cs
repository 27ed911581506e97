using System.Text.Json;
using CoachBot.BotFramework;
using CoachBot.BotFramework.Schema;
using CoachBot.Core.Cards;

namespace CoachBot.Server.Tests.Teams;

public sealed class CardActionDataTests
{
    [Fact]
    public void Submit_data_becomes_an_action_utterance_with_inputs_and_without_teams_routing_hints()
    {
        var activity = new Activity
        {
            Type = "message",
            Value = JsonDocument.Parse("""{"action":"answer","step":"need","value":"knowledge","count":3,"ok":true,"msteams":{"type":"messageBack"}}""").RootElement,
        };

        var utterance = CoachActivityHandler.ToUtterance(activity)!;

        Assert.Null(utterance.Text);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "answer", ["step"] = "need", ["value"] = "knowledge", ["count"] = "3", ["ok"] = "true" },
            CoachActivityHandler.ActionData(activity.Value));
        Assert.Equal(new CardCommand.Answer("need", "knowledge"), utterance.Action);
    }

    [Theory]
    // Action.Submit data exactly as cards already posted in Teams carry it.
    [InlineData("""{"action":"postSummary","recommendation":"rag","dealChannel":"19:c1@thread.tacv2"}""")]
    [InlineData("""{"action":"details","recommendation":"fine-tuning"}""")]
    [InlineData("""{"action":"answer","step":"need","value":"knowledge"}""")]
    [InlineData("""{"action":"startOver"}""")]
    public void Data_of_cards_already_posted_parses_and_renders_back_the_same(string json)
    {
        var activity = new Activity { Type = "message", Value = JsonDocument.Parse(json).RootElement };

        var command = CoachActivityHandler.ToUtterance(activity)!.Action!;

        Assert.IsNotType<CardCommand.Unrecognized>(command);
        var rendered = new CoachBot.BotFramework.Rendering.AdaptiveCards.AdaptiveCardRenderer()
            .Render(new CoachCard("t", "Title", [], [new CardAction("Press", command)])).ToJsonObject();
        Assert.Equal(json, rendered["actions"]![0]!["data"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"action":"selfDestruct"}""")]
    [InlineData("""{"step":"need","value":"knowledge"}""")]
    [InlineData("""{"action":7}""")]
    public void Data_naming_no_known_command_is_unrecognized(string json)
    {
        var activity = new Activity { Type = "message", Value = JsonDocument.Parse(json).RootElement };
        Assert.IsType<CardCommand.Unrecognized>(CoachActivityHandler.ToUtterance(activity)!.Action);
    }

    [Fact]
    public void Typed_text_is_used_when_there_is_no_card_data()
    {
        var activity = new Activity { Type = "message", Text = " qualify ", Value = JsonDocument.Parse("{}").RootElement };
        Assert.Equal("qualify", CoachActivityHandler.ToUtterance(activity)!.Text);
    }

    [Fact]
    public void A_thread_in_a_teams_channel_is_its_own_conversation()
    {
        Activity InThread(string id) => new() { ChannelId = "msteams", Conversation = new ConversationAccount { Id = id } };

        Assert.NotEqual(CoachActivityHandler.KeyOf(InThread("19:abc@thread.tacv2;messageid=1")),
            CoachActivityHandler.KeyOf(InThread("19:abc@thread.tacv2;messageid=2")));
        Assert.NotEqual(CoachActivityHandler.KeyOf(InThread("c1")),
            CoachActivityHandler.KeyOf(new Activity { ChannelId = "webchat", Conversation = new ConversationAccount { Id = "c1" } }));
    }
}
