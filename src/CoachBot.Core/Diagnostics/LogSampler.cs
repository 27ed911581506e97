namespace CoachBot.Core.Diagnostics;

/// <summary>
/// Lets the first few lines of one kind through in each interval and counts the rest, so a flood (of bad requests,
/// say) writes a handful of lines and a count per interval instead of one line per event.
/// </summary>
public sealed class LogSampler(TimeProvider time, int linesPerInterval = 5, TimeSpan? interval = null)
{
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private DateTimeOffset _intervalStart = DateTimeOffset.MinValue;
    private int _written;
    private long _suppressed;

    /// <summary>
    /// True when this line may be written. <paramref name="suppressedBefore"/> is the number of lines held back in
    /// the previous interval and not reported yet: the caller writes that count first (it is reported once).
    /// </summary>
    public bool ShouldLog(out long suppressedBefore)
    {
        lock (_gate)
        {
            suppressedBefore = 0;
            var now = time.GetUtcNow();
            if (now - _intervalStart >= _interval)
            {
                _intervalStart = now;
                _written = 0;
                suppressedBefore = _suppressed;
                _suppressed = 0;
            }
            if (_written < linesPerInterval)
            {
                _written++;
                return true;
            }
            _suppressed++;
            return false;
        }
    }
}
