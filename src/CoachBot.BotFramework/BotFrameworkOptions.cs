namespace CoachBot.BotFramework;

/// <summary>
/// Bot Framework settings. The names are the Bot Framework SDK's configuration keys (top level of configuration),
/// so an existing Azure Bot set-up works unchanged; every URL can be overridden for sovereign clouds and tests.
/// </summary>
public sealed class BotFrameworkOptions
{
    /// <summary>
    /// Serve POST /api/messages. False makes the server Slack-only (and the page): the route is not mapped, so it
    /// answers 404, and the anonymous-mode start-up check, which guards that route, does not apply.
    /// </summary>
    public bool BotFrameworkEnabled { get; set; } = true;

    /// <summary>The bot's Microsoft App ID. Empty = anonymous development mode (loopback callers only).</summary>
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }
    /// <summary>MultiTenant (default) | SingleTenant | UserAssignedMSI.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>OpenID metadata for tokens from Bot Framework channels (Teams, Web Chat, Direct Line).</summary>
    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string ToBotFromChannelTokenIssuer { get; set; } = "https://api.botframework.com";
    /// <summary>OpenID metadata for tokens the Bot Framework Emulator obtains from Entra ID.</summary>
    public string ToBotFromEmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    /// <summary>Authority for outbound tokens; "{tenant}" is replaced by the tenant (botframework.com when multi-tenant).</summary>
    public string ToChannelFromBotLoginUrl { get; set; } = "https://login.microsoftonline.com/{tenant}";
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Accept tokens the Bot Framework Emulator obtains from Entra ID (audience = this app). Unset = on in the
    /// Development environment only (resolved at start-up); a production bot has no use for them.
    /// </summary>
    public bool? AllowEmulatorTokens { get; set; }

    /// <summary>
    /// Anonymous mode only: serve unauthenticated callers from any address, proxied ones included, and allow a
    /// non-loopback binding. Off: loopback callers only, nothing forwarded by a proxy or tunnel, loopback bindings only.
    /// </summary>
    public bool AllowAnonymousFromNetwork { get; set; }

    /// <summary>Teams tenants allowed to use the bot; empty = any tenant.</summary>
    public List<string> AllowedTenantIds { get; set; } = [];

    /// <summary>How long a turn may run before the user sees a typing indicator.</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>First back-off of a retried connector call (429/412/502/504); doubles with jitter.</summary>
    public TimeSpan ConnectorRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public int ConnectorMaxRetries { get; set; } = 3;
    /// <summary>Minimum time between two metadata refreshes forced by an unknown signing key.</summary>
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>First wait after a failed metadata fetch; doubles (with jitter) on each further failure, up to a minute.</summary>
    public TimeSpan SigningKeyRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entra ID sign-in for the phrase finder page (/coach) and its API, from the Teams tab's SSO token.</summary>
    public TabSignInOptions TabSignIn { get; set; } = new();

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public BotAppType AppType => MicrosoftAppType?.Trim().ToLowerInvariant() switch
    {
        "singletenant" => BotAppType.SingleTenant,
        "userassignedmsi" => BotAppType.UserAssignedMsi,
        _ => BotAppType.MultiTenant,
    };
}

public enum BotAppType { MultiTenant, SingleTenant, UserAssignedMsi }

/// <summary>
/// Who may use the phrase finder page's API when it is served beyond a developer's machine: sellers signed in to
/// Entra ID, proven by the token Teams gives a tab (SSO, <c>getAuthToken</c>). The token is checked as channel tokens
/// are (signature against the OpenID metadata's keys, issuer, audience, lifetime), then its tenant and scope.
/// </summary>
public sealed class TabSignInOptions
{
    /// <summary>The Entra app registration the tab's SSO token is issued to (its application id). Empty = no sign-in.</summary>
    public string? ClientId { get; set; }
    /// <summary>The tenant whose users may sign in (a GUID), or <c>organizations</c> for any work account (then <see cref="BotFrameworkOptions.AllowedTenantIds"/> limits it).</summary>
    public string TenantId { get; set; } = "organizations";
    /// <summary>The app's Application ID URI (<c>api://host/{ClientId}</c>): v1 tokens carry it as their audience, v2 tokens the client id.</summary>
    public string? ApplicationIdUri { get; set; }
    /// <summary>The delegated scope the page's token must carry (Teams SSO's conventional <c>access_as_user</c>).</summary>
    public string RequiredScope { get; set; } = "access_as_user";
    /// <summary>OpenID metadata; <c>{tenant}</c> is replaced by <see cref="TenantId"/>.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
    public bool IsSingleTenant => Guid.TryParse(TenantId, out _);
}

/// <summary>Who may use the phrase finder page: nobody, loopback callers like the anonymous bot, or signed-in sellers.</summary>
public enum PageAccess { Closed, Local, SignIn }
