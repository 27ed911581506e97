using System.Net;
using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Tests.RoundTrips;

public class EventTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;
    private Coach Coach => _host.Services.GetRequiredService<Coach>();

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private JsonArray ExpectedBlocks(string text) =>
        SlackReplyRenderer.RenderTurn(Coach.TurnSync(DialogState.Empty, Utterance.FromText(text)).Replies)[0].ToJsonObject().Blocks();

    [Fact]
    public async Task A_direct_message_is_answered_in_the_dm_without_a_thread()
    {
        var response = await _host.PostEventAsync(SlackPayloads.DirectMessage("qualify"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());

        var post = (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body;
        Assert.Equal("D1", post.Str("channel"));
        Assert.Null(post["thread_ts"]);
        Assert.Equal("Bearer " + SlackTestHost.BotToken, (await _host.Slack.WaitForCallAsync("chat.postMessage")).Authorization);
        Assert.Equal(ExpectedBlocks("qualify").ToJsonString(), post.Blocks().ToJsonString());
        Assert.False(string.IsNullOrWhiteSpace(post.Str("text")));
    }

    [Fact]
    public async Task A_mention_in_a_channel_is_answered_in_a_thread_on_it_without_the_mention()
    {
        await _host.PostEventAsync(SlackPayloads.AppMention("qualify", ts: "1700000010.000100"));

        var post = (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body;
        Assert.Equal("C1", post.Str("channel"));
        Assert.Equal("1700000010.000100", post.Str("thread_ts"));
        Assert.Equal(ExpectedBlocks("qualify").ToJsonString(), post.Blocks().ToJsonString());
    }

    [Fact]
    public async Task A_mention_inside_a_thread_answers_in_that_thread_and_continues_its_dialog()
    {
        await _host.PostEventAsync(SlackPayloads.AppMention("qualify", ts: "1700000020.000100"), "Ev1");
        await _host.Slack.WaitForCallAsync("chat.postMessage");
        var firstPrompt = Assert.IsType<ChoicePrompt>(Coach.TurnSync(DialogState.Empty, Utterance.FromText("qualify")).Replies.Last());
        var answer = firstPrompt.Choices[0].Label;

        await _host.PostEventAsync(SlackPayloads.AppMention(answer, ts: "1700000021.000100", threadTs: "1700000020.000100"), "Ev2");
        var second = (await _host.Slack.WaitForCallAsync("chat.postMessage", 2)).Body;
        Assert.Equal("1700000020.000100", second.Str("thread_ts"));

        var started = Coach.TurnSync(DialogState.Empty, Utterance.FromText("qualify"));
        var expected = Coach.TurnSync(started.State, Utterance.FromText(answer));
        Assert.Equal(SlackReplyRenderer.RenderTurn(expected.Replies)[0].ToJsonObject().Blocks().ToJsonString(), second.Blocks().ToJsonString());
    }

    [Fact]
    public async Task A_replayed_event_id_is_handled_once()
    {
        var first = await _host.PostEventAsync(SlackPayloads.DirectMessage("help"), "EvSame");
        var retry = await _host.PostEventAsync(SlackPayloads.DirectMessage("help"), "EvSame");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        await _host.PostEventAsync(SlackPayloads.DirectMessage("prep"), "EvOther");
        await _host.Slack.WaitForCallAsync("chat.postMessage", 2);
        await Task.Delay(300);
        Assert.Equal(2, _host.Slack.CountCalls("chat.postMessage"));
    }

    public static TheoryData<string> OwnOrIgnoredMessages => new()
    {
        """{"type":"message","channel":"D1","channel_type":"im","user":"UBOT","bot_id":"BBOT","text":"hi","ts":"1.1"}""",
        """{"type":"message","channel":"D1","channel_type":"im","user":"UBOT","text":"hi","ts":"1.2"}""",
        """{"type":"message","subtype":"bot_message","channel":"D1","channel_type":"im","bot_id":"B2","text":"hi","ts":"1.3"}""",
        """{"type":"message","subtype":"message_changed","channel":"D1","channel_type":"im","ts":"1.4"}""",
        """{"type":"message","channel":"C1","channel_type":"channel","user":"U1","text":"help","ts":"1.5"}""",
        """{"type":"app_mention","channel":"C1","user":"U9","bot_id":"B9","text":"<@UBOT> help","ts":"1.6"}""",
    };

    [Theory]
    [MemberData(nameof(OwnOrIgnoredMessages))]
    public async Task The_bot_ignores_its_own_messages_edits_and_channel_chatter(string innerEvent)
    {
        var response = await _host.PostEventAsync(JsonNode.Parse(innerEvent)!.AsObject(), "EvIgnored");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await _host.PostEventAsync(SlackPayloads.DirectMessage("help"), "EvReal");
        await _host.Slack.WaitForCallAsync("chat.postMessage");
        await Task.Delay(300);
        Assert.Equal(1, _host.Slack.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task Opening_the_home_tab_publishes_the_home_view_for_that_seller()
    {
        await _host.PostEventAsync(new JsonObject { ["type"] = "app_home_opened", ["user"] = "U7", ["channel"] = "D7", ["tab"] = "home", ["event_ts"] = "1.1" });

        var publish = (await _host.Slack.WaitForCallAsync("views.publish")).Body;
        Assert.Equal("U7", publish.Str("user_id"));
        var view = publish["view"]!;
        Assert.Equal("home", view.Str("type"));
        Assert.InRange(view.Blocks().Count, 1, 100);
        Assert.Contains(SlackReplyRenderer.Escape(Coach.HelpCard().Title), view.AllText());
        Assert.Contains(SlackReplyRenderer.Escape(Coach.PrepCard().Title), view.AllText());
        Assert.Contains(SlackReplyRenderer.Escape(Coach.Playbook.Phrases[0].DoSay.Trim()), view.AllText());
    }

    [Fact]
    public async Task Opening_the_messages_tab_publishes_nothing()
    {
        await _host.PostEventAsync(new JsonObject { ["type"] = "app_home_opened", ["user"] = "U7", ["channel"] = "D7", ["tab"] = "messages", ["event_ts"] = "1.1" }, "EvTab");
        await _host.PostEventAsync(SlackPayloads.DirectMessage("help"), "EvAfter");
        await _host.Slack.WaitForCallAsync("chat.postMessage");
        await Task.Delay(200);
        Assert.Equal(0, _host.Slack.CountCalls("views.publish"));
    }
}
