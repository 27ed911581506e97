using System.Text.Json.Nodes;
using CoachBot.Slack.Tests.Fakes;
using CoachBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Slack.Tests.WebApi;

public class SlackWebApiClientTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();
    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private SlackWebApiClient Client(TimeProvider? time = null, string? apiBaseUrl = null, string? appToken = "fake-app-token") =>
        new(new PlainHttpClients(),
            Options.Create(new SlackOptions { BotToken = "fake-bot-token", AppToken = appToken, ApiBaseUrl = apiBaseUrl ?? _slack.ApiBaseUrl }),
            time ?? TimeProvider.System);

    private static JsonObject Text(string text) => new() { ["text"] = text };

    [Fact]
    public async Task Calls_the_method_under_the_configured_base_url_with_a_bearer_token_and_a_json_body()
    {
        var posted = await Client().PostMessageAsync("C1", new JsonObject { ["text"] = "fallback", ["blocks"] = new JsonArray(new JsonObject { ["type"] = "divider" }) }, "171.1");

        var call = await _slack.WaitForCallAsync("chat.postMessage");
        Assert.Equal("Bearer fake-bot-token", call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal("C1", call.Body["channel"]!.GetValue<string>());
        Assert.Equal("fallback", call.Body["text"]!.GetValue<string>());
        Assert.Equal("171.1", call.Body["thread_ts"]!.GetValue<string>());
        Assert.Equal("divider", call.Body["blocks"]![0]!["type"]!.GetValue<string>());
        Assert.False(call.Body.ContainsKey("token"));
        Assert.Equal("C1", posted.Channel);
        Assert.NotEmpty(posted.Ts);
    }

    [Fact]
    public async Task A_base_url_without_a_trailing_slash_still_reaches_the_method()
    {
        await Client(apiBaseUrl: _slack.ApiBaseUrl.TrimEnd('/')).AuthTestAsync();
        Assert.Equal(1, _slack.CountCalls("auth.test"));
    }

    [Fact]
    public async Task Ok_false_becomes_a_typed_exception_with_slacks_error_code()
    {
        _slack.Enqueue("chat.postMessage", FakeResponse.Error("not_in_channel"));
        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("C9", Text("x")));
        Assert.Equal("chat.postMessage", ex.Method);
        Assert.Equal("not_in_channel", ex.Error);
        Assert.True(ex.IsChannelAccessError);
    }

    [Fact]
    public async Task Non_json_and_http_errors_are_surfaced_as_slack_api_exceptions()
    {
        _slack.Enqueue("auth.test", new FakeResponse(200, "<html>gateway</html>"));
        Assert.Equal("invalid_response", (await Assert.ThrowsAsync<SlackApiException>(() => Client().AuthTestAsync())).Error);

        _slack.Enqueue("auth.test", new FakeResponse(503, "unavailable"));
        Assert.Equal("http_503", (await Assert.ThrowsAsync<SlackApiException>(() => Client().AuthTestAsync())).Error);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_delay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _slack.Enqueue("views.publish", FakeResponse.RateLimited(retryAfterSeconds: 30));

        var publishing = Client(time).PublishViewAsync("U1", new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() });
        await _slack.WaitForCallAsync("views.publish");
        await Task.Delay(200);
        Assert.False(publishing.IsCompleted);
        Assert.Equal(1, _slack.CountCalls("views.publish"));

        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.Equal(1, _slack.CountCalls("views.publish"));

        time.Advance(TimeSpan.FromSeconds(1));
        await publishing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _slack.CountCalls("views.publish"));
    }

    [Fact]
    public async Task Rate_limiting_that_persists_ends_in_a_ratelimited_error()
    {
        for (var i = 0; i <= SlackWebApiClient.MaxRateLimitRetries; i++) _slack.Enqueue("chat.update", FakeResponse.RateLimited(0));
        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client().UpdateMessageAsync("C1", "1.1", Text("x")));
        Assert.Equal("ratelimited", ex.Error);
        Assert.Equal(SlackWebApiClient.MaxRateLimitRetries + 1, _slack.CountCalls("chat.update"));
    }

    [Fact]
    public async Task Each_method_sends_its_arguments()
    {
        var client = Client();
        await client.PostEphemeralAsync("C1", "U1", Text("psst"));
        await client.UpdateMessageAsync("C1", "1.2", Text("edited"));
        await client.OpenViewAsync("trig", new JsonObject { ["type"] = "modal" });
        await client.PublishViewAsync("U1", new JsonObject { ["type"] = "home" });
        var dm = await client.OpenConversationAsync("U1");
        var identity = await client.AuthTestAsync();

        Assert.Equal("U1", (await _slack.WaitForCallAsync("chat.postEphemeral")).Body["user"]!.GetValue<string>());
        var update = await _slack.WaitForCallAsync("chat.update");
        Assert.Equal("1.2", update.Body["ts"]!.GetValue<string>());
        Assert.Empty(update.Body["blocks"]!.AsArray());
        Assert.Equal("trig", (await _slack.WaitForCallAsync("views.open")).Body["trigger_id"]!.GetValue<string>());
        Assert.Equal("home", (await _slack.WaitForCallAsync("views.publish")).Body["view"]!["type"]!.GetValue<string>());
        Assert.Equal("U1", (await _slack.WaitForCallAsync("conversations.open")).Body["users"]!.GetValue<string>());
        Assert.Equal("D0SELLER", dm);
        Assert.Equal(new SlackBotIdentity(FakeSlackApi.BotUserId, FakeSlackApi.BotId, "T1"), identity);
    }

    [Fact]
    public async Task Apps_connections_open_uses_the_app_level_token()
    {
        var url = await Client().OpenSocketConnectionAsync();
        Assert.Equal("Bearer fake-app-token", (await _slack.WaitForCallAsync("apps.connections.open")).Authorization);
        Assert.Equal("ws", url.Scheme);
    }

    [Fact]
    public async Task Without_an_app_token_socket_mode_cannot_connect()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client(appToken: null).OpenSocketConnectionAsync());
        Assert.Equal(0, _slack.CountCalls("apps.connections.open"));
    }

    [Fact]
    public async Task Response_url_posts_carry_the_message_and_no_token()
    {
        await Client().PostToResponseUrlAsync(_slack.ResponseUrl("a"), new JsonObject { ["text"] = "hi", ["response_type"] = "in_channel" });
        var call = await _slack.WaitForCallAsync("response_url/a");
        Assert.Null(call.Authorization);
        Assert.Equal("in_channel", call.Body["response_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_spent_response_url_reports_slacks_code()
    {
        _slack.Enqueue("response_url/b", new FakeResponse(404, "used_url"));
        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostToResponseUrlAsync(_slack.ResponseUrl("b"), new JsonObject { ["text"] = "x" }));
        Assert.Equal("used_url", ex.Error);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public async Task An_invalid_response_url_is_refused_without_a_request(string url)
    {
        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostToResponseUrlAsync(url, new JsonObject()));
        Assert.Equal("invalid_url", ex.Error);
        Assert.Empty(_slack.Calls);
    }

    [Fact]
    public async Task A_response_url_on_a_host_slack_does_not_use_is_refused_without_a_request()
    {
        // A second loopback server stands for a foreign host: the payload is signed, but its response_url is not ours to follow.
        await using var elsewhere = await FakeSlackApi.StartAsync();

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostToResponseUrlAsync(elsewhere.ResponseUrl("a"), Text("private answer")));

        Assert.Equal("host_not_allowed", ex.Error);
        Assert.Empty(elsewhere.Calls);
        Assert.Empty(_slack.Calls);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T1/1/x", true)]
    [InlineData("https://HOOKS.slack.com/actions/T1/1/x", true)]
    [InlineData("https://hooks.slack-gov.com/commands/T1/1/x", true)]
    [InlineData("http://hooks.slack.com/commands/T1/1/x", false)]
    [InlineData("https://hooks.slack.com:8443/commands/T1/1/x", false)]
    [InlineData("https://hooks.slack.com.example.net/commands/x", false)]
    [InlineData("https://files.slack.com/x", false)]
    [InlineData("https://127.0.0.1/response/a", false)]
    public void Response_urls_are_followed_only_to_slacks_hooks_hosts(string url, bool allowed) =>
        Assert.Equal(allowed, new SlackOptions().IsResponseUrlAllowed(new Uri(url)));

    [Fact]
    public void The_web_apis_own_origin_and_configured_hosts_are_allowed_too()
    {
        var options = new SlackOptions { ApiBaseUrl = "http://127.0.0.1:5005/api/", ResponseUrlHosts = ["hooks.example.org"] };
        Assert.True(options.IsResponseUrlAllowed(new Uri("http://127.0.0.1:5005/response/a")));
        Assert.False(options.IsResponseUrlAllowed(new Uri("http://127.0.0.1:5006/response/a")));
        Assert.True(options.IsResponseUrlAllowed(new Uri("https://hooks.example.org/x")));
        Assert.False(options.IsResponseUrlAllowed(new Uri("https://hooks.slack.com/x")));
    }
}
