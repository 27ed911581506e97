using System.Net;
using System.Text;
using CoachBot.BotFramework;
using CoachBot.BotFramework.Connector;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace CoachBot.Server.Tests.Connector;

/// <summary>Outbound tokens: MSAL client credentials against the configured authority, cached between calls.</summary>
public sealed class MsalConnectorTokenProviderTests
{
    private const string AppId = "5a1c3f6e-2b7d-4e8f-9a0b-1c2d3e4f5a6b";

    private static (MsalConnectorTokenProvider Provider, TokenEndpointFake Endpoint) Create(BotFrameworkOptions options)
    {
        var endpoint = new TokenEndpointFake();
        return (new MsalConnectorTokenProvider(Options.Create(options), endpoint), endpoint);
    }

    [Fact]
    public async Task A_multi_tenant_bot_asks_the_botframework_tenant_once_and_reuses_the_token()
    {
        var (provider, endpoint) = Create(new BotFrameworkOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "s3cret" });

        var first = await provider.GetTokenAsync(CancellationToken.None);
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal(first, second);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", request.Url);
        Assert.Contains("grant_type=client_credentials", request.Body);
        Assert.Contains("client_id=" + AppId, request.Body);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", request.Body);
    }

    [Fact]
    public async Task A_single_tenant_bot_asks_its_own_tenant_at_the_configured_login_url()
    {
        var (provider, endpoint) = Create(new BotFrameworkOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = "s3cret",
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ToChannelFromBotLoginUrl = "https://login.microsoftonline.us/{tenant}",
        });

        await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal("https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", Assert.Single(endpoint.Requests).Url);
    }

    [Fact]
    public async Task An_anonymous_bot_sends_no_token_and_asks_nobody()
    {
        var (provider, endpoint) = Create(new BotFrameworkOptions());

        Assert.Null(await provider.GetTokenAsync(CancellationToken.None));
        Assert.Empty(endpoint.Requests);
    }

    [Theory]
    [InlineData("MultiTenant", null, "MicrosoftAppPassword")]
    [InlineData("SingleTenant", null, "MicrosoftAppTenantId")]
    public void Missing_credentials_are_named_at_start_up(string appType, string? tenant, string named)
    {
        var options = new BotFrameworkOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = named == "MicrosoftAppPassword" ? null : "s3cret",
            MicrosoftAppType = appType,
            MicrosoftAppTenantId = tenant,
        };
        var error = Assert.Throws<InvalidOperationException>(() => new MsalConnectorTokenProvider(Options.Create(options)));
        Assert.Contains(named, error.Message);
    }

    /// <summary>Entra ID's token endpoint, answered in process: MSAL's HTTP goes through this factory.</summary>
    private sealed class TokenEndpointFake : HttpMessageHandler, IMsalHttpClientFactory
    {
        public List<(string Url, string Body)> Requests { get; } = [];

        public HttpClient GetHttpClient() => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.RequestUri!.GetLeftPart(UriPartial.Path), body));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"token-{{Requests.Count}}"}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
