using System.Net;
using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Tests.RoundTrips;

public class SlashCommandTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;
    private Coach Coach => _host.Services.GetRequiredService<Coach>();

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonObject> BodyOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("  HELP ")]
    public async Task Help_is_answered_privately_in_the_acknowledgement(string text)
    {
        var body = await BodyOf(await _host.PostSlashCommandAsync(text));
        Assert.Equal("ephemeral", body.Str("response_type"));
        Assert.Contains(SlackReplyRenderer.Escape(Coach.HelpCard().Title), body.AllText());
        Assert.Empty(_host.Slack.Calls);
    }

    [Fact]
    public async Task Prep_is_answered_privately_in_the_acknowledgement()
    {
        var body = await BodyOf(await _host.PostSlashCommandAsync("prep"));
        Assert.Equal("ephemeral", body.Str("response_type"));
        Assert.Contains(SlackReplyRenderer.Escape(Coach.PrepCard().Title), body.AllText());
    }

    [Theory]
    [InlineData("say cost")]
    [InlineData("phrase hallucination")]
    [InlineData("say caf\u00e9 & \u201ccost\u201d + 100% <tone>")]
    public async Task A_phrase_look_up_is_answered_at_once_with_a_post_to_channel_button(string text)
    {
        var expected = Coach.TurnSync(DialogState.Empty, Utterance.FromText(text));
        var body = await BodyOf(await _host.PostSlashCommandAsync(text));

        Assert.Equal("ephemeral", body.Str("response_type"));
        var card = Assert.IsType<CardReply>(Assert.Single(expected.Replies)).Card;
        Assert.Contains(SlackReplyRenderer.Escape(card.Title), body.AllText());
        var share = body.Buttons().Single(b => b.Str("action_id") == SlackReplyRenderer.ShareActionId);
        Assert.Equal(text, share.Str("value"));
        Assert.Empty(_host.Slack.Calls);
        Assert.NotEmpty(await _host.Analytics.TopSubjectsAsync(
            [Core.Analytics.AnalyticsKind.Lookup, Core.Analytics.AnalyticsKind.NoMatchLookup], DateTimeOffset.MinValue, 10));
    }

    [Fact]
    public async Task An_immediate_answer_is_sent_whole_with_its_length_as_UTF8_JSON()
    {
        var response = await _host.PostSlashCommandAsync("say cost");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(("application/json", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Equal("ephemeral", JsonNode.Parse(bytes)!.Str("response_type"));
    }

    [Fact]
    public async Task The_share_button_posts_the_same_answer_to_the_channel_attributed_to_the_seller()
    {
        var answer = await BodyOf(await _host.PostSlashCommandAsync("say cost"));
        var share = answer.Buttons().Single(b => b.Str("action_id") == SlackReplyRenderer.ShareActionId);

        var click = SlackPayloads.BlockAction(share, "share-block", [], responseUrl: _host.Slack.ResponseUrl("share"), ephemeral: true);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostInteractionAsync(click)).StatusCode);

        var posted = (await _host.Slack.WaitForCallAsync("response_url/share")).Body;
        Assert.Equal("in_channel", posted.Str("response_type"));
        Assert.False(posted["replace_original"]!.GetValue<bool>());
        Assert.Contains("Shared by <@U1>", posted.AllText());
        Assert.DoesNotContain(posted.Buttons(), b => b.Str("action_id") == SlackReplyRenderer.ShareActionId);
        var original = answer.Blocks()
            .Where(b => b!["elements"]?.AsArray().Any(e => e!["action_id"]?.GetValue<string>() == SlackReplyRenderer.ShareActionId) != true)
            .ToList();
        Assert.Equal(answer.Blocks().Count - 1, original.Count);
        Assert.All(original, block => Assert.Contains(posted.Blocks(), b => JsonNode.DeepEquals(b, block)));
    }

    [Fact]
    public async Task Qualify_is_acknowledged_empty_and_the_first_question_follows_through_response_url()
    {
        var response = await _host.PostSlashCommandAsync("qualify", responseUrlName: "q1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());

        var prompt = Assert.IsType<ChoicePrompt>(Coach.TurnSync(DialogState.Empty, Utterance.FromText("qualify")).Replies.Last());
        var posted = (await _host.Slack.WaitForCallAsync("response_url/q1")).Body;
        Assert.Equal("ephemeral", posted.Str("response_type"));
        var steps = posted.Buttons().Select(b => Assert.IsType<CardCommand.Answer>(SlackReplyRenderer.ReadCommand(b.Str("value")))).ToList();
        Assert.Equal(prompt.Choices.Select(c => c.Value), steps.Select(a => a.Value));
        Assert.All(steps, a => Assert.Equal(prompt.StepId, a.StepId));
    }

    [Fact]
    public async Task A_button_on_the_private_dialog_continues_the_same_dialog()
    {
        await _host.PostSlashCommandAsync("qualify", responseUrlName: "q1");
        var first = (await _host.Slack.WaitForCallAsync("response_url/q1")).Body;
        var button = first.Buttons()[0];

        var click = SlackPayloads.BlockAction(button, "b0", first.AsDelivered(), responseUrl: _host.Slack.ResponseUrl("q2"), ephemeral: true);
        await _host.PostInteractionAsync(click);

        var started = Coach.TurnSync(DialogState.Empty, Utterance.FromText("qualify"));
        var expected = Coach.TurnSync(started.State, Utterance.FromAction(SlackReplyRenderer.ReadCommand(button.Str("value"))!));
        var next = (await _host.Slack.WaitForCallAsync("response_url/q2")).Body;
        Assert.Equal(SlackReplyRenderer.RenderTurn(expected.Replies)[0].ToJsonObject().Blocks().ToJsonString(), next.Blocks().ToJsonString());
    }
}

public class ConfiguredCommandNameTests
{
    [Fact]
    public async Task The_command_name_comes_from_configuration_and_other_commands_are_declined()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:CommandName"] = "/dealcoach" });
        var coach = host.Services.GetRequiredService<Coach>();

        var ours = JsonNode.Parse(await (await host.PostSignedAsync(
            SlackPayloads.SlashCommand("help", host.Slack.ResponseUrl("a"), command: "/dealcoach"), SlackPayloads.FormContentType)).Content.ReadAsStringAsync())!;
        Assert.Contains(SlackReplyRenderer.Escape(coach.HelpCard().Title), ours.AllText());

        var other = JsonNode.Parse(await (await host.PostSignedAsync(
            SlackPayloads.SlashCommand("help", host.Slack.ResponseUrl("b"), command: "/coach"), SlackPayloads.FormContentType)).Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", other.Str("response_type"));
        Assert.Contains("/dealcoach help", other.Str("text"));
        Assert.Null(other["blocks"]);
    }
}
