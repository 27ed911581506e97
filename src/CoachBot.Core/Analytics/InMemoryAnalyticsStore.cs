namespace CoachBot.Core.Analytics;

/// <summary>Analytics kept in process memory: for tests and for running without a database. Thread-safe.</summary>
public sealed class InMemoryAnalyticsStore : IAnalyticsSink, IAnalyticsReader
{
    private readonly Lock _gate = new();
    private readonly List<AnalyticsEvent> _events = [];

    public ValueTask RecordAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _events.AddRange(events);
        }
        return ValueTask.CompletedTask;
    }

    public Task<IReadOnlyList<SubjectCount>> TopSubjectsAsync(
        IReadOnlyCollection<AnalyticsKind> kinds, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (_gate)
        {
            IReadOnlyList<SubjectCount> top = _events
                .Where(e => kinds.Contains(e.Kind) && e.At >= since)
                .GroupBy(e => AnalyticsSubject.Normalise(e.Subject), StringComparer.Ordinal)
                .Select(g => new SubjectCount(g.Key, g.Sum(e => e.Occurrences)))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Subject, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
            return Task.FromResult(top);
        }
    }
}
