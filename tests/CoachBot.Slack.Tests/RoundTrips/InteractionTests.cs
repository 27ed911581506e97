using System.Net;
using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Tests.Fakes;
using CoachBot.Slack.Views;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Tests.RoundTrips;

public class InteractionTests : IAsyncLifetime
{
    private const string Thread = "1700000030.000100";
    private SlackTestHost _host = null!;
    private Coach Coach => _host.Services.GetRequiredService<Coach>();

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Starts the dialog by a mention and returns the bot's first prompt as Slack delivered it.</summary>
    private async Task<(JsonObject Message, string Ts)> StartDialogInThreadAsync()
    {
        await _host.PostEventAsync(SlackPayloads.AppMention("qualify", ts: Thread));
        var post = (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body;
        return (post, "1700000000.000001");
    }

    /// <summary>Answers every prompt with its first choice until a card with a "post summary" button appears.</summary>
    private async Task<(JsonObject Message, JsonObject Button)> ReachRecommendationAsync()
    {
        var (message, ts) = await StartDialogInThreadAsync();
        for (var posts = 1; posts < 12; posts++)
        {
            var summary = message.Buttons().FirstOrDefault(b => SlackReplyRenderer.ReadCommand(b.Str("value")) is CardCommand.PostSummary);
            if (summary is not null) return (message, summary);
            var answer = message.Buttons().First(b => SlackReplyRenderer.ReadCommand(b.Str("value")) is CardCommand.Answer);
            var delivered = message.AsDelivered();
            var blockId = delivered.First(b => b!["type"]!.GetValue<string>() == "actions" && b["elements"]!.AsArray().Any(e => JsonNode.DeepEquals(e, answer)))!.Str("block_id");
            await _host.PostInteractionAsync(SlackPayloads.BlockAction(answer, blockId, delivered, messageTs: ts, threadTs: Thread));
            message = (await _host.Slack.WaitForCallAsync("chat.postMessage", posts + 1)).Body;
            ts = $"1700000000.{posts + 1:D6}";
        }
        throw new InvalidOperationException("The dialog never reached a recommendation.");
    }

    [Fact]
    public async Task Answering_a_prompt_in_a_thread_marks_the_choice_and_asks_the_next_question_there()
    {
        var (prompt, ts) = await StartDialogInThreadAsync();
        var delivered = prompt.AsDelivered();
        var button = prompt.Buttons()[0];
        var blockId = delivered.First(b => b!["type"]!.GetValue<string>() == "actions")!.Str("block_id");

        var response = await _host.PostInteractionAsync(SlackPayloads.BlockAction(button, blockId, delivered, messageTs: ts, threadTs: Thread));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());

        var update = (await _host.Slack.WaitForCallAsync("chat.update")).Body;
        Assert.Equal(ts, update.Str("ts"));
        Assert.Equal("C1", update.Str("channel"));
        Assert.Contains($"<@U1> chose *{SlackReplyRenderer.Escape(button["text"]!.Str("text"))}*", update.AllText());
        Assert.DoesNotContain(update.Blocks(), b => b!["block_id"]?.GetValue<string>() == blockId);

        var next = (await _host.Slack.WaitForCallAsync("chat.postMessage", 2)).Body;
        Assert.Equal(Thread, next.Str("thread_ts"));
        var started = Coach.TurnSync(DialogState.Empty, Utterance.FromText("qualify"));
        var expected = Coach.TurnSync(started.State, Utterance.FromAction(SlackReplyRenderer.ReadCommand(button.Str("value"))!));
        Assert.Equal(SlackReplyRenderer.RenderTurn(expected.Replies)[0].ToJsonObject().Blocks().ToJsonString(), next.Blocks().ToJsonString());
    }

    private JsonObject CoachButton(string action) => new()
    {
        ["type"] = "button",
        ["action_id"] = action + "-1",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = action },
        ["value"] = new JsonObject { [ActionKeys.Action] = action }.ToJsonString(),
    };

    [Fact]
    public async Task A_button_in_the_dm_is_answered_in_the_dm()
    {
        var button = CoachButton(ActionKeys.Prep);
        await _host.PostInteractionAsync(SlackPayloads.BlockAction(button, "b0", [], channel: "D1"));

        var post = (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body;
        Assert.Equal("D1", post.Str("channel"));
        Assert.Null(post["thread_ts"]);
        Assert.Contains(SlackReplyRenderer.Escape(Coach.PrepCard().Title), post.AllText());
    }

    [Fact]
    public async Task A_button_on_the_home_tab_is_answered_in_the_sellers_dm()
    {
        var click = SlackPayloads.BlockAction(CoachButton(ActionKeys.Qualify), "b0", []);
        click.Remove("channel");
        click.Remove("message");
        click["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V1" };
        await _host.PostInteractionAsync(click);

        Assert.Equal("U1", (await _host.Slack.WaitForCallAsync("conversations.open")).Body.Str("users"));
        var post = (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body;
        Assert.Equal("D0SELLER", post.Str("channel"));
        var expected = Coach.TurnSync(DialogState.Empty, Utterance.FromAction(new CardCommand.Qualify()));
        Assert.Equal(SlackReplyRenderer.RenderTurn(expected.Replies)[0].ToJsonObject().Blocks().ToJsonString(), post.Blocks().ToJsonString());
    }

    [Fact]
    public async Task When_the_modal_cannot_open_the_seller_is_asked_to_click_again()
    {
        var (message, button) = await ReachRecommendationAsync();
        var before = _host.Slack.CountCalls("chat.postMessage");
        _host.Slack.Enqueue("views.open", FakeResponse.Error("expired_trigger_id"));

        var response = await _host.PostInteractionAsync(SlackPayloads.BlockAction(button, "b", message.AsDelivered(), threadTs: Thread));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var notice = (await _host.Slack.WaitForCallAsync("chat.postMessage", before + 1)).Body;
        Assert.Equal(Thread, notice.Str("thread_ts"));
        Assert.Contains(Handlers.BlockActionsHandler.ModalFailedText, notice.AllText());
    }

    [Fact]
    public async Task A_button_that_is_not_ours_is_acknowledged_and_ignored()
    {
        var button = new JsonObject { ["type"] = "button", ["action_id"] = "x", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "X" }, ["value"] = "not json" };
        var response = await _host.PostInteractionAsync(SlackPayloads.BlockAction(button, "b", []));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(_host.Slack.Calls);
    }

    [Fact]
    public async Task Post_summary_opens_the_deal_summary_modal_with_the_clicks_trigger()
    {
        var (message, button) = await ReachRecommendationAsync();
        var calls = _host.Slack.CountCalls("chat.postMessage");

        var response = await _host.PostInteractionAsync(SlackPayloads.BlockAction(button, "b", message.AsDelivered(), threadTs: Thread));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Opened before the acknowledgement: the trigger expires three seconds after the click.
        var open = Assert.Single(_host.Slack.Calls, c => c.Method == "views.open").Body;
        Assert.Equal("2.3.trigger", open.Str("trigger_id"));
        var view = open["view"]!;
        Assert.Equal("modal", view.Str("type"));
        Assert.Equal(DealSummaryModal.CallbackId, view.Str("callback_id"));
        var metadata = JsonNode.Parse(view.Str("private_metadata"))!;
        Assert.Equal(SlackConversationKeys.ForThread(SlackTestHost.Team, "C1", Thread).Value, metadata.Str("key"));
        Assert.Equal(Assert.IsType<CardCommand.PostSummary>(SlackReplyRenderer.ReadCommand(button.Str("value"))).Recommendation, metadata.Str("recommendation"));
        Assert.Equal(calls, _host.Slack.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task Show_details_on_the_compact_recommendation_answers_with_the_whole_card_in_the_thread()
    {
        var (message, _) = await ReachRecommendationAsync();
        var show = message.Buttons().Single(b => SlackReplyRenderer.ReadCommand(b.Str("value")) is CardCommand.ShowDetails);
        Assert.Equal(CardFactory.ShowDetailsTitle, show["text"]!.Str("text"));
        Assert.DoesNotContain("Where it breaks", message.AllText());
        var posts = _host.Slack.CountCalls("chat.postMessage");

        var response = await _host.PostInteractionAsync(SlackPayloads.BlockAction(show, "b", message.AsDelivered(), threadTs: Thread));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var whole = (await _host.Slack.WaitForCallAsync("chat.postMessage", posts + 1)).Body;
        Assert.Equal(Thread, whole.Str("thread_ts"));
        Assert.Contains("Where it breaks", whole.AllText());
        Assert.Contains("*Cost*", whole.AllText());
        Assert.DoesNotContain(whole.Buttons(), b => SlackReplyRenderer.ReadCommand(b.Str("value")) is CardCommand.ShowDetails);
    }

    private async Task<JsonObject> OpenModalAsync()
    {
        var (message, button) = await ReachRecommendationAsync();
        await _host.PostInteractionAsync(SlackPayloads.BlockAction(button, "b", message.AsDelivered(), threadTs: Thread));
        return (await _host.Slack.WaitForCallAsync("views.open")).Body["view"]!.AsObject();
    }

    [Fact]
    public async Task Submitting_the_modal_posts_the_summary_to_the_chosen_channel_and_tells_only_the_seller()
    {
        var view = await OpenModalAsync();
        var before = _host.Slack.CountCalls("chat.postMessage");

        var response = await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(view, "CDEALS", "Acme Corp"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());

        var summary = (await _host.Slack.WaitForCallAsync("chat.postMessage", before + 1)).Body;
        Assert.Equal("CDEALS", summary.Str("channel"));
        Assert.Null(summary["thread_ts"]);
        Assert.Contains("Acme Corp", summary.AllText());
        var confirmation = (await _host.Slack.WaitForCallAsync("chat.postEphemeral")).Body;
        Assert.Equal("C1", confirmation.Str("channel"));
        Assert.Equal("U1", confirmation.Str("user"));
        Assert.Equal(Thread, confirmation.Str("thread_ts"));
        Assert.Contains("<#CDEALS>", confirmation.AllText());
        Assert.Equal(before + 1, _host.Slack.CountCalls("chat.postMessage"));
    }

    [Theory]
    [InlineData("not_in_channel", "/invite")]
    [InlineData("channel_not_found", "/invite")]
    public async Task When_the_bot_cannot_post_there_the_seller_is_told_how_to_invite_it(string error, string advice)
    {
        var view = await OpenModalAsync();
        var before = _host.Slack.CountCalls("chat.postMessage");
        _host.Slack.Enqueue("chat.postMessage", FakeResponse.Error(error));

        await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(view, "CPRIVATE", "Acme Corp"));

        var message = (await _host.Slack.WaitForCallAsync("chat.postEphemeral")).Body;
        Assert.Equal("C1", message.Str("channel"));
        Assert.Equal("U1", message.Str("user"));
        Assert.Equal(Thread, message.Str("thread_ts"));
        Assert.Contains(advice, message.AllText());
        Assert.DoesNotContain("Posted the deal summary", message.AllText());
    }

    [Fact]
    public async Task From_a_dm_the_confirmation_is_an_ordinary_dm_message()
    {
        var key = SlackConversationKeys.ForDirectMessage(SlackTestHost.Team, "D1");
        var view = DealSummaryModal.Build(new DealSummaryRequest(key, "rag", new ChannelDestination("D1", null)), null);

        await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(view, "CDEALS", "Acme Corp"));

        Assert.Equal("CDEALS", (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body.Str("channel"));
        var confirmation = (await _host.Slack.WaitForCallAsync("chat.postMessage", 2)).Body;
        Assert.Equal("D1", confirmation.Str("channel"));
        Assert.Contains("<#CDEALS>", confirmation.AllText());
        Assert.Equal(0, _host.Slack.CountCalls("chat.postEphemeral"));
    }

    [Fact]
    public async Task From_a_private_slash_command_dialog_the_confirmation_goes_through_its_response_url()
    {
        var key = SlackConversationKeys.ForSeller(SlackTestHost.Team, "C1", "U1");
        var view = DealSummaryModal.Build(new DealSummaryRequest(key, "rag", new ResponseUrlDestination(_host.Slack.ResponseUrl("dialog"))), null);

        await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(view, "CDEALS", "Acme Corp"));

        Assert.Equal("CDEALS", (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body.Str("channel"));
        var confirmation = (await _host.Slack.WaitForCallAsync("response_url/dialog")).Body;
        Assert.Equal("ephemeral", confirmation.Str("response_type"));
        Assert.Contains("<#CDEALS>", confirmation.AllText());
    }

    [Theory]
    [InlineData(null, "Acme", "channel")]
    [InlineData("CDEALS", null, "account")]
    [InlineData("CDEALS", "   ", "account")]
    [InlineData("CDEALS", "line one\nline two", "account")]
    public async Task Missing_or_bad_inputs_are_shown_in_the_modal(string? channel, string? account, string erroredBlock)
    {
        var view = await OpenModalAsync();
        var response = await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(view, channel, account));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", body.Str("response_action"));
        Assert.NotNull(body["errors"]![erroredBlock]);
    }

    [Fact]
    public async Task A_modal_with_tampered_metadata_is_refused_in_the_modal()
    {
        var view = await OpenModalAsync();
        view["private_metadata"] = "{broken";
        var response = await _host.PostInteractionAsync(SlackPayloads.ViewSubmission(view, "CDEALS", "Acme"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", body.Str("response_action"));
    }
}
