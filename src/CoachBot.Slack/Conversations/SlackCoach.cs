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
public sealed partial class SlackCoach(Coach coach, ConversationTurnRunner runner, IAnalyticsSink analytics, ILogger<SlackCoach> logger)
{
    public Coach Coach => coach;

    /// <summary>The one turn pipeline every channel shares (AddCoachBotCore).</summary>
    public ConversationTurnRunner Runner => runner;

    public Task<TurnResult> RunAsync(ConversationKey key, Utterance utterance, CancellationToken cancellationToken) =>
        runner.RunAsync(key, utterance, cancellationToken);

    /// <summary>A turn that neither reads nor changes a conversation; its analytics are still recorded.</summary>
    public async Task<TurnResult> RunStatelessAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        var result = await coach.TurnAsync(DialogState.Empty, utterance, cancellationToken);
        if (result.Events.Count > 0)
        {
            try { await analytics.RecordAsync(result.Events, cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogAnalyticsFailed(ex); }
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the analytics of a stateless Slack answer")]
    private partial void LogAnalyticsFailed(Exception exception);
}
