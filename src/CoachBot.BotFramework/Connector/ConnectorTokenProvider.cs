using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace CoachBot.BotFramework.Connector;

/// <summary>Bearer tokens for calls to the Bot Framework connector.</summary>
public interface IConnectorTokenProvider
{
    /// <summary>The token to send, or null when the bot runs anonymously (no app id: nothing to authenticate as).</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Client-credentials tokens from Entra ID through MSAL, which caches them in process and renews them before they
/// expire. The authority follows MicrosoftAppType: the botframework.com tenant for multi-tenant apps, the app's
/// own tenant otherwise; user-assigned managed identities get their token from the managed identity endpoint.
/// </summary>
public sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private readonly string[] _scopes;
    private readonly IConfidentialClientApplication? _confidential;
    private readonly IManagedIdentityApplication? _managedIdentity;
    private readonly string _managedIdentityResource;

    public MsalConnectorTokenProvider(IOptions<BotFrameworkOptions> options, IMsalHttpClientFactory? httpClients = null)
    {
        var o = options.Value;
        _scopes = [o.ToChannelFromBotOAuthScope];
        _managedIdentityResource = o.ToChannelFromBotOAuthScope.EndsWith("/.default", StringComparison.Ordinal)
            ? o.ToChannelFromBotOAuthScope[..^"/.default".Length]
            : o.ToChannelFromBotOAuthScope;
        if (o.IsAnonymous) return;

        if (o.AppType == BotAppType.UserAssignedMsi)
        {
            var builder = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.MicrosoftAppId!));
            if (httpClients is not null) builder = builder.WithHttpClientFactory(httpClients);
            _managedIdentity = builder.Build();
            return;
        }

        if (string.IsNullOrEmpty(o.MicrosoftAppPassword))
            throw new InvalidOperationException("MicrosoftAppPassword is required when MicrosoftAppId is set (except for UserAssignedMSI).");
        var tenant = o.AppType == BotAppType.SingleTenant
            ? (string.IsNullOrWhiteSpace(o.MicrosoftAppTenantId)
                ? throw new InvalidOperationException("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.")
                : o.MicrosoftAppTenantId.Trim())
            : "botframework.com";
        var app = ConfidentialClientApplicationBuilder.Create(o.MicrosoftAppId)
            .WithClientSecret(o.MicrosoftAppPassword)
            .WithAuthority(o.ToChannelFromBotLoginUrl.Replace("{tenant}", tenant, StringComparison.Ordinal), validateAuthority: true);
        if (httpClients is not null) app = app.WithHttpClientFactory(httpClients).WithInstanceDiscovery(false);
        _confidential = app.Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_confidential is not null)
            return (await _confidential.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken)).AccessToken;
        if (_managedIdentity is not null)
            return (await _managedIdentity.AcquireTokenForManagedIdentity(_managedIdentityResource).ExecuteAsync(cancellationToken)).AccessToken;
        return null;
    }
}
