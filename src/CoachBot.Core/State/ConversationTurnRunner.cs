using System.Diagnostics;
using CoachBot.Core.Analytics;
using CoachBot.Core.Conversation;
using CoachBot.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CoachBot.Core.State;

/// <summary>
/// How often a turn is re-run when another turn in the same conversation saved first, and how long to wait
/// between runs. The wait doubles from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>, and a random part
/// of it is taken so that turns which collided once do not collide again.
/// </summary>
public sealed record TurnRetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static TurnRetryPolicy Default { get; } = new(10, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(500));

    internal TimeSpan DelayAfter(int failedAttempt)
    {
        var ceiling = Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(failedAttempt - 1, 30));
        return TimeSpan.FromTicks(Random.Shared.NextInt64(ceiling + 1));
    }
}

/// <summary>
/// Runs one turn against stored state: load, run the coach, save with the version read. When another turn in the
/// same conversation saved first, the turn is re-run on the fresh state, so simultaneous messages never overwrite
/// each other. A store that cannot be read or written yields a "try again" answer and nothing is saved. A turn that
/// throws (a bug, or state the coach cannot handle) is answered with an apology and a reference, and that
/// conversation's dialog is reset, so the same message cannot fail the same way on every turn.
/// </summary>
public sealed partial class ConversationTurnRunner(
    Func<DialogState, Utterance, CancellationToken, Task<TurnResult>> turn,
    IConversationStateStore store,
    IAnalyticsSink analytics,
    TimeProvider timeProvider,
    ILogger<ConversationTurnRunner> logger,
    TurnRetryPolicy? retryPolicy = null,
    CoachBotMetrics? metrics = null)
{
    public static readonly TextReply BusyReply =
        new("I'm still working through another message in this conversation. Please send that again in a moment.");

    public static readonly TextReply UnavailableReply =
        new("I can't reach my notes right now, so nothing has changed. Please try again in a moment.");

    private readonly TurnRetryPolicy _retryPolicy = retryPolicy ?? TurnRetryPolicy.Default;
    private readonly CoachBotMetrics _metrics = metrics ?? CoachBotMetrics.Unobserved;

    /// <summary>What the seller is told when a turn throws; {0} is the reference that finds the error in the log.</summary>
    public const string FailedReplyFormat =
        "Sorry, something went wrong on my side and I couldn't answer that. I've cleared the questions in progress " +
        "so it doesn't happen again: say \u201cqualify\u201d to start them over. If you report this, quote reference {0}.";

    /// <summary>
    /// The turn's result once its state is saved; otherwise a single <see cref="BusyReply"/> or
    /// <see cref="UnavailableReply"/> with no events, whose state was not saved, or a single apology (see
    /// <see cref="FailedReplyFormat"/>) when the turn threw, whose state is the reset dialog.
    /// </summary>
    public async Task<TurnResult> RunAsync(ConversationKey key, Utterance utterance, CancellationToken cancellationToken = default)
    {
        var channel = ChannelOf(key);
        using var activity = CoachBotTelemetry.ActivitySource.StartActivity("coachbot.turn");
        activity?.SetTag("coachbot.channel", channel);
        var started = timeProvider.GetTimestamp();
        var (result, outcome) = await RunAttemptsAsync(key, channel, utterance, cancellationToken);
        activity?.SetTag("coachbot.outcome", outcome);
        if (outcome != Outcomes.Answered) activity?.SetStatus(ActivityStatusCode.Error, outcome);
        _metrics.TurnCompleted(channel, outcome, timeProvider.GetElapsedTime(started));
        _metrics.LookupsRecorded(channel, result.Events);
        return result;
    }

    private async Task<(TurnResult Result, string Outcome)> RunAttemptsAsync(
        ConversationKey key, string channel, Utterance utterance, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            StoredState? stored;
            try
            {
                stored = await store.LoadAsync(key, cancellationToken);
            }
            catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
            {
                LogLoadFailed(key, exception);
                return (Unanswered(DialogState.Empty, UnavailableReply), Outcomes.Unavailable);
            }

            var current = stored?.State ?? DialogState.Empty;
            TurnResult result;
            try
            {
                result = await turn(current, utterance, cancellationToken);
            }
            catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
            {
                return (await FailedAsync(key, stored, exception, cancellationToken), Outcomes.Failed);
            }

            bool saved;
            try
            {
                saved = await store.TrySaveAsync(key, result.State, stored?.Version ?? 0, cancellationToken);
            }
            catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
            {
                LogSaveFailed(key, exception);
                return (Unanswered(current, UnavailableReply), Outcomes.Unavailable);
            }

            if (saved)
            {
                await RecordAsync(key, result.Events, cancellationToken);
                return (result, Outcomes.Answered);
            }
            if (attempt >= _retryPolicy.MaxAttempts)
            {
                LogGaveUp(key, attempt);
                return (Unanswered(current, BusyReply), Outcomes.Busy);
            }
            _metrics.StoreRetried(channel);
            await Task.Delay(_retryPolicy.DelayAfter(attempt), timeProvider, cancellationToken);
        }
    }

    /// <summary>
    /// The error goes to the log under a reference the seller is given; the conversation's dialog is reset (a saved
    /// state the coach cannot handle would otherwise fail every turn until it expired). Only a reset that fits the
    /// version read is saved: a turn that saved meanwhile has moved the conversation on already.
    /// </summary>
    private async Task<TurnResult> FailedAsync(ConversationKey key, StoredState? stored, Exception exception, CancellationToken cancellationToken)
    {
        var reference = Activity.Current?.TraceId.ToHexString()[..12] ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..12];
        LogTurnFailed(key, reference, exception);
        var reset = DialogState.Empty with { LastActivity = timeProvider.GetUtcNow() };
        try
        {
            await store.TrySaveAsync(key, reset, stored?.Version ?? 0, cancellationToken);
        }
        catch (Exception saveException) when (!IsCancellation(saveException, cancellationToken))
        {
            LogSaveFailed(key, saveException);
        }
        return Unanswered(reset, new TextReply(string.Format(System.Globalization.CultureInfo.InvariantCulture, FailedReplyFormat, reference)));
    }

    // Keys start with their channel ("teams:", "slack:", "cli:"). A Bot Framework channel id comes from the sender,
    // so only known names become a metric tag: anything else would let a client grow the metric without bound.
    private static readonly string[] KnownChannels = ["teams", "slack", "cli", "webchat", "directline", "emulator", "test"];

    private static string ChannelOf(ConversationKey key)
    {
        var colon = key.Value.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? key.Value[..colon] : "";
        return Array.IndexOf(KnownChannels, prefix) >= 0 ? prefix : "other";
    }

    private static class Outcomes
    {
        public const string Answered = "answered";
        public const string Busy = "busy";
        public const string Unavailable = "unavailable";
        public const string Failed = "failed";
    }

    private async Task RecordAsync(ConversationKey key, IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        try
        {
            await analytics.RecordAsync(events, cancellationToken);
        }
        catch (Exception exception)
        {
            // The seller's turn is already saved; losing a few analytics rows must not turn it into an error.
            LogAnalyticsFailed(key, events.Count, exception);
        }
    }

    private static TurnResult Unanswered(DialogState state, TextReply reply) => new(state, [reply], []);

    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn failed in conversation {Key}; reference {Reference}; its dialog was reset")]
    private partial void LogTurnFailed(ConversationKey key, string reference, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the state of conversation {Key}")]
    private partial void LogLoadFailed(ConversationKey key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save the state of conversation {Key}")]
    private partial void LogSaveFailed(ConversationKey key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on a turn in conversation {Key} after {Attempts} attempts lost to concurrent turns")]
    private partial void LogGaveUp(ConversationKey key, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} analytics events of conversation {Key}")]
    private partial void LogAnalyticsFailed(ConversationKey key, int count, Exception exception);
}
