using Microsoft.Extensions.Caching.Memory;

namespace CoachBot.Slack.Inbound;

/// <summary>
/// Remembers recent event ids so Slack's retries (sent when an ack was slow or lost, also in Socket Mode) are handled
/// once. Bounded in count and time: Slack retries within minutes, so an hour's memory is ample.
/// </summary>
public sealed class EventDeduplicator : IDisposable
{
    public const int MaxRemembered = 50_000;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly MemoryCache _seen;
    private readonly Lock _gate = new();

    public EventDeduplicator(TimeProvider time)
    {
        _seen = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxRemembered, Clock = new TimeProviderClock(time) });
    }

    /// <summary>True the first time an event id is seen within the window; false for a repeat.</summary>
    public bool TryRegister(string eventId)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue(eventId, out _)) return false;
            _seen.Set(eventId, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Window });
            return true;
        }
    }

    public void Dispose() => _seen.Dispose();

#pragma warning disable CS0618 // ISystemClock is the only clock MemoryCache accepts.
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}
