using System.Threading.RateLimiting;
using CoachBot.BotFramework.Hosting;
using CoachBot.Slack;
using Microsoft.Extensions.Options;

namespace CoachBot.Server;

/// <summary>The "Limits" section: how many turns each channel endpoint runs at once before it sheds load.</summary>
public sealed class TurnLimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>
    /// Authenticated requests each channel endpoint handles at once. A Teams turn mostly waits for the store and the
    /// connector: a 2-core instance runs about 2,000 turns/s against a connector answering in 50 ms, which takes
    /// some 100-300 turns in flight (bench/load-shedding/run.sh); fewer places would refuse turns it could serve.
    /// </summary>
    public int MaxConcurrentTurns { get; set; } = 256;

    /// <summary>Requests that may wait for a place beyond that; the rest get 503 at once.</summary>
    public int QueuedTurns { get; set; } = 256;

    /// <summary>The longest a request waits for a place before it gets 503: well inside Slack's 3 seconds to acknowledge.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Load shedding for the channel endpoints: each gets a concurrency limiter (System.Threading.RateLimiting's, with a
/// deadline on its queue), registered under the key the endpoint looks it up by. The endpoint takes a place once the
/// caller is authenticated (a valid token, a valid Slack signature) and holds it for the turn; with none free in time
/// it answers 503 with Retry-After. Taking it any earlier, as rate-limiting middleware on the route would, lets
/// unauthenticated requests hold the places: a Slack body must be read whole before its signature can be checked, so
/// a few dozen connections trickling bodies would shut Slack out. Health endpoints are not limited.
/// </summary>
public static class TurnLimits
{
    public static IServiceCollection AddTurnLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TurnLimitOptions>()
            .Bind(configuration.GetSection(TurnLimitOptions.SectionName))
            .Validate(o => o.MaxConcurrentTurns >= 1 && o.QueuedTurns >= 0 && o.MaxQueueWait >= TimeSpan.Zero,
                "Limits:MaxConcurrentTurns must be at least 1, Limits:QueuedTurns and Limits:MaxQueueWait not negative.")
            .ValidateOnStart();
        // One limiter per endpoint: a Teams turn stuck on a slow connector must not hold up Slack's acknowledgements,
        // nor a seller typing fast on the phrase finder page either of them.
        foreach (var key in new[] { BotFrameworkEndpoints.TurnLimiterKey, SlackEndpointRouteBuilderExtensions.TurnLimiterKey, CoachPage.CoachPageEndpoints.LimiterKey })
            services.AddKeyedSingleton<RateLimiter>(key, (sp, _) => Create(sp.GetRequiredService<IOptions<TurnLimitOptions>>().Value));
        return services;
    }

    private static RateLimiter Create(TurnLimitOptions limits) => new DeadlineConcurrencyLimiter(
        new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxConcurrentTurns,
            QueueLimit = limits.QueuedTurns,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        },
        limits.MaxQueueWait);

    /// <summary>
    /// A <see cref="ConcurrencyLimiter"/> whose queue has a deadline (the built-in one waits for as long as the
    /// request lasts): a request that has not got a place within <paramref name="maxWait"/> is refused.
    /// </summary>
    private sealed class DeadlineConcurrencyLimiter(ConcurrencyLimiterOptions options, TimeSpan maxWait) : RateLimiter
    {
        private readonly ConcurrencyLimiter _inner = new(options);

        public override TimeSpan? IdleDuration => _inner.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            // A free place (the usual case) is taken without arming a timer; the queue keeps its order.
            var lease = _inner.AttemptAcquire(permitCount);
            if (lease.IsAcquired) return lease;
            lease.Dispose();

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(maxWait);
            try
            {
                return await _inner.AcquireAsync(permitCount, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return RefusedLease.Instance;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        protected override ValueTask DisposeAsyncCore() => _inner.DisposeAsync();
    }

    private sealed class RefusedLease : RateLimitLease
    {
        public static readonly RefusedLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
