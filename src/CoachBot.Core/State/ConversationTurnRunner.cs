using CoachBot.Core.Analytics;
using CoachBot.Core.Conversation;
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
/// each other. A store that cannot be read or written yields a "try again" answer and nothing is saved.
/// </summary>
public sealed partial class ConversationTurnRunner(
    Func<DialogState, Utterance, CancellationToken, Task<TurnResult>> turn,
    IConversationStateStore store,
    IAnalyticsSink analytics,
    TimeProvider timeProvider,
    ILogger<ConversationTurnRunner> logger,
    TurnRetryPolicy? retryPolicy = null)
{
    public static readonly TextReply BusyReply =
        new("I'm still working through another message in this conversation. Please send that again in a moment.");

    public static readonly TextReply UnavailableReply =
        new("I can't reach my notes right now, so nothing has changed. Please try again in a moment.");

    private readonly TurnRetryPolicy _retryPolicy = retryPolicy ?? TurnRetryPolicy.Default;

    /// <summary>
    /// The turn's result once its state is saved; otherwise a single <see cref="BusyReply"/> or
    /// <see cref="UnavailableReply"/> with no events, whose state was not saved.
    /// </summary>
    public async Task<TurnResult> RunAsync(ConversationKey key, Utterance utterance, CancellationToken cancellationToken = default)
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
                return Unanswered(DialogState.Empty, UnavailableReply);
            }

            var current = stored?.State ?? DialogState.Empty;
            var result = await turn(current, utterance, cancellationToken);

            bool saved;
            try
            {
                saved = await store.TrySaveAsync(key, result.State, stored?.Version ?? 0, cancellationToken);
            }
            catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
            {
                LogSaveFailed(key, exception);
                return Unanswered(current, UnavailableReply);
            }

            if (saved)
            {
                await RecordAsync(key, result.Events, cancellationToken);
                return result;
            }
            if (attempt >= _retryPolicy.MaxAttempts)
            {
                LogGaveUp(key, attempt);
                return Unanswered(current, BusyReply);
            }
            await Task.Delay(_retryPolicy.DelayAfter(attempt), timeProvider, cancellationToken);
        }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the state of conversation {Key}")]
    private partial void LogLoadFailed(ConversationKey key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save the state of conversation {Key}")]
    private partial void LogSaveFailed(ConversationKey key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on a turn in conversation {Key} after {Attempts} attempts lost to concurrent turns")]
    private partial void LogGaveUp(ConversationKey key, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} analytics events of conversation {Key}")]
    private partial void LogAnalyticsFailed(ConversationKey key, int count, Exception exception);
}
