using System.Text.Json.Nodes;
using CoachBot.BotFramework.Teams;
using CoachBot.Core.Playbook;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Teams;

/// <summary>
/// Teams invokes answered in the HTTP response: phrase search from the compose box, and Action.Execute buttons
/// that refresh the card in place, through to posting a deal summary into a team channel.
/// </summary>
public sealed class TeamsInvokeTests : IAsyncLifetime
{
    private static readonly PlaybookContent Playbook = PlaybookLoader.LoadEmbedded();
    private const string DealsChannel = "19:deals@thread.tacv2";
    private ConnectorFake _connector = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await ConnectorFake.StartAsync();
        _bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["ConnectorRetryDelay"] = "00:00:00.010" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<JsonObject> Search(string query, JsonObject? queryOptions = null, string parameter = "query")
    {
        var value = new JsonObject
        {
            ["commandId"] = "phrase",
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = parameter, ["value"] = query }),
        };
        if (queryOptions is not null) value["queryOptions"] = queryOptions;
        var response = await _bot.PostAsync(Activities.Invoke(_connector.ServiceUrl, "a:search", PhraseSearch.InvokeName, value));
        Assert.Equal(200, response.Status);
        return (JsonObject)response.Json["composeExtension"]!;
    }

    [Fact]
    public async Task A_compose_box_search_lists_matching_do_say_lines_with_previews()
    {
        var phrase = Playbook.Phrases[0];

        var result = await Search(phrase.DontSay);

        Assert.Equal("result", (string?)result["type"]);
        Assert.Equal("list", (string?)result["attachmentLayout"]);
        var first = result["attachments"]![0]!;
        Assert.Equal(phrase.DoSay, (string?)first["content"]!["title"]);
        Assert.Equal(phrase.DoSay, (string?)first["preview"]!["content"]!["title"]);
        Assert.Equal("application/vnd.microsoft.card.hero", (string?)first["preview"]!["contentType"]);
        Assert.Contains(phrase.DontSay, (string?)first["preview"]!["content"]!["text"]);
    }

    [Fact]
    public async Task Opening_the_extension_lists_the_phrase_table_a_page_at_a_time()
    {
        var firstPage = await Search("true", parameter: "initialRun");
        var secondPage = await Search("", new JsonObject { ["skip"] = 2, ["count"] = 2 });

        Assert.Equal(Math.Min(25, Playbook.Phrases.Count), firstPage["attachments"]!.AsArray().Count);
        Assert.Equal(Playbook.Phrases.Skip(2).Take(2).Select(p => p.DoSay),
            secondPage["attachments"]!.AsArray().Select(a => (string?)a!["content"]!["title"]));
    }

    [Fact]
    public async Task A_search_with_no_match_says_so()
    {
        var result = await Search("qqqzzzxxv");
        Assert.Equal("message", (string?)result["type"]);
        Assert.Contains("No phrase matches", (string?)result["text"]);
    }

    [Fact]
    public async Task A_malformed_search_value_is_answered_not_failed()
    {
        var response = await _bot.PostAsync(Activities.Invoke(_connector.ServiceUrl, "a:search", PhraseSearch.InvokeName,
            new JsonObject { ["parameters"] = "not an array", ["queryOptions"] = new JsonObject { ["skip"] = "x" } }));
        Assert.Equal(200, response.Status);
        Assert.NotNull(response.Json["composeExtension"]);
    }

    private async Task<JsonObject> Execute(string conversation, JsonObject data)
    {
        var value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = (string?)data["action"], ["data"] = data },
            ["trigger"] = "manual",
        };
        var response = await _bot.PostAsync(Activities.Invoke(_connector.ServiceUrl, conversation, "adaptiveCard/action", value));
        Assert.Equal(200, response.Status);
        return response.Json;
    }

    private static JsonNode RefreshedCard(JsonObject response)
    {
        Assert.Equal(200, (int?)response["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)response["type"]);
        return response["value"]!;
    }

    [Fact]
    public async Task Action_execute_answers_refresh_the_card_in_place_up_to_the_recommendation()
    {
        Assert.Equal(200, (await _bot.PostAsync(Activities.TeamsMessage(_connector.ServiceUrl, "a:execute", "qualify"))).Status);
        var prompt = _connector.MessagesIn("a:execute").Last().Card;
        Assert.All(Cards.Buttons(prompt), b => Assert.Equal("Action.Execute", b.Type));

        var next = RefreshedCard(await Execute("a:execute", Cards.ButtonData(prompt, "value", "knowledge")));
        var recommendation = RefreshedCard(await Execute("a:execute", Cards.ButtonData(next, "value", "quarter")));

        Assert.Contains(Playbook.Approach("rag").Headline, Cards.Texts(recommendation));
    }

    [Fact]
    public async Task Action_execute_that_is_not_execute_or_carries_no_data_is_a_400_in_the_body()
    {
        var notExecute = await _bot.PostAsync(Activities.Invoke(_connector.ServiceUrl, "a:bad", "adaptiveCard/action",
            new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Submit", ["data"] = new JsonObject { ["action"] = "help" } } }));
        var noData = await Execute("a:bad", new JsonObject());

        Assert.Equal(400, (int?)notExecute.Json["statusCode"]);
        Assert.Equal("application/vnd.microsoft.error", (string?)notExecute.Json["type"]);
        Assert.Equal(400, (int?)noData["statusCode"]);
    }

    /// <summary>Qualifies in a personal chat and asks to post the summary for an account; returns the channel-choice card.</summary>
    private async Task<JsonNode> AskToPostSummary(string conversation, string account)
    {
        await _bot.PostAsync(Activities.TeamsMessage(_connector.ServiceUrl, conversation, "qualify"));
        var prompt = _connector.MessagesIn(conversation).Last().Card;
        var next = RefreshedCard(await Execute(conversation, Cards.ButtonData(prompt, "value", "knowledge")));
        var recommendation = RefreshedCard(await Execute(conversation, Cards.ButtonData(next, "value", "month")));

        // The recommendation card stays: the question about the account comes as a message.
        var askAccount = await Execute(conversation, Cards.ButtonData(recommendation, "action", "postSummary"));
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)askAccount["type"]);
        Assert.Contains("account", (string?)askAccount["value"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("account", _connector.MessagesIn(conversation).Last().Text, StringComparison.OrdinalIgnoreCase);

        await _bot.PostAsync(Activities.TeamsMessage(_connector.ServiceUrl, conversation, account));
        return _connector.MessagesIn(conversation).Select(r => r.Card).Last(c => Cards.Buttons(c).Any(b => b.Data["dealChannel"] is not null))!;
    }

    [Fact]
    public async Task Post_summary_offers_the_team_channels_and_posts_the_card_as_a_new_thread()
    {
        await _bot.PostAsync(Activities.TeamInstall(_connector.ServiceUrl, DealsChannel, "Contoso deals"));

        var choice = await AskToPostSummary("a:post", "Contoso Health");
        var channelButton = Assert.Single(Cards.Buttons(choice));
        Assert.Equal("Contoso deals \u203a General", channelButton.Title);

        // The channel choice is answered: it is replaced in place by the outcome.
        var outcome = RefreshedCard(await Execute("a:post", (JsonObject)channelButton.Data.DeepClone()));

        Assert.Contains("Posted the Contoso Health summary to Contoso deals \u203a General.", Cards.Texts(outcome));
        var thread = Assert.Single(_connector.Requests, r => r.Path == "/v3/conversations");
        Assert.Equal(DealsChannel, (string?)thread.Body["channelData"]!["channel"]!["id"]);
        Assert.True((bool?)thread.Body["isGroup"]);
        Assert.Contains(Cards.Texts(thread.Body["activity"]!["attachments"]![0]!["content"]), t => t.Contains("Contoso Health"));
    }

    [Fact]
    public async Task A_403_from_the_channel_tells_the_seller_what_to_do_and_forgets_the_channel()
    {
        await _bot.PostAsync(Activities.TeamInstall(_connector.ServiceUrl, DealsChannel, "Contoso deals"));
        var choice = await AskToPostSummary("a:refused", "Fabrikam");
        _connector.Script(403, body: """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""");

        var outcome = string.Join(" ", Cards.Texts(RefreshedCard(await Execute("a:refused", (JsonObject)Cards.Buttons(choice)[0].Data.DeepClone()))));

        Assert.Contains("no longer a member", outcome);
        Assert.Contains("add CoachBot to the team again", outcome);
        var channels = await _bot.Services.GetRequiredService<IConversationReferenceStore>().ListAsync(TeamsChannelReference.Channel, Activities.TenantId);
        Assert.Empty(channels);
    }

    [Fact]
    public async Task Without_a_team_channel_the_seller_learns_how_to_add_one_and_gets_the_card_to_copy()
    {
        await _bot.PostAsync(Activities.TeamsMessage(_connector.ServiceUrl, "a:lonely", "qualify"));
        var prompt = _connector.MessagesIn("a:lonely").Last().Card;
        var next = RefreshedCard(await Execute("a:lonely", Cards.ButtonData(prompt, "value", "knowledge")));
        var recommendation = RefreshedCard(await Execute("a:lonely", Cards.ButtonData(next, "value", "month")));
        await Execute("a:lonely", Cards.ButtonData(recommendation, "action", "postSummary"));
        _connector.Clear();

        await _bot.PostAsync(Activities.TeamsMessage(_connector.ServiceUrl, "a:lonely", "Northwind"));

        var replies = _connector.MessagesIn("a:lonely");
        Assert.Contains(replies, r => Cards.Texts(r.Card).Any(t => t.Contains("Northwind")));
        Assert.Contains(replies, r => r.Text?.Contains("Add CoachBot to the deal team") == true);
    }
}
