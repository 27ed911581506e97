namespace CoachBot.Core.Analytics;

/// <summary>
/// What happened in a turn, recorded so content gaps can be reported. <paramref name="Occurrences"/> is how many
/// times it happened: a writer may fold identical events into one (see CoachBot.Storage's BufferedAnalyticsSink),
/// and every report counts it that many times.
/// </summary>
public sealed record AnalyticsEvent(AnalyticsKind Kind, string Subject, DateTimeOffset At, string? Detail = null, int Occurrences = 1)
{
    // Checked here, on construction and on `with`, rather than in each store: a count below one would silently
    // subtract from a report, and the buffered sink that sums counts must never meet one.
    private readonly int _occurrences = Positive(Occurrences);

    /// <summary>How many times this happened; at least 1.</summary>
    public int Occurrences
    {
        get => _occurrences;
        init => _occurrences = Positive(value);
    }

    private static int Positive(int occurrences)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(occurrences, nameof(Occurrences));
        return occurrences;
    }
}

public enum AnalyticsKind
{
    /// <summary>A phrase look-up that found something; Subject = query, Detail = top phrase id.</summary>
    Lookup,
    /// <summary>A phrase look-up that found nothing; Subject = query.</summary>
    NoMatchLookup,
    /// <summary>
    /// A recommendation given; Subject = recommendation id ("rag"), or both ids when a rule recommends two
    /// approaches together ("fine-tuning + rag"); Detail = rule id.
    /// </summary>
    Recommendation,
    /// <summary>
    /// What the buyer asked for, recorded beside the recommendation when the dialog knows it ("Train our own
    /// model"); Subject = the ask, Detail = the recommendation id it led to.
    /// </summary>
    BuyerAsk,
}

/// <summary>The port analytics events are written to. Storage implements it durably.</summary>
public interface IAnalyticsSink
{
    ValueTask RecordAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken = default);
}

/// <summary>How often one subject (a query, a recommendation id) was recorded: the sum of its events' occurrences.</summary>
public sealed record SubjectCount(string Subject, int Count);

/// <summary>The port reports read analytics from; implemented by every store that implements <see cref="IAnalyticsSink"/>.</summary>
public interface IAnalyticsReader
{
    /// <summary>
    /// The most recorded subjects among events of <paramref name="kinds"/> that happened at or after
    /// <paramref name="since"/>: at most <paramref name="limit"/>, most frequent first, ties in ordinal order.
    /// An event counts <see cref="AnalyticsEvent.Occurrences"/> times.
    /// Subjects are grouped by <see cref="AnalyticsSubject.Normalise"/>, so "VPN " and "vpn" count as one.
    /// </summary>
    Task<IReadOnlyList<SubjectCount>> TopSubjectsAsync(
        IReadOnlyCollection<AnalyticsKind> kinds, DateTimeOffset since, int limit, CancellationToken cancellationToken = default);
}

public static class AnalyticsSubject
{
    /// <summary>
    /// The form subjects are counted under: trimmed, inner whitespace collapsed to one space, lower case.
    /// Stores keep it beside the original so every store groups the same way.
    /// </summary>
    public static string Normalise(string subject) =>
        string.Join(' ', subject.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
