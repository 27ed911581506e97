using System.Text.Json.Nodes;
using CoachBot.BotFramework.Teams;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>
/// The auth matrix of issue 3: every way a channel token can be wrong is a 401 that explains nothing. Rows for the
/// holes of issue 12 follow at the end; its other holes have rows in <see cref="AnonymousModeTests"/> (4),
/// <see cref="SigningKeyOutageTests"/> (3) and <see cref="HostileTrafficTests"/> (2, 5's log flood, 7).
/// </summary>
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
    public async Task A_bad_token_is_refused_by_the_filter_on_the_route_before_the_body_is_read_or_state_touched()
    {
        var states = fixture.Bot.Services.GetRequiredService<IConversationStateStore>();
        var activity = Activities.TeamsMessage(ServiceUrl, "filtered", "qualify");
        var key = new ConversationKey("teams:filtered");

        // Unauthenticated, a body that is not an activity gets the same bare 401 as a valid one: it is never read.
        var garbage = await fixture.Bot.PostAsync("{not an activity", ChannelToken(audience: "someone-else"));
        Assert.Equal(401, garbage.Status);
        Assert.Equal("", garbage.Body);
        await AssertRejected(activity, ChannelToken(audience: "someone-else"));
        Assert.Null(await states.LoadAsync(key, CancellationToken.None));

        // With a valid token the same activity reaches the turn: the filter passed the caller on.
        Assert.Equal(400, (await fixture.Bot.PostAsync("{not an activity", ChannelToken())).Status);
        Assert.Equal(200, (await fixture.Bot.PostAsync(activity, ChannelToken())).Status);
        Assert.NotNull(await states.LoadAsync(key, CancellationToken.None));
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

    private string EmulatorToken(string audience, string version = "1.0", string? appId = null) =>
        "Bearer " + Tokens.Create(fixture.EmulatorKey, AuthenticatedBotFixture.EmulatorIssuer, audience, null,
            extraClaims: new Dictionary<string, object> { ["ver"] = version, [version == "2.0" ? "azp" : "appid"] = appId ?? BotApp.AppId });

    /// <summary>What the bot itself sends to a connector: Emulator-tenant issuer, appid = the bot, aud = the connector.</summary>
    private string BotsOwnOutboundToken() => EmulatorToken("https://api.botframework.com");

    [Theory]
    [InlineData("1.0", BotApp.AppId)]
    [InlineData("2.0", "api://" + BotApp.AppId)]
    public async Task An_emulator_token_for_the_bots_app_is_accepted_without_endorsements(string version, string audience)
    {
        var activity = Activities.Message(ServiceUrl, $"emulator-{version}-ok", "help");

        Assert.Equal(200, (await fixture.Bot.PostAsync(activity, EmulatorToken(audience, version))).Status);
    }

    [Theory]
    [InlineData("1.0", "appid")]
    [InlineData("2.0", "azp")]
    public async Task An_emulator_token_issued_to_another_app_is_rejected(string version, string appClaim)
    {
        var token = Tokens.Create(fixture.EmulatorKey, AuthenticatedBotFixture.EmulatorIssuer, BotApp.AppId, null,
            extraClaims: new Dictionary<string, object> { ["ver"] = version, [appClaim] = Guid.NewGuid().ToString() });
        await AssertRejected(Activities.Message(ServiceUrl, $"emulator-{version}", "help"), "Bearer " + token);
    }

    // ---- Issue 12, hole 1: the bot's own outbound connector token replayed as an inbound one -----------------------

    [Fact]
    public Task The_bots_own_outbound_token_replayed_as_an_emulator_token_is_rejected() =>
        AssertRejected(Activities.Message(ServiceUrl, "replayed-outbound", "help"), BotsOwnOutboundToken());

    [Fact]
    public async Task A_replayed_outbound_token_cannot_redirect_a_stored_deal_channel()
    {
        await using var attacker = await ConnectorFake.StartAsync();
        var team = "19:replay-team@thread.tacv2";
        Assert.Equal(200, (await fixture.Bot.PostAsync(Activities.TeamInstall(ServiceUrl, team, "Deals"), ChannelToken())).Status);
        var renamed = Activities.ChannelEvent(attacker.ServiceUrl, "channelRenamed", team, team, "General");

        var response = await fixture.Bot.PostAsync(renamed, BotsOwnOutboundToken());

        Assert.Equal(401, response.Status);
        Assert.Equal(ServiceUrl, (await StoredChannel(team))!.ServiceUrl);
        Assert.Empty(attacker.Requests);
    }

    [Fact]
    public async Task Emulator_authenticated_activities_never_store_change_or_remove_channel_references()
    {
        // The Emulator's own serviceUrl: a loopback fake, so the welcome the bot sends there stays on this machine.
        await using var emulatorService = await ConnectorFake.StartAsync();
        var elsewhere = emulatorService.ServiceUrl;
        var team = "19:emulator-team@thread.tacv2";
        Assert.Equal(200, (await fixture.Bot.PostAsync(Activities.TeamInstall(ServiceUrl, team, "Deals"), ChannelToken())).Status);
        var emulator = EmulatorToken(BotApp.AppId);

        var renamed = Activities.ChannelEvent(elsewhere, "channelRenamed", team, team, "General");
        Assert.Equal(200, (await fixture.Bot.PostAsync(renamed, emulator)).Status);
        var created = Activities.ChannelEvent(elsewhere, "channelCreated", team, "19:new@thread.tacv2", "New");
        Assert.Equal(200, (await fixture.Bot.PostAsync(created, emulator)).Status);
        var otherTeam = Activities.TeamInstall(elsewhere, "19:other-team@thread.tacv2", "Other");
        Assert.Equal(200, (await fixture.Bot.PostAsync(otherTeam, emulator)).Status);
        var deleted = Activities.ChannelEvent(ServiceUrl, "channelDeleted", team, team, "General");
        Assert.Equal(200, (await fixture.Bot.PostAsync(deleted, emulator)).Status);

        Assert.Equal(ServiceUrl, (await StoredChannel(team))!.ServiceUrl);
        Assert.Null(await StoredChannel("19:new@thread.tacv2"));
        Assert.Null(await StoredChannel("19:other-team@thread.tacv2"));
    }

    private async Task<TeamsChannelReference?> StoredChannel(string channelId)
    {
        var records = await fixture.Bot.Services.GetRequiredService<IConversationReferenceStore>().ListAsync(TeamsChannelReference.Channel, Activities.TenantId);
        return records.Where(r => r.Id == channelId).Select(TeamsChannelReference.FromRecord).SingleOrDefault();
    }

    // ---- Issue 12, hole 5: nothing parsed, and nothing explained, before the token is checked ---------------------

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"type": 5}""")]
    [InlineData("""{"type": "message", "conversation": {"id": ["c1"]}}""")]
    [InlineData("""{"channelId": "emulator"}""")]
    public async Task An_unauthenticated_caller_with_a_malformed_body_gets_a_bare_401(string body)
    {
        foreach (var authorization in new[] { null, "Bearer abc.def.ghi", ChannelToken(audience: Guid.NewGuid().ToString()) })
        {
            var response = await fixture.Bot.PostAsync(body, authorization);
            Assert.Equal(401, response.Status);
            Assert.Equal("", response.Body);
        }
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"type": 5}""")]
    [InlineData("""{"type": "message", "conversation": {"id": ["c1"]}}""")]
    public async Task An_authenticated_caller_with_a_malformed_body_gets_a_short_generic_400(string body)
    {
        var response = await fixture.Bot.PostAsync(body, ChannelToken());

        Assert.Equal(400, response.Status);
        Assert.Contains("not a Bot Framework activity", response.Body);
        foreach (var detail in new[] { "Path:", "LineNumber", "BytePosition", "System.", "JSON value" })
            Assert.DoesNotContain(detail, response.Body);
    }
}
