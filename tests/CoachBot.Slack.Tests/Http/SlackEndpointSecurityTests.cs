using System.Net;
using System.Text.Json.Nodes;
using CoachBot.Core.State;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Tests.Http;

/// <summary>The request URL's gatekeeping: signature, replay window, size, allow-list, and malformed bodies.</summary>
public class SlackEndpointSecurityTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Slack:MaxRequestBodyBytes"] = "4096",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Challenge = """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

    [Fact]
    public async Task Url_verification_echoes_the_challenge_as_json()
    {
        var response = await _host.PostSignedAsync(Challenge, "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrongly_signed_turn_is_refused_by_the_filter_on_the_route_before_the_body_is_parsed_or_state_touched()
    {
        var states = _host.Services.GetRequiredService<IConversationStateStore>();
        var key = SlackConversationKeys.ForSeller(SlackTestHost.Team, "C9", "U9");

        // A dialog turn that, signed, would be queued, saved and answered through response_url.
        var refused = await _host.PostSignedAsync(SlackPayloads.SlashCommand("qualify", _host.Slack.ResponseUrl("refused"), "C9", "U9"),
            SlackPayloads.FormContentType, secret: "wrong-secret");
        // Signed, a body that does not parse is a 400 from the endpoint; unsigned, the filter answers first.
        var unparsable = await _host.PostSignedAsync("{not json", "application/json", secret: "wrong-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unparsable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.PostSignedAsync("{not json", "application/json")).StatusCode);
        await Task.Delay(200);
        Assert.Null(await states.LoadAsync(key, CancellationToken.None));
        Assert.Equal(0, _host.Slack.CountCalls("response_url/refused"));

        // The same turn signed is served: the filter hands the endpoint its body.
        Assert.Equal(HttpStatusCode.OK, (await _host.PostSignedAsync(
            SlackPayloads.SlashCommand("qualify", _host.Slack.ResponseUrl("accepted"), "C9", "U9"), SlackPayloads.FormContentType)).StatusCode);
        await _host.Slack.WaitForCallAsync("response_url/accepted");
        Assert.NotNull(await states.LoadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_gets_401_with_no_detail()
    {
        var response = await _host.PostSignedAsync(Challenge, "application/json", secret: "wrong-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Stale_and_future_timestamps_get_401(int offsetSeconds)
    {
        var response = await _host.PostSignedAsync(Challenge, "application/json", timestamp: SlackTestHost.Now + offsetSeconds);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Missing_headers_get_401(bool withTimestamp, bool withSignature)
    {
        var ts = SlackTestHost.Now.ToString();
        var request = SlackTestHost.Request(Challenge, "application/json");
        if (withTimestamp) request.Headers.Add("X-Slack-Request-Timestamp", ts);
        if (withSignature) request.Headers.Add("X-Slack-Signature", SlackRequestSigner.Sign(SlackTestHost.SigningSecret, ts, Challenge));
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_repeated_signature_header_gets_401()
    {
        var ts = SlackTestHost.Now.ToString();
        var signature = SlackRequestSigner.Sign(SlackTestHost.SigningSecret, ts, Challenge);
        var request = SlackTestHost.Request(Challenge, "application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", [signature, signature]);
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_altered_after_signing_gets_401()
    {
        var ts = SlackTestHost.Now.ToString();
        var original = SlackPayloads.SlashCommand("say cost", _host.Slack.ResponseUrl("r"));
        var request = SlackTestHost.Request(original.Replace("say+cost", "say+price").Replace("say%20cost", "say%20price"), SlackPayloads.FormContentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackRequestSigner.Sign(SlackTestHost.SigningSecret, ts, original));
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ssl_check_is_answered_with_an_empty_200_even_unsigned()
    {
        var response = await _host.Client.SendAsync(SlackTestHost.Request("ssl_check=1&token=x", SlackPayloads.FormContentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"type":"\ud800"}""", "application/json")]
    [InlineData("""{"type":"url_verification","challenge":"\ud800"}""", "application/json")]
    [InlineData("payload=%7B%22type%22%3A%22%5Cud800%22%7D", SlackPayloads.FormContentType)]
    [InlineData("{not json", "application/json")]
    public async Task An_unsigned_body_is_not_parsed_and_gets_a_bare_401(string body, string contentType)
    {
        var response = await _host.Client.SendAsync(SlackTestHost.Request(body, contentType));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unsigned_ssl_check_is_recognised_by_its_one_field_without_reading_the_others()
    {
        var response = await _host.Client.SendAsync(SlackTestHost.Request("token=x&ssl_check=1&payload=%7B%22type%22%3A%22%5Cud800%22%7D", SlackPayloads.FormContentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"\ud800"}""", "application/json")]
    [InlineData("""{"type":"url_verification","challenge":"\ud800"}""", "application/json")]
    [InlineData("""{"type":"event_callback","team_id":"\ud800","event_id":"Ev1","event":{"type":"message"}}""", "application/json")]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"\udbff","event":{"type":"message"}}""", "application/json")]
    [InlineData("payload=%7B%22type%22%3A%22%5Cud800%22%7D", SlackPayloads.FormContentType)]
    public async Task A_lone_surrogate_in_a_signed_request_gets_400_never_500(string body, string contentType)
    {
        var response = await _host.PostSignedAsync(body, contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_request_that_is_not_an_ssl_check_gets_401()
    {
        var body = SlackPayloads.SlashCommand("say cost", _host.Slack.ResponseUrl("r"));
        var response = await _host.Client.SendAsync(SlackTestHost.Request(body, SlackPayloads.FormContentType));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var body = SlackPayloads.SlashCommand(new string('x', 5000), _host.Slack.ResponseUrl("r"));
        var response = await _host.PostSignedAsync(body, SlackPayloads.FormContentType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413()
    {
        var body = SlackPayloads.SlashCommand(new string('x', 5000), _host.Slack.ResponseUrl("r"));
        var ts = SlackTestHost.Now.ToString();
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new(SlackPayloads.FormContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackRequestSigner.Sign(SlackTestHost.SigningSecret, ts, body));
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "{not json", "application/json" },
        { "[1,2,3]", "application/json" },
        { """{"type":"event_callback","team_id":"T1","event_id":"Ev1"}""", "application/json" },
        { """{"no":"type"}""", "application/json" },
        { """{"type":"url_verification"}""", "application/json" },
        { "", "application/json" },
        { "payload=%7Bnot+json", SlackPayloads.FormContentType },
        { "payload=%5B%5D", SlackPayloads.FormContentType },
        { "payload=%7B%22no%22%3A%22type%22%7D", SlackPayloads.FormContentType },
        { "hello=world", SlackPayloads.FormContentType },
        { "command=%2Fcoach&text=hi", SlackPayloads.FormContentType },
        { "payload=a&payload=b", SlackPayloads.FormContentType },
        { "%%%&&&===", SlackPayloads.FormContentType },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_get_400_never_500(string body, string contentType)
    {
        var response = await _host.PostSignedAsync(body, contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_gets_400()
    {
        var bytes = new byte[] { 0x74, 0x65, 0x78, 0x74, 0x3D, 0xC3, 0x28 };
        var ts = SlackTestHost.Now.ToString();
        using var hmac = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes(SlackTestHost.SigningSecret));
        var signed = System.Text.Encoding.UTF8.GetBytes($"v0:{ts}:").Concat(bytes).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new(SlackPayloads.FormContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = content };
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(hmac.ComputeHash(signed)));
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_event_envelopes_are_acknowledged()
    {
        var response = await _host.PostSignedAsync("""{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1"}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public class SlackEndpointConfigurationTests
{
    [Fact]
    public async Task Without_a_signing_secret_the_endpoint_answers_404()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "" });
        var response = await host.PostSignedAsync("""{"type":"url_verification","challenge":"c"}""", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Workspaces_outside_the_allow_list_get_403_and_listed_ones_are_served()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:AllowedTeamIds:0"] = "T9",
            ["Slack:AllowedTeamIds:1"] = SlackTestHost.Team,
        });
        var allowed = await host.PostSlashCommandAsync("help");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var body = SlackPayloads.SlashCommand("help", host.Slack.ResponseUrl("r")).Replace("team_id=T1", "team_id=T2");
        var refused = await host.PostSignedAsync(body, SlackPayloads.FormContentType);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
