using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CoachBot.BotFramework.Authentication;

/// <summary>No signing keys to check a token against: the metadata has not been fetched (yet). Try again after <see cref="RetryAfter"/>.</summary>
public sealed class SigningKeysUnavailableException(TimeSpan retryAfter, Exception? inner)
    : Exception("The OpenID signing keys are not available.", inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// One OpenID metadata document's signing keys (with the JWKS's endorsements). The library fetches and parses the
/// document; when to fetch is decided here, because a bot that has no keys must not fetch once per request:
/// <list type="bullet">
/// <item>one fetch at a time, which every request without keys waits for;</item>
/// <item>after a failure, no new fetch before a back-off that doubles (with jitter) up to a minute; requests in
/// between are told to come back (<see cref="SigningKeysUnavailableException"/>);</item>
/// <item>keys older than <see cref="RefreshAge"/> are refreshed in the background while the old ones stay in use,
/// and kept if the refresh fails;</item>
/// <item>a token signed by an unknown key may force a refresh, at most every <c>minimumRefreshInterval</c>.</item>
/// </list>
/// </summary>
internal sealed partial class SigningKeySource
{
    public static readonly TimeSpan RefreshAge = TimeSpan.FromHours(12);
    private static readonly TimeSpan MaximumRetryDelay = TimeSpan.FromMinutes(1);

    private readonly string _metadataUrl;
    private readonly HttpDocumentRetriever _retriever;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly TimeSpan _firstRetryDelay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();

    private OpenIdConnectConfiguration? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;
    private Task<OpenIdConnectConfiguration?>? _fetch;
    private int _failures;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;
    private string? _lastError;

    public SigningKeySource(string metadataUrl, HttpClient http, TimeSpan minimumRefreshInterval, TimeSpan firstRetryDelay, TimeProvider time, ILogger logger)
    {
        var uri = new Uri(metadataUrl, UriKind.Absolute);
        _metadataUrl = metadataUrl;
        // Plain http only for a loopback fake (tests, local tools); real metadata is always https.
        _retriever = new HttpDocumentRetriever(http) { RequireHttps = !uri.IsLoopback };
        _minimumRefreshInterval = minimumRefreshInterval;
        _firstRetryDelay = firstRetryDelay;
        _time = time;
        _logger = logger;
    }

    public string MetadataUrl => _metadataUrl;

    /// <summary>Null when keys are loaded; otherwise why not, for /readyz.</summary>
    public string? Problem
    {
        get
        {
            lock (_gate)
            {
                if (_keys is not null) return null;
                if (_lastError is null) return $"the signing keys from {_metadataUrl} are not loaded yet";
                var wait = _nextAttempt - _time.GetUtcNow();
                return $"the signing keys from {_metadataUrl} could not be fetched ({_lastError}; {_failures} attempt(s), next in {Math.Max(0, Math.Ceiling(wait.TotalSeconds))} s)";
            }
        }
    }

    /// <summary>The keys; fetched if there are none. Throws <see cref="SigningKeysUnavailableException"/> when they cannot be had now.</summary>
    public async Task<OpenIdConnectConfiguration> CurrentAsync(CancellationToken cancellationToken)
    {
        Task<OpenIdConnectConfiguration?>? fetch;
        lock (_gate)
        {
            if (_keys is { } keys)
            {
                if (_time.GetUtcNow() - _fetchedAt > RefreshAge) StartFetch();
                return keys;
            }
            fetch = StartFetch() ?? throw new SigningKeysUnavailableException(RetryAfter(), null);
        }
        if (await fetch.WaitAsync(cancellationToken) is { } fetched) return fetched;
        lock (_gate) throw new SigningKeysUnavailableException(RetryAfter(), null);
    }

    /// <summary>
    /// Keys newer than <paramref name="stale"/> for a token whose key id they lack; null when there are none, or
    /// when a forced refresh happened too recently to ask again.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshedAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        Task<OpenIdConnectConfiguration?>? fetch;
        lock (_gate)
        {
            if (_keys is { } current && !ReferenceEquals(current, stale)) return current;
            if (_fetch is null && _time.GetUtcNow() - _lastForcedRefresh < _minimumRefreshInterval) return null;
            fetch = StartFetch();
            if (fetch is null) return null;
            _lastForcedRefresh = _time.GetUtcNow();
        }
        var fresh = await fetch.WaitAsync(cancellationToken);
        return fresh is null || ReferenceEquals(fresh, stale) ? null : fresh;
    }

    /// <summary>The fetch under way, or a new one; null while backing off after a failure. Called under the lock.</summary>
    private Task<OpenIdConnectConfiguration?>? StartFetch()
    {
        if (_fetch is not null) return _fetch;
        if (_time.GetUtcNow() < _nextAttempt) return null;
        // Task.Run: the fetch must not complete inside this lock, or it would find _fetch not yet set.
        return _fetch = Task.Run(FetchAsync);
    }

    /// <summary>The fetched keys, or null when the fetch failed (logged, and the back-off set). Never throws: nobody may be waiting.</summary>
    private async Task<OpenIdConnectConfiguration?> FetchAsync()
    {
        try
        {
            // Not the caller's cancellation: every request waiting for keys shares this fetch; the HTTP client's
            // timeout bounds it.
            var keys = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataUrl, _retriever, CancellationToken.None);
            lock (_gate)
            {
                _keys = keys;
                _fetchedAt = _time.GetUtcNow();
                _failures = 0;
                _lastError = null;
                _fetch = null;
            }
            return keys;
        }
        catch (Exception e)
        {
            TimeSpan delay;
            string error;
            lock (_gate)
            {
                _failures++;
                delay = RetryDelay(_failures);
                _nextAttempt = _time.GetUtcNow() + delay;
                _lastError = error = e is InvalidOperationException { InnerException: { } inner } ? inner.GetType().Name : e.GetType().Name;
                _fetch = null;
            }
            LogFetchFailed(_metadataUrl, error, Math.Round(delay.TotalSeconds, 1));
            return null;
        }
    }

    private TimeSpan RetryDelay(int failures)
    {
        var doubled = _firstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = doubled < MaximumRetryDelay ? doubled : MaximumRetryDelay;
        return capped * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    /// <summary>How long until the next fetch may start. Called under the lock.</summary>
    private TimeSpan RetryAfter()
    {
        var wait = _nextAttempt - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the OpenID signing keys from {MetadataUrl} ({Error}); next attempt in {Seconds} s")]
    private partial void LogFetchFailed(string metadataUrl, string error, double seconds);
}
