using System.Text.Json.Nodes;
using CoachBot.Server.Tests.Fakes;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>The auth matrix of issue 3: every way a channel token can be wrong is a 401 that explains nothing.</summary>
public sealed class InboundAuthenticationTests(AuthenticatedBotFixture fixture) : IClassFixture<AuthenticatedBotFixture>
{
    private string ServiceUrl => fixture.Connector.ServiceUrl;

    private JsonObject TeamsMessage(string conversationId) => Activities.TeamsMessage(ServiceUrl, conversationId, "help");

    private string ChannelToken(SecurityKey? key = null, string? issuer = null, string? audience = null, string? serviceUrl = null,
        DateTime? notBefore = null, DateTime? expires = null) =>
        "Bearer " + Tokens.Create(key ?? fixture.TeamsKey, issuer ?? Tokens.ChannelIssuer, audience ?? BotApp.AppId, serviceUrl ?? ServiceUrl, notBefore, expires);

    private async Task AssertRejected(JsonObject activity, string? authorization)
    {
        var conversation = (string)activity["conversation"]!["id"]!;
        var response = await fixture.Bot.PostAsync(activity, authorization);
        Assert.Equal(401, response.Status);
        Assert.Equal("", response.Body);
        Assert.Empty(fixture.Connector.MessagesIn(conversation));
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_reply_carries_the_bots_own_token()
    {
        var response = await fixture.Bot.PostAsync(TeamsMessage("valid"), ChannelToken());

        Assert.Equal(200, response.Status);
        var replies = fixture.Connector.MessagesIn("valid");
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal("Bearer outbound-test-token", r.Authorization));
    }

    [Fact]
    public async Task A_token_expired_less_than_five_minutes_ago_is_within_the_clock_skew()
    {
        var response = await fixture.Bot.PostAsync(TeamsMessage("skew"),
            ChannelToken(notBefore: DateTime.UtcNow.AddHours(-1), expires: DateTime.UtcNow.AddMinutes(-3)));
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public Task An_expired_token_is_rejected() =>
        AssertRejected(TeamsMessage("expired"), ChannelToken(notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6)));

    [Fact]
    public Task A_token_not_yet_valid_is_rejected() =>
        AssertRejected(TeamsMessage("early"), ChannelToken(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1)));

    [Fact]
    public Task A_token_for_another_bot_is_rejected() =>
        AssertRejected(TeamsMessage("audience"), ChannelToken(audience: Guid.NewGuid().ToString()));

    [Fact]
    public Task A_token_from_another_issuer_is_rejected() =>
        AssertRejected(TeamsMessage("issuer"), ChannelToken(issuer: "https://login.example.com"));

    [Fact]
    public Task A_token_signed_by_an_unpublished_key_is_rejected() =>
        AssertRejected(TeamsMessage("unknown-key"), ChannelToken(key: OpenIdMetadataFake.NewKey("stranger")));

    [Fact]
    public Task A_token_signed_by_a_key_not_endorsed_for_the_channel_is_rejected() =>
        AssertRejected(TeamsMessage("endorsement"), ChannelToken(key: fixture.SlackOnlyKey));

    [Fact]
    public Task A_token_signed_by_a_key_without_endorsements_is_rejected() =>
        AssertRejected(TeamsMessage("no-endorsements"), ChannelToken(key: fixture.UnendorsedKey));

    [Fact]
    public Task A_token_issued_for_another_service_url_is_rejected() =>
        AssertRejected(TeamsMessage("service-url"), ChannelToken(serviceUrl: "https://smba.trafficmanager.net/emea/"));

    [Fact]
    public Task An_unsigned_token_is_rejected() =>
        AssertRejected(TeamsMessage("alg-none"), "Bearer " + Tokens.Unsigned(Tokens.ChannelIssuer, BotApp.AppId, ServiceUrl, "teams-key"));

    [Fact]
    public Task A_request_without_a_token_is_rejected_when_an_app_id_is_configured() =>
        AssertRejected(TeamsMessage("no-header"), null);

    [Fact]
    public Task A_token_in_another_scheme_is_rejected() =>
        AssertRejected(TeamsMessage("scheme"), ChannelToken().Replace("Bearer ", "Basic "));

    [Fact]
    public async Task An_emulator_token_issued_to_the_bots_app_is_accepted_without_endorsements()
    {
        var token = Tokens.Create(fixture.EmulatorKey, AuthenticatedBotFixture.EmulatorIssuer, "https://api.botframework.com", null,
            extraClaims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = BotApp.AppId });
        var activity = Activities.Message(ServiceUrl, "emulator", "help");

        Assert.Equal(200, (await fixture.Bot.PostAsync(activity, "Bearer " + token)).Status);
    }

    [Theory]
    [InlineData("1.0", "appid")]
    [InlineData("2.0", "azp")]
    public async Task An_emulator_token_issued_to_another_app_is_rejected(string version, string appClaim)
    {
        var token = Tokens.Create(fixture.EmulatorKey, AuthenticatedBotFixture.EmulatorIssuer, "https://api.botframework.com", null,
            extraClaims: new Dictionary<string, object> { ["ver"] = version, [appClaim] = Guid.NewGuid().ToString() });
        await AssertRejected(Activities.Message(ServiceUrl, $"emulator-{version}", "help"), "Bearer " + token);
    }
}
