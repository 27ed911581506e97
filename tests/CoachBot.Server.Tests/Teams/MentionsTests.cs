using System.Text.Json;
using CoachBot.BotFramework;
using CoachBot.BotFramework.Schema;
using CoachBot.BotFramework.Teams;

namespace CoachBot.Server.Tests.Teams;

public sealed class MentionsTests
{
    private static Activity Message(string text, string entitiesJson) => new()
    {
        Type = "message",
        Text = text,
        Recipient = new ChannelAccount { Id = "28:bot" },
        Entities = JsonSerializer.Deserialize<List<JsonElement>>(entitiesJson),
    };

    [Fact]
    public void The_bots_own_mention_is_removed()
    {
        var activity = Message("<at>CoachBot</at> phrase expensive",
            """[{"type":"mention","mentioned":{"id":"28:bot","name":"CoachBot"},"text":"<at>CoachBot</at>"}]""");
        Assert.Equal("phrase expensive", Mentions.StripBotMention(activity));
    }

    [Fact]
    public void Other_peoples_mentions_stay()
    {
        var activity = Message("<at>CoachBot</at> prep for <at>Dana</at>",
            """[{"type":"mention","mentioned":{"id":"28:bot","name":"CoachBot"},"text":"<at>CoachBot</at>"},{"type":"mention","mentioned":{"id":"29:dana","name":"Dana"},"text":"<at>Dana</at>"}]""");
        Assert.Equal("prep for <at>Dana</at>", Mentions.StripBotMention(activity));
    }

    [Fact]
    public void Without_entity_text_the_mention_is_rebuilt_from_the_name_case_insensitively()
    {
        var activity = Message("<AT>CoachBot</AT> help", """[{"type":"mention","mentioned":{"id":"28:bot","name":"CoachBot"}}]""");
        Assert.Equal("help", Mentions.StripBotMention(activity));
    }

    [Fact]
    public void Mention_markup_in_the_text_alone_is_not_trusted()
    {
        var activity = Message("<at>CoachBot</at> help", """[{"type":"clientInfo","locale":"en-US"}]""");
        Assert.Equal("<at>CoachBot</at> help", Mentions.StripBotMention(activity));
    }

    [Fact]
    public void Malformed_entities_are_skipped()
    {
        var activity = Message(" help ", """[5, "x", {"type":"mention","mentioned":"28:bot"}, {"type":"mention"}]""");
        Assert.Equal("help", Mentions.StripBotMention(activity));
    }
}
