using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoachBot.Core.Analytics;

namespace CoachBot.Core.Diagnostics;

/// <summary>
/// The coach's traces and metrics, in .NET's own instrumentation types so Core needs no exporter: a host that wants
/// them listens to <see cref="Name"/> (OpenTelemetry's AddSource/AddMeter), and they cost next to nothing when
/// nobody listens.
/// </summary>
public static class CoachBotTelemetry
{
    /// <summary>The name of both the activity source and the meter.</summary>
    public const string Name = "CoachBot";

    /// <summary>Spans: one per turn ("coachbot.turn"), one per outbound call a channel makes.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);
}

/// <summary>
/// The coach's counters. One instance per host (from its <see cref="IMeterFactory"/>, so tests can read their own);
/// every channel records through the same instruments, told apart by the "channel" tag.
/// </summary>
public sealed class CoachBotMetrics
{
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _authRejections;
    private readonly Counter<long> _storeRetries;
    private readonly Counter<long> _slowSlackAcks;

    public CoachBotMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(CoachBotTelemetry.Name);
        _turns = meter.CreateCounter<long>("coachbot.turns", "{turn}",
            "Turns run, by channel and outcome: answered, busy (lost to concurrent turns), unavailable (store down), failed (the turn threw).");
        _turnDuration = meter.CreateHistogram<double>("coachbot.turn.duration", "s",
            "Time from a message reaching the coach to its answer being saved, by channel.");
        _lookups = meter.CreateCounter<long>("coachbot.lookups", "{lookup}",
            "Phrase look-ups, by channel and result: match or no_match (the no-match rate is no_match over all).");
        _authRejections = meter.CreateCounter<long>("coachbot.auth.rejections", "{request}",
            "Requests refused before any turn ran, by channel and reason.");
        _storeRetries = meter.CreateCounter<long>("coachbot.store.retries", "{attempt}",
            "Turns run again because another turn in the same conversation saved first.");
        _slowSlackAcks = meter.CreateCounter<long>("coachbot.slack.slow_acks", "{request}",
            "Slack requests acknowledged after 2.5 s, close to Slack's 3 s limit.");
    }

    /// <summary>A host without a meter factory of its own (the terminal chat, tests).</summary>
    public static CoachBotMetrics Unobserved { get; } = new(new UnobservedMeterFactory());

    public void TurnCompleted(string channel, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "channel", channel }, { "outcome", outcome } };
        _turns.Add(1, tags);
        _turnDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("channel", channel));
    }

    /// <summary>Counts the look-ups among a turn's analytics events (the same events the reports read).</summary>
    public void LookupsRecorded(string channel, IReadOnlyList<AnalyticsEvent> events)
    {
        foreach (var e in events)
        {
            var result = e.Kind switch { AnalyticsKind.Lookup => "match", AnalyticsKind.NoMatchLookup => "no_match", _ => null };
            if (result is not null) _lookups.Add(e.Occurrences, new TagList { { "channel", channel }, { "result", result } });
        }
    }

    public void AuthRejected(string channel, string reason) =>
        _authRejections.Add(1, new TagList { { "channel", channel }, { "reason", reason } });

    public void StoreRetried(string channel) => _storeRetries.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void SlowSlackAck() => _slowSlackAcks.Add(1);

    /// <summary>Meters nobody is told about: instruments record into nothing unless a listener finds them by name.</summary>
    private sealed class UnobservedMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);
        public void Dispose() { }
    }
}
