using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Dialogs;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.CoachPage;

/// <summary>
/// The phrase finder page's API on the anonymous (local) server: the look-up in the CLI's JSON shape, the stateless
/// qualify dialog ending in the decision table's recommendation, and a clear 4xx for every kind of bad input.
/// </summary>
public sealed class CoachPageApiTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private BotApp Bot => fixture.Bot;

    private Task<BotResponse> Get(string pathAndQuery) => Bot.SendAsync("GET", pathAndQuery);

    private Task<BotResponse> Qualify(string body, string contentType = "application/json") =>
        Bot.SendAsync("POST", "/api/qualify", body, contentType);

    [Fact]
    public async Task A_look_up_answers_in_the_CLIs_shape()
    {
        var response = await Get("/api/phrases?q=too%20expensive");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.Headers["Content-Type"]);
        var json = response.Json;
        Assert.Equal("too expensive", (string?)json["query"]);
        var match = Assert.IsType<JsonObject>(json["matches"]![0]);
        Assert.Equal(["id", "score", "dontSay", "doSay", "why"], match.Select(p => p.Key));
        Assert.NotNull(json["suggestions"]);
    }

    [Fact]
    public async Task Related_answers_come_whole_with_their_label_kind_and_button_title()
    {
        var json = (await Get($"/api/phrases?q={Uri.EscapeDataString(CoachBot.TestSupport.Rendering.EngineReplies.RelatedLookup)}")).Json;

        Assert.Equal("analogy-foundation-model", (string?)json["analogy"]!["id"]);
        var related = Assert.IsType<JsonObject>(json["related"]![0]);
        Assert.Equal(["answer", "kind", "title", "score", "term"], related.Select(p => p.Key));
        Assert.Equal("glossary:foundation-model", (string?)related["answer"]);
        Assert.Equal("term", (string?)related["kind"]);
        Assert.Equal("Foundation model", (string?)related["title"]);
        Assert.Equal("foundation-model", (string?)related["term"]!["id"]);
        Assert.Empty((await Get("/api/phrases?q=weather%20in%20paris")).Json["related"]!.AsArray());
    }

    [Fact]
    public async Task A_glossary_question_answers_with_the_term()
    {
        var json = (await Get("/api/phrases?q=what%20is%20LoRA")).Json;

        Assert.Equal("lora", (string?)json["term"]!["id"]);
        Assert.False(string.IsNullOrEmpty((string?)json["term"]!["definition"]));
    }

    [Theory]
    [InlineData("/api/phrases")]
    [InlineData("/api/phrases?q=")]
    [InlineData("/api/phrases?q=%20%20")]
    [InlineData("/api/phrases?q=cost%00")]
    public async Task A_missing_or_unreadable_query_is_a_400_that_says_why(string pathAndQuery)
    {
        var response = await Get(pathAndQuery);

        Assert.Equal(400, response.Status);
        Assert.False(string.IsNullOrEmpty((string?)response.Json["detail"]));
    }

    [Fact]
    public async Task A_query_longer_than_the_limit_is_a_400()
    {
        var response = await Get("/api/phrases?q=" + new string('a', CoachBot.Server.CoachPage.CoachPageEndpoints.MaxQueryLength + 1));

        Assert.Equal(400, response.Status);
        Assert.Contains("at most", (string?)response.Json["detail"]);
    }

    [Fact]
    public async Task The_analogies_are_listed_with_their_origin()
    {
        var list = JsonNode.Parse((await Get("/api/analogies")).Body)!.AsArray();

        var playbook = Bot.Services.GetRequiredService<Coach>().Playbook;
        Assert.Equal(playbook.Analogies.Select(a => a.Id), list.Select(a => (string?)a!["id"]));
        Assert.All(list, a => Assert.False(string.IsNullOrEmpty((string?)a!["origin"])));
    }

    [Fact]
    public async Task No_answers_ask_the_first_question_with_its_choices()
    {
        var json = (await Qualify("{}")).Json;

        Assert.Equal("need", (string?)json["question"]!["step"]);
        Assert.Contains(json["question"]!["choices"]!.AsArray(), c => (string?)c!["value"] == "knowledge");
        Assert.Null(json["recommendation"]);
    }

    [Fact]
    public async Task Each_answer_asks_the_next_question_the_dialog_asks()
    {
        var json = (await Qualify("""{"answers":{"need":"knowledge"}}""")).Json;

        Assert.Equal("data-changed", (string?)json["question"]!["step"]);
        Assert.Equal("What it knows", (string?)json["answers"]![0]!["short"]);
    }

    /// <summary>Every path through the dialog, clicked as the page clicks: the recommendation is the decision table's.</summary>
    [Fact]
    public async Task Every_path_ends_in_the_decision_tables_recommendation()
    {
        var coach = Bot.Services.GetRequiredService<Coach>();
        var paths = new Queue<JsonObject>([new JsonObject()]);
        var finished = 0;
        while (paths.TryDequeue(out var answers))
        {
            var json = (await Qualify(new JsonObject { ["answers"] = answers.DeepClone() }.ToJsonString())).Json;
            if (json["recommendation"] is { } recommendation)
            {
                var given = answers.ToDictionary(a => a.Key, a => (string)a.Value!);
                Assert.Equal(Conditions.Decide(coach.Playbook.Rules, given)!.Id, (string?)recommendation["rule"]);
                Assert.False(string.IsNullOrEmpty((string?)recommendation["nextQuestion"]!["text"]));
                finished++;
                continue;
            }
            var question = json["question"]!;
            foreach (var choice in question["choices"]!.AsArray().Select(c => (string)c!["value"]!).Where(v => v != "unsure"))
            {
                var next = (JsonObject)answers.DeepClone();
                next[(string)question["step"]!] = choice;
                paths.Enqueue(next);
            }
        }
        Assert.True(finished >= 10, $"only {finished} paths reached a recommendation");
    }

    [Fact]
    public async Task Not_sure_coaches_and_asks_the_same_question_again()
    {
        var json = (await Qualify("""{"answers":{"need":"unsure"}}""")).Json;

        Assert.Equal("need", (string?)json["question"]!["step"]);
        Assert.Empty(json["answers"]!.AsArray());
        Assert.NotEmpty(json["notes"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"answers":{"need":"telepathy"}}""", "'telepathy' is not an answer to 'need'")]
    [InlineData("""{"answers":{"need":"behavior","data-changed":"week"}}""", "'data-changed' is not asked")]
    [InlineData("""{"answers":{"colour":"blue"}}""", "'colour' is not asked")]
    public async Task Answers_that_do_not_fit_the_dialog_are_a_422_naming_them(string body, string problem)
    {
        var response = await Qualify(body);

        Assert.Equal(422, response.Status);
        Assert.Contains(problem, (string?)response.Json["detail"]);
    }

    [Theory]
    [InlineData("""{"answers":""")]
    [InlineData("""{"answers":{"need":3}}""")]
    [InlineData("""{"answers":["need"]}""")]
    [InlineData("""{"answers":{"need":null}}""")]
    [InlineData("not json")]
    public async Task A_body_that_is_not_the_answers_is_a_400(string body)
    {
        var response = await Qualify(body);

        Assert.Equal(400, response.Status);
        Assert.False(string.IsNullOrEmpty((string?)response.Json["detail"]));
    }

    [Fact]
    public async Task A_huge_body_is_a_413_and_a_form_a_415()
    {
        Assert.Equal(413, (await Qualify("{\"answers\":{\"need\":\"" + new string('x', 20_000) + "\"}}")).Status);
        Assert.Equal(415, (await Qualify("answers=need", "application/x-www-form-urlencoded")).Status);
    }

    [Fact]
    public async Task The_page_and_its_files_are_served_with_a_strict_content_security_policy()
    {
        var page = await Get("/coach");
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.Headers["Content-Type"]);
        Assert.Contains("script-src 'self'", page.Headers["Content-Security-Policy"]);
        Assert.Contains("frame-ancestors", page.Headers["Content-Security-Policy"]);

        foreach (var file in new[] { "coach.js", "coach.css", "vendor/teams-js.min.js", "vendor/teams-js.LICENSE.txt" })
            Assert.Equal(200, (await Get("/coach/" + file)).Status);
        Assert.Equal(404, (await Get("/coach/missing.js")).Status);
    }

    [Fact]
    public async Task An_unchanged_file_is_a_304()
    {
        var first = await Get("/coach/coach.js");
        var again = await Bot.SendAsync("GET", "/coach/coach.js", headers: new Dictionary<string, string> { ["If-None-Match"] = first.Headers["ETag"] });

        Assert.Equal(304, again.Status);
    }

    [Fact]
    public async Task The_page_has_no_inline_script_or_style_and_loads_nothing_from_elsewhere()
    {
        var html = (await Get("/coach")).Body;

        Assert.DoesNotMatch("<script>|<style|\\sstyle=\"|\\son[a-z]+=\"", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }
}
