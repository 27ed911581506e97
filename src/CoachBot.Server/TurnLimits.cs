using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CoachBot.Server;

/// <summary>The "Limits" section: how many turns each channel endpoint runs at once before it sheds load.</summary>
public sealed class TurnLimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>Requests each channel endpoint handles at once. A turn is mostly waiting (store, connector), so a 2-core instance keeps up with 64.</summary>
    public int MaxConcurrentTurns { get; set; } = 64;

    /// <summary>Requests that may wait for a place beyond that; the rest get 503 at once.</summary>
    public int QueuedTurns { get; set; } = 64;

    /// <summary>The longest a request waits for a place before it gets 503: well inside Slack's 3 seconds to acknowledge.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Load shedding for the channel endpoints, with ASP.NET Core's rate limiting: a concurrency limit per endpoint,
/// a short queue with a deadline, and 503 with Retry-After beyond them, so an overloaded instance refuses quickly
/// instead of letting every caller wait longer. Health endpoints are not limited.
/// </summary>
public static class TurnLimits
{
    public const string PolicyName = "channel-turns";

    public static IServiceCollection AddTurnLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TurnLimitOptions>()
            .Bind(configuration.GetSection(TurnLimitOptions.SectionName))
            .Validate(o => o.MaxConcurrentTurns >= 1 && o.QueuedTurns >= 0 && o.MaxQueueWait >= TimeSpan.Zero,
                "Limits:MaxConcurrentTurns must be at least 1, Limits:QueuedTurns and Limits:MaxQueueWait not negative.")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.AddPolicy<string, ChannelTurnPolicy>(PolicyName);
        });
        return services;
    }

    private sealed class ChannelTurnPolicy(IOptions<TurnLimitOptions> options) : IRateLimiterPolicy<string>
    {
        private readonly TurnLimitOptions _limits = options.Value;

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return ValueTask.CompletedTask;
        };

        // One limiter per endpoint: a stalled Teams turn (a slow connector) must not hold up Slack's acknowledgements.
        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.Get((httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "", _ => new DeadlineConcurrencyLimiter(
                new ConcurrencyLimiterOptions
                {
                    PermitLimit = _limits.MaxConcurrentTurns,
                    QueueLimit = _limits.QueuedTurns,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                },
                _limits.MaxQueueWait));
    }

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
