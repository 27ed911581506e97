using System.Diagnostics;
using System.Net;
using System.Text;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;
using CoachBot.Slack.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>
/// Issue 12's rows for what reaches the server before or around authentication, on real Kestrel where framing and
/// connections matter: broken framing and unreadable strings (hole 2), a flood of rejected requests in the log
/// (hole 5), more turns at once than the server takes (hole 7).
/// </summary>
public sealed class HostileTrafficTests
{
    private const string SlackSecret = "server-tests-signing-secret";

    private static Dictionary<string, string?> Anonymous(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["Slack:SigningSecret"] = SlackSecret };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    private static HttpRequestMessage SlackRequest(string body, string contentType, bool signed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new(contentType);
        if (signed)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", SlackRequestSigner.Sign(SlackSecret, timestamp, body));
        }
        return request;
    }

    // ---- Hole 2: framing errors and lone surrogates are 4xx, never 5xx --------------------------------------------

    [Fact]
    public async Task A_chunked_body_with_an_impossible_chunk_size_is_a_400_on_both_endpoints()
    {
        await using var bot = BotApp.StartOnKestrel(Anonymous());

        Assert.Equal(400, await RawHttp.SendAsync(bot.BaseAddress, RawHttp.ImpossibleChunk("/api/messages")));
        Assert.Equal(400, await RawHttp.SendAsync(bot.BaseAddress, RawHttp.ImpossibleChunk("/api/slack/events")));
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"\ud800"}""", "application/json")]
    [InlineData("""{"type":"event_callback","team_id":"\udfff","event_id":"Ev1","event":{"type":"message"}}""", "application/json")]
    [InlineData("payload=%7B%22type%22%3A%22%5Cud800%22%7D", "application/x-www-form-urlencoded")]
    public async Task A_lone_surrogate_is_a_401_unsigned_and_a_400_signed_on_the_slack_endpoint(string body, string contentType)
    {
        await using var bot = BotApp.StartOnKestrel(Anonymous());
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        var unsigned = await client.SendAsync(SlackRequest(body, contentType, signed: false));
        var signed = await client.SendAsync(SlackRequest(body, contentType, signed: true));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal("", await unsigned.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, signed.StatusCode);
    }

    // ---- Hole 5: a flood of rejected requests writes a few lines and a count ---------------------------------------

    [Fact]
    public async Task A_flood_of_rejected_requests_writes_a_few_log_lines_per_minute_and_a_count_of_the_rest()
    {
        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        var log = new CapturingLoggerProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = new BotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotApp.AppId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
        }, services =>
        {
            services.AddSingleton<ILoggerProvider>(log);
            services.AddSingleton<TimeProvider>(time);
        });

        for (var i = 0; i < 1000; i++) Assert.Equal(401, (await bot.PostAsync("{not json", i % 2 == 0 ? null : "Bearer x.y.z")).Status);
        var rejections = log.Lines.Where(l => l.Message.Contains("/api/messages", StringComparison.Ordinal)).ToList();
        Assert.InRange(rejections.Count, 1, 5);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(401, (await bot.PostAsync("{not json")).Status);
        Assert.Contains(log.Lines, l => l.Message.Contains($"{1000 - rejections.Count} more requests", StringComparison.Ordinal));
    }

    // ---- Hole 7: more turns than the cap get 503 with Retry-After, promptly ------------------------------------------

    [Fact]
    public async Task Beyond_the_cap_a_turn_gets_503_with_retry_after_while_health_and_the_other_channel_still_answer()
    {
        var store = new BlockingStateStore(":slow");
        await using var bot = BotApp.StartOnKestrel(Anonymous(("Limits:MaxConcurrentTurns", "1"), ("Limits:QueuedTurns", "0")),
            services => services.AddSingleton<IConversationStateStore>(store));
        await using var connector = await ConnectorFake.StartAsync();
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        var slow = client.PostAsync("/api/messages", Json(Activities.Message(connector.ServiceUrl, "slow", "help").ToJsonString()));
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        var shed = await client.PostAsync("/api/messages", Json(Activities.Message(connector.ServiceUrl, "shed", "help").ToJsonString()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.NotNull(shed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        // Each channel has its own cap: a stalled Teams turn does not hold up Slack's acknowledgements.
        var slack = await client.SendAsync(SlackRequest("""{"type":"url_verification","challenge":"c"}""", "application/json", signed: true));
        Assert.Equal(HttpStatusCode.OK, slack.StatusCode);

        store.Release();
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
        Assert.Empty(connector.MessagesIn("shed"));
    }

    [Fact]
    public async Task A_queued_turn_waits_at_most_the_queue_wait_and_then_gets_503()
    {
        var store = new BlockingStateStore(":slow");
        await using var bot = BotApp.StartOnKestrel(Anonymous(
                ("Limits:MaxConcurrentTurns", "1"), ("Limits:QueuedTurns", "4"), ("Limits:MaxQueueWait", "00:00:00.300")),
            services => services.AddSingleton<IConversationStateStore>(store));
        await using var connector = await ConnectorFake.StartAsync();
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        var slow = client.PostAsync("/api/messages", Json(Activities.Message(connector.ServiceUrl, "slow", "help").ToJsonString()));
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        var stopwatch = Stopwatch.StartNew();
        var queued = await client.PostAsync("/api/messages", Json(Activities.Message(connector.ServiceUrl, "queued", "help").ToJsonString()));
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, queued.StatusCode);
        Assert.NotNull(queued.Headers.RetryAfter);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        store.Release();
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
    }

    [Fact]
    public async Task Slack_requests_beyond_the_cap_get_503_with_retry_after()
    {
        var handler = new BlockingSlashCommandHandler();
        await using var bot = BotApp.StartOnKestrel(Anonymous(("Limits:MaxConcurrentTurns", "1"), ("Limits:QueuedTurns", "0")),
            services => services.AddSingleton<ISlackSlashCommandHandler>(handler));
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        var held = client.SendAsync(SlackRequest(SlashCommandBody, "application/x-www-form-urlencoded", signed: true));
        await handler.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        var shed = await client.SendAsync(SlackRequest("""{"type":"url_verification","challenge":"c"}""", "application/json", signed: true));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.NotNull(shed.Headers.RetryAfter);

        handler.Release();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
    }

    [Fact]
    public async Task Unsigned_slack_bodies_trickling_in_hold_no_place()
    {
        await using var bot = BotApp.StartOnKestrel(Anonymous(("Limits:MaxConcurrentTurns", "1"), ("Limits:QueuedTurns", "0")));
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        // Bodies that never finish arriving: the signature cannot be checked until they do.
        var stalled = new List<System.Net.Sockets.TcpClient>();
        for (var i = 0; i < 5; i++) stalled.Add(await RawHttp.StartStalledPostAsync(bot.BaseAddress, "/api/slack/events", "{\"type\":", contentLength: 200));
        try
        {
            await Task.Delay(200);
            var served = await client.SendAsync(SlackRequest("""{"type":"url_verification","challenge":"c"}""", "application/json", signed: true));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        finally
        {
            stalled.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_request_that_fails_authentication_is_refused_as_such_even_when_every_place_is_taken()
    {
        var store = new BlockingStateStore(":slow");
        await using var bot = BotApp.StartOnKestrel(Anonymous(("Limits:MaxConcurrentTurns", "1"), ("Limits:QueuedTurns", "0")),
            services => services.AddSingleton<IConversationStateStore>(store));
        await using var connector = await ConnectorFake.StartAsync();
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };

        var slow = client.PostAsync("/api/messages", Json(Activities.Message(connector.ServiceUrl, "slow", "help").ToJsonString()));
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // A proxied request in anonymous mode: refused before it could take a place, so 401, not 503.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Json(Activities.Message(connector.ServiceUrl, "proxied", "help").ToJsonString()) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        var unsigned = await client.SendAsync(SlackRequest("""{"type":"url_verification","challenge":"c"}""", "application/json", signed: false));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        store.Release();
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
    }

    private const string SlashCommandBody =
        "token=x&team_id=T1&channel_id=C1&user_id=U1&command=%2Fcoach&text=help&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fr&trigger_id=1.2.3";

    /// <summary>A slash command handler that holds the request until released.</summary>
    private sealed class BlockingSlashCommandHandler : ISlackSlashCommandHandler
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public async Task<SlackAck?> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            return null;
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
