using System.Net;
using System.Text.Json;
using CoachBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.BotFramework.Authentication;

/// <summary>The result of authenticating one request to /api/messages.</summary>
public sealed record AuthenticationOutcome(bool Succeeded, string? FailureReason)
{
    public static readonly AuthenticationOutcome Authenticated = new(true, null);
    public static AuthenticationOutcome Fail(string reason) => new(false, reason);
}

/// <summary>
/// Validates the JWT a Bot Framework channel (or the Emulator) sends with each activity, as the Bot Framework
/// SDK does: signature against the published keys, issuer, audience, lifetime with 5 minutes' skew, the signing
/// key's endorsement of the activity's channel, and the token's serviceurl claim matching the activity. With no
/// app id configured, only unauthenticated loopback callers are accepted.
/// </summary>
public sealed class BotFrameworkAuthenticator
{
    public const string ServiceUrlClaim = "serviceurl";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] SigningAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // Entra tenants whose tokens the Emulator presents (public cloud and US Gov), v1 and v2 issuers.
    private static readonly string[] EmulatorTenants =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "cab8a31a-1906-4287-a0d8-4eef66b95f6e"];

    private readonly BotFrameworkOptions _options;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly SigningKeySource _channelKeys;
    private readonly SigningKeySource _emulatorKeys;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotFrameworkAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        _channelKeys = new SigningKeySource(_options.ToBotFromChannelOpenIdMetadataUrl, httpClients.CreateClient(MetadataHttpClient), _options.SigningKeyRefreshInterval);
        _emulatorKeys = new SigningKeySource(_options.ToBotFromEmulatorOpenIdMetadataUrl, httpClients.CreateClient(MetadataHttpClient), _options.SigningKeyRefreshInterval);

        var tenants = EmulatorTenants.ToList();
        if (!string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId)) tenants.Add(_options.MicrosoftAppTenantId.Trim());
        _emulatorIssuers = tenants
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
            .ToHashSet(StringComparer.Ordinal);
    }

    public const string MetadataHttpClient = "BotFramework.OpenIdMetadata";

    public async Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        if (_options.IsAnonymous)
        {
            // Stricter than the SDK on purpose: without credentials the bot is a local development tool.
            if (!IsLoopback(remoteAddress)) return AuthenticationOutcome.Fail("anonymous mode accepts loopback callers only");
            return string.IsNullOrEmpty(authorizationHeader)
                ? AuthenticationOutcome.Authenticated
                : AuthenticationOutcome.Fail("a token was sent but no MicrosoftAppId is configured to validate it");
        }

        if (string.IsNullOrEmpty(authorizationHeader)) return AuthenticationOutcome.Fail("no Authorization header");
        var parts = authorizationHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return AuthenticationOutcome.Fail("the Authorization header is not a bearer token");

        JsonWebToken unvalidated;
        try
        {
            unvalidated = _handler.ReadJsonWebToken(parts[1]);
        }
        catch (ArgumentException)
        {
            return AuthenticationOutcome.Fail("the bearer token is not a JWT");
        }

        var issuer = unvalidated.Issuer;
        if (string.Equals(issuer, _options.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
            return await ValidateChannelTokenAsync(unvalidated, activity, cancellationToken);
        if (_emulatorIssuers.Contains(issuer))
            return await ValidateEmulatorTokenAsync(unvalidated, cancellationToken);
        return AuthenticationOutcome.Fail("unknown token issuer");
    }

    private async Task<AuthenticationOutcome> ValidateChannelTokenAsync(JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var (result, keys) = await ValidateAsync(token, _channelKeys, Parameters(_options.ToBotFromChannelTokenIssuer, validateAudience: true), cancellationToken);
        if (!result.IsValid) return Failed(result);
        var jwt = (JsonWebToken)result.SecurityToken;

        // The key must be endorsed for the channel the activity claims to come from, so a token issued for one
        // channel cannot be replayed as another.
        var endorsements = Endorsements(keys, jwt.Kid);
        if (endorsements is null) return AuthenticationOutcome.Fail("the signing key has no endorsements");
        if (!string.IsNullOrEmpty(activity.ChannelId) && !endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
            return AuthenticationOutcome.Fail($"the signing key is not endorsed for channel '{activity.ChannelId}'");

        // Replies go to serviceUrl with the bot's own token: it must be the one the channel vouched for.
        if (!jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) ||
            !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthenticationOutcome.Fail("the serviceurl claim does not match the activity");

        return AuthenticationOutcome.Authenticated;
    }

    private async Task<AuthenticationOutcome> ValidateEmulatorTokenAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        var parameters = Parameters(null, validateAudience: false);
        parameters.ValidIssuers = _emulatorIssuers;
        var (result, _) = await ValidateAsync(token, _emulatorKeys, parameters, cancellationToken);
        if (!result.IsValid) return Failed(result);

        // The Emulator's token is issued to the bot's own app: v1 tokens name it in appid, v2 in azp.
        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.TryGetPayloadValue<string>("ver", out var version);
        var claim = version is null or "1.0" ? "appid" : version == "2.0" ? "azp" : null;
        if (claim is null) return AuthenticationOutcome.Fail($"unknown token version '{version}'");
        if (!jwt.TryGetPayloadValue<string>(claim, out var appId) || !string.Equals(appId, _options.MicrosoftAppId, StringComparison.Ordinal))
            return AuthenticationOutcome.Fail("the token was issued to another app");
        return AuthenticationOutcome.Authenticated;
    }

    private TokenValidationParameters Parameters(string? issuer, bool validateAudience) => new()
    {
        ValidIssuer = issuer,
        ValidateAudience = validateAudience,
        ValidAudience = _options.MicrosoftAppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        ValidAlgorithms = SigningAlgorithms,
    };

    /// <summary>
    /// Validates against the cached keys; a token signed by a key the cache does not know (the channel rotated its
    /// keys) fetches the keys again, at most every <see cref="BotFrameworkOptions.SigningKeyRefreshInterval"/>, and
    /// is tried once more. Returns the key set the token was checked against, for the endorsement check.
    /// </summary>
    private async Task<(TokenValidationResult Result, OpenIdConnectConfiguration Keys)> ValidateAsync(
        JsonWebToken token, SigningKeySource source, TokenValidationParameters parameters, CancellationToken cancellationToken)
    {
        var keys = await source.CurrentAsync(cancellationToken);
        parameters.IssuerSigningKeys = keys.SigningKeys;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (result.IsValid || result.Exception is not SecurityTokenSignatureKeyNotFoundException) return (result, keys);

        if (await source.RefreshedAsync(keys, cancellationToken) is not { } refreshed) return (result, keys);
        parameters.IssuerSigningKeys = refreshed.SigningKeys;
        return (await _handler.ValidateTokenAsync(token, parameters), refreshed);
    }

    private AuthenticationOutcome Failed(TokenValidationResult result)
    {
        _logger.LogDebug("Token rejected: {Reason}", result.Exception?.GetType().Name);
        return AuthenticationOutcome.Fail(result.Exception?.GetType().Name ?? "invalid token");
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

    /// <summary>
    /// One metadata document's signing keys. <see cref="ConfigurationManager{T}"/> caches them and refreshes them on
    /// its schedule; its <see cref="ConfigurationManager{T}.RequestRefresh"/> only refreshes in the background,
    /// so the request that meets an unknown key fetches the document itself (rate-limited) and asks the cache to
    /// catch up.
    /// </summary>
    private sealed class SigningKeySource
    {
        private readonly string _metadataUrl;
        private readonly HttpDocumentRetriever _retriever;
        private readonly TimeSpan _minimumRefreshInterval;
        private readonly ConfigurationManager<OpenIdConnectConfiguration> _cache;
        private readonly SemaphoreSlim _refreshGate = new(1, 1);
        private OpenIdConnectConfiguration? _refreshed;
        private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

        public SigningKeySource(string metadataUrl, HttpClient http, TimeSpan minimumRefreshInterval)
        {
            var uri = new Uri(metadataUrl, UriKind.Absolute);
            _metadataUrl = metadataUrl;
            // Plain http only for a loopback fake (tests, local tools); real metadata is always https.
            _retriever = new HttpDocumentRetriever(http) { RequireHttps = !uri.IsLoopback };
            _minimumRefreshInterval = minimumRefreshInterval;
            _cache = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), _retriever)
            {
                RefreshInterval = minimumRefreshInterval,
            };
        }

        public Task<OpenIdConnectConfiguration> CurrentAsync(CancellationToken cancellationToken) => _cache.GetConfigurationAsync(cancellationToken);

        /// <summary>A newer key set than <paramref name="stale"/>, or null when one was fetched too recently to ask again.</summary>
        public async Task<OpenIdConnectConfiguration?> RefreshedAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
        {
            await _refreshGate.WaitAsync(cancellationToken);
            try
            {
                if (DateTimeOffset.UtcNow - _refreshedAt < _minimumRefreshInterval)
                    return _refreshed is null || ReferenceEquals(_refreshed, stale) ? null : _refreshed;
                _refreshedAt = DateTimeOffset.UtcNow;
                _refreshed = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataUrl, _retriever, cancellationToken);
                _cache.RequestRefresh();
                return _refreshed;
            }
            finally
            {
                _refreshGate.Release();
            }
        }
    }
}
