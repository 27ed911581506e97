using System.Net;
using System.Text.Json;
using CoachBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.BotFramework.Authentication;

/// <summary>Which check let a request in.</summary>
public enum AuthenticationPath
{
    /// <summary>No MicrosoftAppId: an unauthenticated local caller (development mode).</summary>
    Anonymous,
    /// <summary>A Bot Framework channel's token (Teams, Web Chat, Direct Line), every check made.</summary>
    Channel,
    /// <summary>
    /// A token the Bot Framework Emulator got from Entra ID with the bot's own credentials. It vouches for no
    /// channel and no serviceUrl, so such activities are served but never change stored channel references.
    /// </summary>
    Emulator,
    /// <summary>A seller signed in to Entra ID, with the token Teams gives the phrase finder tab (the page's API only).</summary>
    TabUser,
}

public enum AuthenticationStatus { Authenticated, Refused, KeysUnavailable }

/// <summary>The result of authenticating one request to /api/messages.</summary>
public sealed record AuthenticationOutcome
{
    public required AuthenticationStatus Status { get; init; }
    /// <summary>How the request was authenticated (meaningful when <see cref="Succeeded"/>).</summary>
    public AuthenticationPath Path { get; init; }
    /// <summary>Why it was refused: for the log only, never for the caller.</summary>
    public string? FailureReason { get; init; }
    /// <summary>With <see cref="AuthenticationStatus.KeysUnavailable"/>: when to ask again.</summary>
    public TimeSpan RetryAfter { get; init; }

    // What a channel token vouches for; checked against the activity once the body is parsed.
    internal string? ServiceUrlClaim { get; init; }
    internal IReadOnlyList<string>? Endorsements { get; init; }

    public bool Succeeded => Status == AuthenticationStatus.Authenticated;

    public static AuthenticationOutcome Refuse(string reason) => new() { Status = AuthenticationStatus.Refused, FailureReason = reason };
}

/// <summary>
/// Validates the JWT a Bot Framework channel (or the Emulator) sends with each activity, as the Bot Framework SDK
/// does, in two steps so that nothing of the body is parsed for an unauthenticated caller:
/// <see cref="AuthenticateAsync"/> checks the token alone (signature against the published keys, issuer,
/// audience, lifetime with 5 minutes' skew); <see cref="CheckActivity"/> then checks what the token says about the
/// activity (the signing key's endorsement of its channel, the serviceurl claim). With no app id configured, only
/// unauthenticated callers that reach the bot directly from loopback are accepted.
/// </summary>
public sealed partial class BotFrameworkAuthenticator
{
    public const string ServiceUrlClaim = "serviceurl";
    public const string MetadataHttpClient = "BotFramework.OpenIdMetadata";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] SigningAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // Entra tenants whose tokens the Emulator presents (public cloud and US Gov), v1 and v2 issuers.
    private static readonly string[] EmulatorTenants =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "cab8a31a-1906-4287-a0d8-4eef66b95f6e"];

    private readonly BotFrameworkOptions _options;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly SigningKeySource _channelKeys;
    private readonly SigningKeySource _emulatorKeys;
    private readonly SigningKeySource? _tabKeys;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly string[] _emulatorAudiences;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotFrameworkAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        _channelKeys = new SigningKeySource(_options.ToBotFromChannelOpenIdMetadataUrl, httpClients.CreateClient(MetadataHttpClient),
            _options.SigningKeyRefreshInterval, _options.SigningKeyRetryDelay, time, logger);
        _emulatorKeys = new SigningKeySource(_options.ToBotFromEmulatorOpenIdMetadataUrl, httpClients.CreateClient(MetadataHttpClient),
            _options.SigningKeyRefreshInterval, _options.SigningKeyRetryDelay, time, logger);

        var signIn = _options.TabSignIn;
        if (signIn.IsConfigured)
        {
            _tabKeys = new SigningKeySource(signIn.OpenIdMetadataUrl.Replace("{tenant}", signIn.TenantId.Trim(), StringComparison.Ordinal),
                httpClients.CreateClient(MetadataHttpClient), _options.SigningKeyRefreshInterval, _options.SigningKeyRetryDelay, time, logger);
        }

        var tenants = EmulatorTenants.ToList();
        if (!string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId)) tenants.Add(_options.MicrosoftAppTenantId.Trim());
        _emulatorIssuers = tenants
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
            .ToHashSet(StringComparer.Ordinal);
        // The Emulator asks Entra ID for a token to this app (scope "{app id}/.default"). The bot's own outbound
        // token has the same issuers and appid but is addressed to the connector (https://api.botframework.com):
        // without this audience it could be replayed to the bot.
        _emulatorAudiences = [_options.MicrosoftAppId ?? "", $"api://{_options.MicrosoftAppId}"];
    }

    private bool EmulatorTokensAllowed => _options.AllowEmulatorTokens == true;

    /// <summary>The key sets this bot checks tokens against (none in anonymous mode).</summary>
    private IEnumerable<SigningKeySource> KeySources()
    {
        if (_tabKeys is not null) yield return _tabKeys;
        // Channel and Emulator tokens are only ever checked on /api/messages.
        if (_options.IsAnonymous || !_options.BotFrameworkEnabled) yield break;
        yield return _channelKeys;
        if (EmulatorTokensAllowed) yield return _emulatorKeys;
    }

    /// <summary>Null when every key set the bot needs is loaded; otherwise what is missing (for /readyz).</summary>
    public string? SigningKeysProblem()
    {
        var problems = KeySources().Select(s => s.Problem).OfType<string>().ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Fetches every key set the bot needs, retrying with the back-off until each is loaded (start-up).</summary>
    public Task LoadSigningKeysAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(KeySources().Select(async source =>
        {
            while (true)
            {
                try
                {
                    await source.CurrentAsync(cancellationToken);
                    return;
                }
                catch (SigningKeysUnavailableException e)
                {
                    await Task.Delay(e.RetryAfter > TimeSpan.Zero ? e.RetryAfter : TimeSpan.FromMilliseconds(50), cancellationToken);
                }
            }
        }));

    /// <summary>
    /// The first step, before the body is read: who is calling. For a channel token, what it vouches for is kept
    /// in the outcome for <see cref="CheckActivity"/>.
    /// </summary>
    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authorizationHeader = request.Headers.Authorization.ToString();
        if (_options.IsAnonymous) return AuthenticateAnonymous(request, authorizationHeader);

        if (string.IsNullOrEmpty(authorizationHeader)) return AuthenticationOutcome.Refuse("no Authorization header");
        var parts = authorizationHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return AuthenticationOutcome.Refuse("the Authorization header is not a bearer token");

        JsonWebToken unvalidated;
        string? issuer;
        try
        {
            unvalidated = _handler.ReadJsonWebToken(parts[1]);
            issuer = unvalidated.Issuer;
        }
        catch (ArgumentException)
        {
            return AuthenticationOutcome.Refuse("the bearer token is not a JWT");
        }

        if (string.Equals(issuer, _options.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
            return await ValidateChannelTokenAsync(unvalidated, cancellationToken);
        if (_emulatorIssuers.Contains(issuer))
        {
            return EmulatorTokensAllowed
                ? await ValidateEmulatorTokenAsync(unvalidated, cancellationToken)
                : AuthenticationOutcome.Refuse("an Emulator token, and AllowEmulatorTokens is off");
        }
        return AuthenticationOutcome.Refuse("unknown token issuer");
    }

    /// <summary>
    /// Who may use the phrase finder page (/coach and its API): signed-in sellers when <see cref="TabSignInOptions"/>
    /// is configured; otherwise whoever the bot itself serves without a token (loopback callers in development mode);
    /// nobody when the bot has an app id and the page no sign-in.
    /// </summary>
    public PageAccess PageAccess => _tabKeys is not null ? PageAccess.SignIn : _options.IsAnonymous ? PageAccess.Local : PageAccess.Closed;

    /// <summary>Checks a request to the page's API against <see cref="PageAccess"/>.</summary>
    public async Task<AuthenticationOutcome> AuthenticatePageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authorizationHeader = request.Headers.Authorization.ToString();
        switch (PageAccess)
        {
            case PageAccess.Closed:
                return AuthenticationOutcome.Refuse("the page has no sign-in configured (TabSignIn:ClientId) and the bot is not in development mode");
            case PageAccess.Local:
                return AuthenticateAnonymous(request, authorizationHeader);
        }

        if (BearerToken(authorizationHeader) is not { } token) return AuthenticationOutcome.Refuse("no bearer token");
        var signIn = _options.TabSignIn;
        var parameters = Parameters(
            signIn.IsSingleTenant ? TenantIssuers(signIn.TenantId.Trim()) : [],
            new[] { signIn.ClientId!.Trim(), signIn.ApplicationIdUri?.Trim() }.OfType<string>().Where(a => a.Length > 0));
        if (!signIn.IsSingleTenant) parameters.IssuerValidator = TenantIssuerValidator;

        var (jwt, _, failure) = await ValidateAsync(token, _tabKeys!, parameters, cancellationToken);
        if (failure is not null) return failure;
        jwt!.TryGetPayloadValue<string>("scp", out var scopes);
        if (signIn.RequiredScope.Length > 0 && !(scopes ?? "").Split(' ').Contains(signIn.RequiredScope, StringComparer.Ordinal))
            return AuthenticationOutcome.Refuse($"the token lacks the scope {signIn.RequiredScope}");
        return new AuthenticationOutcome { Status = AuthenticationStatus.Authenticated, Path = AuthenticationPath.TabUser };
    }

    private static string[] TenantIssuers(string tenant) => [$"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"];

    /// <summary>Any work tenant's issuer (v1 or v2) for the token's own tenant, within AllowedTenantIds when set.</summary>
    private string TenantIssuerValidator(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        var tenant = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        var allowed = _options.AllowedTenantIds.Count == 0 || _options.AllowedTenantIds.Contains(tenant ?? "", StringComparer.OrdinalIgnoreCase);
        if (tenant is not null && allowed && TenantIssuers(tenant).Contains(issuer, StringComparer.Ordinal)) return issuer;
        throw new SecurityTokenInvalidIssuerException($"issuer {issuer} is not an allowed tenant's") { InvalidIssuer = issuer };
    }

    private JsonWebToken? BearerToken(string authorizationHeader)
    {
        var parts = authorizationHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return _handler.ReadJsonWebToken(parts[1]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The second step, once the body is parsed: a channel token's signing key must be endorsed for the activity's
    /// channel, and its serviceurl claim must be the activity's serviceUrl.
    /// </summary>
    public static AuthenticationOutcome CheckActivity(AuthenticationOutcome caller, Activity activity)
    {
        if (!caller.Succeeded || caller.Path != AuthenticationPath.Channel) return caller;

        // So a token issued for one channel cannot be replayed as another.
        if (caller.Endorsements is not { } endorsements) return AuthenticationOutcome.Refuse("the signing key has no endorsements");
        if (!string.IsNullOrEmpty(activity.ChannelId) && !endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
            return AuthenticationOutcome.Refuse($"the signing key is not endorsed for channel '{activity.ChannelId}'");

        // Replies go to serviceUrl with the bot's own token: it must be the one the channel vouched for.
        if (!string.Equals(caller.ServiceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthenticationOutcome.Refuse("the serviceurl claim does not match the activity");
        return caller;
    }

    private AuthenticationOutcome AuthenticateAnonymous(HttpRequest request, string authorizationHeader)
    {
        // Stricter than the SDK on purpose: without credentials the bot is a local development tool. A proxy or
        // tunnel on the same host connects from loopback, so anything it forwarded is refused too.
        if (!_options.AllowAnonymousFromNetwork)
        {
            if (!IsLoopback(request.HttpContext.Connection.RemoteIpAddress))
                return AuthenticationOutcome.Refuse("anonymous mode accepts loopback callers only");
            if (ForwardingHeader(request.Headers) is { } header)
                return AuthenticationOutcome.Refuse($"anonymous mode refuses requests forwarded by a proxy or tunnel ({header} header)");
        }
        return string.IsNullOrEmpty(authorizationHeader)
            ? new AuthenticationOutcome { Status = AuthenticationStatus.Authenticated, Path = AuthenticationPath.Anonymous }
            : AuthenticationOutcome.Refuse("a token was sent but no MicrosoftAppId is configured to validate it");
    }

    /// <summary>
    /// The name of a header a proxy or tunnel adds (or ASP.NET Core's forwarded-headers middleware leaves after
    /// consuming one), or null.
    /// </summary>
    internal static string? ForwardingHeader(IHeaderDictionary headers)
    {
        foreach (var name in headers.Keys)
        {
            if (name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("X-Original-", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase))
                return name;
        }
        return null;
    }

    private async Task<AuthenticationOutcome> ValidateChannelTokenAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        var parameters = Parameters([_options.ToBotFromChannelTokenIssuer], [_options.MicrosoftAppId!]);
        var (jwt, keys, failure) = await ValidateAsync(token, _channelKeys, parameters, cancellationToken);
        if (failure is not null) return failure;
        return new AuthenticationOutcome
        {
            Status = AuthenticationStatus.Authenticated,
            Path = AuthenticationPath.Channel,
            Endorsements = Endorsements(keys!, jwt!.Kid),
            ServiceUrlClaim = jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) ? serviceUrl : null,
        };
    }

    private async Task<AuthenticationOutcome> ValidateEmulatorTokenAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        var (jwt, _, failure) = await ValidateAsync(token, _emulatorKeys, Parameters(_emulatorIssuers, _emulatorAudiences), cancellationToken);
        if (failure is not null) return failure;

        // The Emulator's token is issued to the bot's own app: v1 tokens name it in appid, v2 in azp.
        jwt!.TryGetPayloadValue<string>("ver", out var version);
        var claim = version is null or "1.0" ? "appid" : version == "2.0" ? "azp" : null;
        if (claim is null) return AuthenticationOutcome.Refuse($"unknown token version '{version}'");
        if (!jwt.TryGetPayloadValue<string>(claim, out var appId) || !string.Equals(appId, _options.MicrosoftAppId, StringComparison.Ordinal))
            return AuthenticationOutcome.Refuse("the token was issued to another app");
        return new AuthenticationOutcome { Status = AuthenticationStatus.Authenticated, Path = AuthenticationPath.Emulator };
    }

    private static TokenValidationParameters Parameters(IEnumerable<string> issuers, IEnumerable<string> audiences) => new()
    {
        ValidIssuers = issuers,
        ValidateAudience = true,
        ValidAudiences = audiences,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        ValidAlgorithms = SigningAlgorithms,
    };

    /// <summary>
    /// Validates against the cached keys; a token signed by a key the cache does not know (the channel rotated its
    /// keys) fetches the keys again, at most every <see cref="BotFrameworkOptions.SigningKeyRefreshInterval"/>, and
    /// is tried once more. Returns the validated token and the key set it was checked against (for the endorsement
    /// check), or the outcome to answer with.
    /// </summary>
    private async Task<(JsonWebToken? Token, OpenIdConnectConfiguration? Keys, AuthenticationOutcome? Failure)> ValidateAsync(
        JsonWebToken token, SigningKeySource source, TokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration keys;
        try
        {
            keys = await source.CurrentAsync(cancellationToken);
        }
        catch (SigningKeysUnavailableException e)
        {
            return (null, null, await WithoutKeysAsync(token, parameters, e.RetryAfter));
        }

        parameters.IssuerSigningKeys = keys.SigningKeys;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException &&
            await source.RefreshedAsync(keys, cancellationToken) is { } refreshed)
        {
            keys = refreshed;
            parameters.IssuerSigningKeys = keys.SigningKeys;
            result = await _handler.ValidateTokenAsync(token, parameters);
        }
        return result.IsValid ? ((JsonWebToken)result.SecurityToken, keys, null) : (null, null, Failed(result));
    }

    /// <summary>
    /// Without keys the signature cannot be checked, so the caller is told to come back (503 with Retry-After),
    /// unless the token's claims are already wrong (expired, another audience or issuer): that is a bad token
    /// whatever its signature, and a 401. The signature check is skipped here only to tell the two apart.
    /// </summary>
    private async Task<AuthenticationOutcome> WithoutKeysAsync(JsonWebToken token, TokenValidationParameters parameters, TimeSpan retryAfter)
    {
        var claimsOnly = parameters.Clone();
        claimsOnly.RequireSignedTokens = false;
        claimsOnly.SignatureValidator = (_, _) => token;
        var claims = await _handler.ValidateTokenAsync(token, claimsOnly);
        if (!claims.IsValid) return Failed(claims);
        return new AuthenticationOutcome
        {
            Status = AuthenticationStatus.KeysUnavailable,
            FailureReason = "the signing keys are not available",
            RetryAfter = retryAfter,
        };
    }

    private AuthenticationOutcome Failed(TokenValidationResult result)
    {
        LogTokenRejected(result.Exception?.GetType().Name);
        return AuthenticationOutcome.Refuse(result.Exception?.GetType().Name ?? "invalid token");
    }

    /// <summary>The channel ids the key with <paramref name="kid"/> is endorsed for; null when it has none.</summary>
    internal static IReadOnlyList<string>? Endorsements(OpenIdConnectConfiguration configuration, string? kid)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw)) return null;
        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            IEnumerable<object> list => list.Select(o => o?.ToString()).OfType<string>().ToList(),
            _ => null,
        };
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Token rejected: {Reason}")]
    private partial void LogTokenRejected(string? reason);
}
