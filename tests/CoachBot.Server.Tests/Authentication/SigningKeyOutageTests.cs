using System.Diagnostics;
using System.Net;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>
/// Issue 12, hole 3: the key server is down. The bot fetches the keys at start-up and reports them in /readyz,
/// backs off instead of fetching per request, answers 503 with Retry-After while it has no keys (401 for a token
/// that is bad anyway), never 500, and serves again once the keys arrive.
/// </summary>
public sealed class SigningKeyOutageTests
{
    private static Dictionary<string, string?> Settings(OpenIdMetadataFake channel) => new()
    {
        ["MicrosoftAppId"] = BotApp.AppId,
        ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
        ["SigningKeyRetryDelay"] = "00:00:01",
    };

    [Fact]
    public async Task While_the_key_server_is_down_tokens_get_503_with_retry_after_without_a_fetch_per_request_and_then_are_served()
    {
        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        await using var connector = await ConnectorFake.StartAsync();
        var key = channel.Publish("teams-key", "msteams");
        channel.Available = false;
        await using var bot = new BotApp(Settings(channel));
        var client = bot.CreateClient();

        var token = "Bearer " + Tokens.Create(key, Tokens.ChannelIssuer, BotApp.AppId, connector.ServiceUrl);
        var statuses = new List<BotResponse>();
        for (var i = 0; i < 30; i++)
            statuses.Add(await bot.PostAsync(Activities.TeamsMessage(connector.ServiceUrl, "outage", "help"), token));

        Assert.All(statuses, r => Assert.Equal(503, r.Status));
        var retryAfter = (await PostRawAsync(client, token, connector.ServiceUrl)).Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        // The start-up fetch and the back-off's retries (after about 1, 2, 4 s): a few, not one per request.
        Assert.InRange(channel.MetadataRequests, 1, 4);
        Assert.Empty(connector.MessagesIn("outage"));

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("signing keys", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        channel.Available = true;
        await WaitUntilReadyAsync(client); // the start-up fetch retries by itself, with no request to prompt it
        Assert.Equal(200, (await bot.PostAsync(Activities.TeamsMessage(connector.ServiceUrl, "outage", "help"), token)).Status);
        Assert.NotEmpty(connector.MessagesIn("outage"));
    }

    [Fact]
    public async Task While_the_key_server_is_down_a_token_that_is_bad_anyway_gets_401()
    {
        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        var key = channel.Publish("teams-key", "msteams");
        channel.Available = false;
        await using var bot = new BotApp(Settings(channel));
        var activity = Activities.TeamsMessage("https://smba.trafficmanager.net/emea/", "bad-anyway", "help");

        var expired = Tokens.Create(key, Tokens.ChannelIssuer, BotApp.AppId, null, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        var otherBot = Tokens.Create(key, Tokens.ChannelIssuer, Guid.NewGuid().ToString(), null);

        Assert.Equal(401, (await bot.PostAsync(activity, "Bearer " + expired)).Status);
        Assert.Equal(401, (await bot.PostAsync(activity, "Bearer " + otherBot)).Status);
        Assert.Equal(401, (await bot.PostAsync(activity, "Bearer not-a-jwt")).Status);
        Assert.Equal(401, (await bot.PostAsync(activity)).Status);
    }

    [Fact]
    public async Task The_keys_are_fetched_at_start_up_before_any_request_and_readyz_reports_them()
    {
        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        channel.Publish("teams-key", "msteams");
        await using var bot = new BotApp(Settings(channel));

        await WaitUntilReadyAsync(bot.CreateClient());
        Assert.Equal(1, channel.MetadataRequests);
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string authorization, string serviceUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Activities.TeamsMessage(serviceUrl, "outage-raw", "help").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task With_the_bot_framework_endpoint_off_its_keys_are_neither_fetched_nor_waited_for()
    {
        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        channel.Available = false;
        await using var bot = new BotApp(new Dictionary<string, string?>(Settings(channel)) { ["BotFrameworkEnabled"] = "false" });
        var client = bot.CreateClient();

        await WaitUntilReadyAsync(client);

        Assert.Equal(0, channel.MetadataRequests);
        Assert.Equal(HttpStatusCode.NotFound, (await PostRawAsync(client, "Bearer x", "http://127.0.0.1:9/")).StatusCode);
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var ready = await client.GetAsync("/readyz");
            if (ready.StatusCode == HttpStatusCode.OK) return;
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(20))
                Assert.Fail("/readyz did not become ready: " + await ready.Content.ReadAsStringAsync());
            await Task.Delay(100);
        }
    }
}
