using System.Net;
using System.Text;
using CoachBot.Server.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>
/// Issue 12's rows for what reaches the server before or around authentication, on real Kestrel where framing and
/// connections matter: broken framing and unreadable strings (hole 2), a flood of rejected requests in the log
/// (hole 5).
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
}
