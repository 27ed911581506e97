using CoachBot.Core;
using CoachBot.Core.Analytics;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using Microsoft.Extensions.Logging;

namespace CoachBot.Slack.Conversations;

/// <summary>
/// The coach as Slack uses it: dialog turns run against stored state through the turn runner (optimistic retries),
/// and stateless answers (help, a phrase look-up, the prep brief) run on an empty state so they can be answered
/// inside Slack's 3 s acknowledgement without touching storage.
/// </summary>
public sealed partial class SlackCoach
{
    /// <summary>Action key a deal-summary request carries when the Slack modal supplied the account name.</summary>
    public const string AccountNameKey = "accountName";

    private readonly Coach _coach;
    private readonly ConversationTurnRunner _runner;
    private readonly IAnalyticsSink _analytics;
    private readonly ILogger<SlackCoach> _logger;

    public SlackCoach(Coach coach, IConversationStateStore store, IAnalyticsSink analytics, TimeProvider time, ILoggerFactory loggers)
    {
        _coach = coach;
        _analytics = analytics;
        _logger = loggers.CreateLogger<SlackCoach>();
        _runner = new ConversationTurnRunner(Turn, store, analytics, time, loggers.CreateLogger<ConversationTurnRunner>());
    }

    public Coach Coach => _coach;

    public Task<TurnResult> RunAsync(ConversationKey key, Utterance utterance, CancellationToken cancellationToken) =>
        _runner.RunAsync(key, utterance, cancellationToken);

    /// <summary>A turn that neither reads nor changes a conversation; its analytics are still recorded.</summary>
    public async Task<TurnResult> RunStatelessAsync(string text, CancellationToken cancellationToken)
    {
        var result = await _coach.TurnAsync(DialogState.Empty, Utterance.FromText(text), cancellationToken);
        if (result.Events.Count > 0)
        {
            try { await _analytics.RecordAsync(result.Events, cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogAnalyticsFailed(ex); }
        }
        return result;
    }

    /// <summary>
    /// In Slack the account name of a deal summary comes from the modal together with the request, not as a
    /// follow-up answer; it is put into the state so the coach emits the summary in the same turn.
    /// </summary>
    private Task<TurnResult> Turn(DialogState state, Utterance utterance, CancellationToken cancellationToken) =>
        utterance.Action is { } action && action.TryGetValue(AccountNameKey, out var account)
            ? _coach.TurnAsync(state with { AccountName = account, AwaitingAccount = false }, utterance, cancellationToken)
            : _coach.TurnAsync(state, utterance, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the analytics of a stateless Slack answer")]
    private partial void LogAnalyticsFailed(Exception exception);
}
