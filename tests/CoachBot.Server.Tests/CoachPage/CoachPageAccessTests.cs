using System.Net;
using CoachBot.Server.Tests.Fakes;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.Server.Tests.CoachPage;

/// <summary>
/// Who may use the phrase finder page and its API. Development mode (no MicrosoftAppId): whoever the bot serves
/// without a token, loopback callers that no proxy forwarded. A bot with an app id: nobody, until TabSignIn names
/// the Entra app whose Teams SSO tokens sign sellers in; then the page's files are open (Teams loads a tab before it
/// can ask for a token) and the API takes only valid tokens.
/// </summary>
public sealed class CoachPageAccessTests : IAsyncLifetime
{
    private const string ClientId = "0d3c6a51-7a9e-4b7e-9c55-3f2d8f1e6a10";
    private const string ApplicationIdUri = "api://coachbot.example/" + ClientId;
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string OtherTenant = "b5c1e3a0-0000-4000-8000-000000000abc";
    private static readonly string V2Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";

    private readonly List<BotApp> _bots = [];
    private OpenIdMetadataFake _entra = null!;
    private RsaSecurityKey _key = null!;

    public async Task InitializeAsync()
    {
        _entra = await OpenIdMetadataFake.StartAsync(V2Issuer);
        _key = _entra.Publish("entra-key", null);
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots) await bot.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private BotApp Bot(Dictionary<string, string?> settings)
    {
        var bot = new BotApp(settings);
        _bots.Add(bot);
        return bot;
    }

    private BotApp Anonymous(bool fromNetwork = false) =>
        Bot(new() { ["MicrosoftAppId"] = "", ["AllowAnonymousFromNetwork"] = fromNetwork ? "true" : "false" });

    private BotApp SignIn(string tenant = Tenant, string? allowedTenant = null, string? metadataUrl = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotApp.AppId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = _entra.MetadataUrl,
            ["TabSignIn:ClientId"] = ClientId,
            ["TabSignIn:TenantId"] = tenant,
            ["TabSignIn:ApplicationIdUri"] = ApplicationIdUri,
            ["TabSignIn:OpenIdMetadataUrl"] = metadataUrl ?? _entra.MetadataUrl,
        };
        if (allowedTenant is not null) settings["AllowedTenantIds:0"] = allowedTenant;
        return Bot(settings);
    }

    private string Token(string? issuer = null, string audience = ClientId, string scope = "access_as_user", string tenant = Tenant,
        SecurityKey? key = null, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["tid"] = tenant, ["ver"] = "2.0" };
        if (scope.Length > 0) claims["scp"] = scope;
        return "Bearer " + Tokens.Create(key ?? _key, issuer ?? $"https://login.microsoftonline.com/{tenant}/v2.0", audience, null,
            notBefore: expires?.AddHours(-1), expires: expires, extraClaims: claims);
    }

    private static Task<BotResponse> Phrases(BotApp bot, string? authorization = null, IPAddress? remote = null, Dictionary<string, string>? headers = null) =>
        bot.SendAsync("GET", "/api/phrases?q=cost", authorization: authorization, remote: remote, headers: headers);

    private static Task<BotResponse> Page(BotApp bot, IPAddress? remote = null, Dictionary<string, string>? headers = null) =>
        bot.SendAsync("GET", "/coach", remote: remote, headers: headers);

    // ---- Development mode: where the bot is open -------------------------------------------------------------

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task In_development_mode_a_loopback_caller_gets_the_page_and_the_API(string address)
    {
        var bot = Anonymous();

        Assert.Equal(200, (await Page(bot, IPAddress.Parse(address))).Status);
        Assert.Equal(200, (await Phrases(bot, remote: IPAddress.Parse(address))).Status);
    }

    [Fact]
    public async Task In_development_mode_a_caller_from_the_network_is_refused_both()
    {
        var bot = Anonymous();
        var remote = IPAddress.Parse("10.1.2.3");

        Assert.Equal(403, (await Page(bot, remote)).Status);
        Assert.Equal(403, (await Phrases(bot, remote: remote)).Status);
    }

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    [InlineData("X-Real-IP")]
    public async Task In_development_mode_a_request_a_proxy_or_tunnel_forwarded_is_refused(string header)
    {
        var bot = Anonymous();
        var headers = new Dictionary<string, string> { [header] = "203.0.113.9" };

        Assert.Equal(403, (await Page(bot, headers: headers)).Status);
        Assert.Equal(403, (await Phrases(bot, headers: headers)).Status);
    }

    [Fact]
    public async Task With_AllowAnonymousFromNetwork_the_network_is_served_as_the_bot_serves_it()
    {
        var bot = Anonymous(fromNetwork: true);

        Assert.Equal(200, (await Page(bot, IPAddress.Parse("10.1.2.3"))).Status);
        Assert.Equal(200, (await Phrases(bot, remote: IPAddress.Parse("10.1.2.3"))).Status);
    }

    [Fact]
    public async Task A_bot_with_an_app_id_and_no_sign_in_does_not_serve_the_page_at_all()
    {
        var bot = Bot(new() { ["MicrosoftAppId"] = BotApp.AppId, ["ToBotFromChannelOpenIdMetadataUrl"] = _entra.MetadataUrl });

        Assert.Equal(404, (await Page(bot)).Status);
        Assert.Equal(404, (await Phrases(bot)).Status);
        Assert.Equal(404, (await bot.SendAsync("POST", "/api/qualify", "{}", "application/json")).Status);
    }

    // ---- Entra ID sign-in (Teams tab SSO) --------------------------------------------------------------------

    [Fact]
    public async Task With_sign_in_the_page_is_served_and_the_API_asks_for_a_bearer_token()
    {
        var bot = SignIn();

        Assert.Equal(200, (await Page(bot, IPAddress.Parse("10.1.2.3"))).Status);
        var response = await Phrases(bot);
        Assert.Equal(401, response.Status);
        Assert.Equal("Bearer", response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task A_valid_v2_SSO_token_from_the_network_is_served()
    {
        var response = await Phrases(SignIn(), Token(), IPAddress.Parse("10.1.2.3"));

        Assert.Equal(200, response.Status);
        Assert.Equal("cost", (string?)response.Json["query"]);
    }

    [Fact]
    public async Task A_v1_token_for_the_application_id_uri_is_served()
    {
        Assert.Equal(200, (await Phrases(SignIn(), Token(issuer: $"https://sts.windows.net/{Tenant}/", audience: ApplicationIdUri))).Status);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "another audience", "aud" },
        { "the scope is missing", "scp" },
        { "another tenant's issuer", "iss" },
        { "expired", "exp" },
        { "signed by an unpublished key", "key" },
        { "a Bot Framework channel token", "channel" },
        { "not a JWT", "garbage" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401(string why, string kind)
    {
        var authorization = kind switch
        {
            "aud" => Token(audience: BotApp.AppId),
            "scp" => Token(scope: ""),
            "iss" => Token(issuer: $"https://login.microsoftonline.com/{OtherTenant}/v2.0"),
            "exp" => Token(expires: DateTime.UtcNow.AddMinutes(-10)),
            "key" => Token(key: OpenIdMetadataFake.NewKey("entra-key")),
            "channel" => "Bearer " + Tokens.Create(_key, Tokens.ChannelIssuer, BotApp.AppId, "https://smba.trafficmanager.net/teams/"),
            _ => "Bearer not-a-token",
        };

        var response = await Phrases(SignIn(), authorization);

        Assert.True(response.Status == 401, $"{why}: {response.Status}");
    }

    [Fact]
    public async Task With_organizations_a_tenant_outside_AllowedTenantIds_is_refused()
    {
        var bot = SignIn(tenant: "organizations", allowedTenant: Tenant);

        Assert.Equal(200, (await Phrases(bot, Token())).Status);
        Assert.Equal(401, (await Phrases(bot, Token(tenant: OtherTenant))).Status);
    }

    [Fact]
    public async Task Without_the_signing_keys_a_token_gets_503_with_Retry_After()
    {
        _entra.Available = false;
        var bot = SignIn();

        var response = await Phrases(bot, Token());

        Assert.Equal(503, response.Status);
        Assert.True(int.Parse(response.Headers["Retry-After"]) >= 1);
    }
}
