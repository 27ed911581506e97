using System.Text.Json;
using CoachBot.BotFramework.Schema;

namespace CoachBot.Server.Tests.Teams;

/// <summary>The source-generated Bot Framework wire format reads what Teams sends, fields CoachBot does not model included.</summary>
public sealed class ActivityWireFormatTests
{
    [Fact]
    public void Fields_CoachBot_does_not_model_are_skipped_at_every_level()
    {
        var activity = JsonSerializer.Deserialize("""
            {"type":"message","id":"1","timestamp":"2026-12-03T07:00:00.000Z","localTimestamp":"2026-12-03T08:00:00.000+01:00",
             "serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams",
             "from":{"id":"29:u","name":"Dana","aadObjectId":"a1","role":"user","userPrincipalName":"dana@example.com"},
             "conversation":{"id":"a:1","conversationType":"personal","tenantId":"t1","isGroup":false,"extra":{"nested":[1,2,{"x":null}]}},
             "recipient":{"id":"28:bot","name":"CoachBot"},"textFormat":"plain","text":"help","attachments":[],
             "entities":[{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"Europe/Berlin"}],
             "channelData":{"tenant":{"id":"t1"},"source":{"name":"message"},"legacy":{"replyToId":"x"}},
             "locale":"en-US","localTimezone":"Europe/Berlin","futureField":{"anything":true},"anotherOne":[null,"x",3.5]}
            """, BotFrameworkJsonContext.Default.Activity)!;

        Assert.Equal(("message", "help", "msteams"), (activity.Type, activity.Text, activity.ChannelId));
        Assert.Equal(("29:u", "a1"), (activity.From!.Id, activity.From.AadObjectId));
        Assert.Equal(("a:1", false), (activity.Conversation!.Id, activity.Conversation.IsGroup));
        Assert.Equal("t1", TeamsChannelData.From(activity)?.Tenant?.Id);
    }
}
