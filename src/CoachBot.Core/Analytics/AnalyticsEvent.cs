namespace CoachBot.Core.Analytics;

/// <summary>What happened in a turn, recorded so content gaps can be reported.</summary>
public sealed record AnalyticsEvent(AnalyticsKind Kind, string Subject, DateTimeOffset At, string? Detail = null);

public enum AnalyticsKind
{
    /// <summary>A phrase look-up that found something; Subject = query, Detail = top phrase id.</summary>
    Lookup,
    /// <summary>A phrase look-up that found nothing; Subject = query.</summary>
    NoMatchLookup,
    /// <summary>A recommendation given; Subject = recommendation id, Detail = rule id.</summary>
    Recommendation,
}

/// <summary>The port analytics events are written to. Storage implements it durably.</summary>
public interface IAnalyticsSink
{
    ValueTask RecordAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken = default);
}
