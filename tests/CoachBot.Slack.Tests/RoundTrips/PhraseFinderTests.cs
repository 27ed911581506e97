using System.Net;
using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Playbook;
using CoachBot.Slack.Tests.Fakes;
using CoachBot.Slack.Views;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Tests.RoundTrips;

/// <summary>
/// The phrase finder end to end against the loopback Slack fake: a shortcut opens the modal with its trigger, the
/// search field's block_suggestion requests are answered with the coach's own look-up, and the submission shows the
/// chosen phrase privately, from where "Post to channel" posts it for everyone.
/// </summary>
public class PhraseFinderTests : IAsyncLifetime
{
    private const string BuyerWords = "we want to fine-tune a model on our policies so it answers staff questions";
    private SlackTestHost _host = null!;
    private Coach Coach => _host.Services.GetRequiredService<Coach>();

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> OpenAsync(JsonObject shortcut)
    {
        var response = await _host.PostInteractionAsync(shortcut);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        // Opened before the acknowledgement: the trigger expires three seconds after the shortcut.
        return Assert.Single(_host.Slack.Calls, c => c.Method == "views.open").Body;
    }

    private static JsonObject Element(JsonNode view, string blockId) =>
        view.Blocks().Single(b => b!["block_id"]?.GetValue<string>() == blockId)!["element"]!.AsObject();

    private async Task<JsonArray> SuggestAsync(JsonObject view, string typed, string actionId = FindPhraseModal.PhraseBlockId)
    {
        var response = await _host.PostInteractionAsync(SlackPayloads.BlockSuggestion(view, actionId, typed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["options"]!.AsArray();
    }

    private static IEnumerable<string> Values(JsonArray options) => options.Select(o => o!.Str("value"));

    private async Task<IEnumerable<string>> LookupIdsAsync(string text) => (await Coach.LookupAsync(text)).Matches.Select(m => m.Phrase.Id);

    [Fact]
    public async Task The_global_shortcut_opens_the_phrase_finder_with_its_trigger()
    {
        var open = await OpenAsync(SlackPayloads.GlobalShortcut(FindPhraseModal.GlobalShortcutId));

        Assert.Equal("5.6.trigger", open.Str("trigger_id"));
        var view = open["view"]!;
        Assert.Equal(("modal", FindPhraseModal.CallbackId), (view.Str("type"), view.Str("callback_id")));
        var search = Element(view, FindPhraseModal.PhraseBlockId);
        Assert.Equal("external_select", search.Str("type"));
        Assert.Equal(0, search["min_query_length"]!.GetValue<int>());
        Assert.Null(search["initial_option"]);
        var conversation = Element(view, FindPhraseModal.ConversationBlockId);
        Assert.Equal("conversations_select", conversation.Str("type"));
        Assert.True(conversation["response_url_enabled"]!.GetValue<bool>());
        Assert.True(conversation["default_to_current_conversation"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_message_shortcut_opens_it_on_the_buyers_words_with_the_best_match_chosen()
    {
        var open = await OpenAsync(SlackPayloads.MessageShortcut(FindPhraseModal.MessageShortcutId, BuyerWords, channel: "CDEAL"));

        Assert.Equal("6.7.trigger", open.Str("trigger_id"));
        var view = open["view"]!;
        Assert.Equal(BuyerWords, view.Str("private_metadata"));
        Assert.Contains(BuyerWords, view.AllText());
        var best = (await LookupIdsAsync(BuyerWords)).First();
        Assert.Equal(best, Element(view, FindPhraseModal.PhraseBlockId)["initial_option"]!.Str("value"));
        Assert.Equal("CDEAL", Element(view, FindPhraseModal.ConversationBlockId).Str("initial_conversation"));
    }

    [Fact]
    public async Task A_shortcut_that_is_not_ours_opens_nothing()
    {
        var response = await _host.PostInteractionAsync(SlackPayloads.GlobalShortcut("someone.else"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _host.Slack.CountCalls("views.open"));
    }

    [Theory]
    [InlineData("cost")]
    [InlineData("vendor lock-in")]
    [InlineData("they want to train on their own data")]
    public async Task Typing_lists_the_phrases_the_coachs_look_up_finds_in_its_order(string typed)
    {
        var view = (await OpenAsync(SlackPayloads.GlobalShortcut(FindPhraseModal.GlobalShortcutId)))["view"]!.AsObject();

        var options = await SuggestAsync(view, typed);

        var expected = (await LookupIdsAsync(typed)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Values(options));
        foreach (var option in options)
        {
            var phrase = Coach.Playbook.Phrases.Single(p => p.Id == option!.Str("value"));
            Assert.Equal("plain_text", option!["text"]!.Str("type"));
            var text = option["text"]!.Str("text");
            Assert.InRange(text.Length, 1, FindPhraseModal.OptionText);
            // The do-say line, or as much of it as fits, with an ellipsis.
            if (text != phrase.DoSay) Assert.StartsWith(text.TrimEnd('\u2026'), phrase.DoSay);
            if (text != phrase.DoSay) Assert.EndsWith("\u2026", text);
        }
    }

    [Fact]
    public async Task Before_typing_the_list_is_the_matches_for_the_buyers_words_or_else_every_phrase()
    {
        var fromMessage = (await OpenAsync(SlackPayloads.MessageShortcut(FindPhraseModal.MessageShortcutId, BuyerWords)))["view"]!.AsObject();
        Assert.Equal(await LookupIdsAsync(BuyerWords), Values(await SuggestAsync(fromMessage, "")));

        var global = FindPhraseModal.Build(new FindPhraseContext(null, null), null);
        Assert.Equal(Coach.Playbook.Phrases.Select(p => p.Id), Values(await SuggestAsync(global, "  ")));
    }

    [Fact]
    public async Task Nothing_found_or_another_menu_is_an_empty_list_not_an_error()
    {
        var view = FindPhraseModal.Build(new FindPhraseContext(null, null), null);

        Assert.Empty(await SuggestAsync(view, "zzqx blorf"));
        Assert.Empty(await SuggestAsync(view, "cost", actionId: "another-menu"));
    }

    [Fact]
    public void Options_stay_within_slacks_limits()
    {
        var phrases = Enumerable.Range(0, 150).Select(i => new Phrase { Id = $"p{i}", DoSay = new string('x', 60) + " \U0001F600 " + new string('y', 200) }).ToList();

        var options = FindPhraseModal.Options(phrases)["options"]!.AsArray();

        Assert.Equal(FindPhraseModal.MaxOptions, options.Count);
        Assert.All(options, o =>
        {
            var text = o!["text"]!.Str("text");
            Assert.InRange(text.Length, 1, FindPhraseModal.OptionText);
            Assert.EndsWith("\u2026", text);
            Assert.False(char.IsHighSurrogate(text[^2]));
        });
        Assert.Empty(FindPhraseModal.Options([new Phrase { Id = new string('i', FindPhraseModal.OptionValue + 1), DoSay = "x" }])["options"]!.AsArray());
    }

    private static JsonObject Chosen(string phraseId, string conversation = "C1") => new()
    {
        [FindPhraseModal.PhraseBlockId] = new JsonObject
        {
            [FindPhraseModal.PhraseBlockId] = new JsonObject
            {
                ["type"] = "external_select",
                ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "..." }, ["value"] = phraseId },
            },
        },
        [FindPhraseModal.ConversationBlockId] = new JsonObject
        {
            [FindPhraseModal.ConversationBlockId] = new JsonObject { ["type"] = "conversations_select", ["selected_conversation"] = conversation },
        },
    };

    private JsonArray ResponseUrls(string name, string channel = "C1") =>
    [
        new JsonObject
        {
            ["block_id"] = FindPhraseModal.ConversationBlockId,
            ["action_id"] = FindPhraseModal.ConversationBlockId,
            ["channel_id"] = channel,
            ["response_url"] = _host.Slack.ResponseUrl(name),
        },
    ];

    [Fact]
    public async Task Submitting_shows_the_chosen_phrase_privately_and_post_to_channel_shares_it()
    {
        var view = (await OpenAsync(SlackPayloads.MessageShortcut(FindPhraseModal.MessageShortcutId, BuyerWords)))["view"]!.AsObject();
        var phrase = Coach.Playbook.Phrases[1];

        var submitted = await _host.PostInteractionAsync(SlackPayloads.Submission(view, Chosen(phrase.Id), ResponseUrls("finder")));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Empty(await submitted.Content.ReadAsStringAsync());

        var shown = (await _host.Slack.WaitForCallAsync("response_url/finder")).Body;
        Assert.Equal("ephemeral", shown.Str("response_type"));
        Assert.False(shown["replace_original"]!.GetValue<bool>());
        Assert.Contains(phrase.DoSay, shown.AllText());
        Assert.Contains(phrase.DontSay, shown.AllText());
        var post = Assert.Single(shown.Buttons());
        Assert.Equal((FindPhraseModal.PostActionId, phrase.Id), (post.Str("action_id"), post.Str("value")));

        var delivered = shown.AsDelivered();
        var click = SlackPayloads.BlockAction(post, shown.BlockIdOf(post), delivered, responseUrl: _host.Slack.ResponseUrl("finder-post"), ephemeral: true);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostInteractionAsync(click)).StatusCode);

        var posted = (await _host.Slack.WaitForCallAsync("response_url/finder-post")).Body;
        Assert.Equal("in_channel", posted.Str("response_type"));
        Assert.False(posted["replace_original"]!.GetValue<bool>());
        Assert.Contains(phrase.DoSay, posted.AllText());
        Assert.Contains("Shared by <@U1>", posted.AllText());
        Assert.Empty(posted.Buttons());
        Assert.Equal(0, _host.Slack.CountCalls("chat.postMessage"));
    }

    [Fact]
    public async Task Without_a_response_url_the_phrase_goes_to_the_sellers_dm()
    {
        var view = FindPhraseModal.Build(new FindPhraseContext(null, null), null);
        var phrase = Coach.Playbook.Phrases[0];

        await _host.PostInteractionAsync(SlackPayloads.Submission(view, Chosen(phrase.Id)));

        Assert.Equal("U1", (await _host.Slack.WaitForCallAsync("conversations.open")).Body.Str("users"));
        var dm = (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body;
        Assert.Equal("D0SELLER", dm.Str("channel"));
        Assert.Contains(phrase.DoSay, dm.AllText());
    }

    [Fact]
    public async Task A_phrase_no_longer_in_the_playbook_is_refused_in_the_modal()
    {
        var view = FindPhraseModal.Build(new FindPhraseContext(null, null), null);

        var response = await _host.PostInteractionAsync(SlackPayloads.Submission(view, Chosen("no-such-phrase"), ResponseUrls("stale")));

        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", ack.Str("response_action"));
        Assert.Equal(CoachBot.Slack.Handlers.PhraseFinderReplies.StaleText, ack["errors"]!.Str(FindPhraseModal.PhraseBlockId));
        await Task.Delay(200);
        Assert.Equal(0, _host.Slack.CountCalls("response_url/stale"));
    }
}
