using CoachBot.Core.Analytics;

namespace CoachBot.Core.Conversation;

/// <summary>The outcome of one turn: the state to save, what to send, what to record.</summary>
public sealed record TurnResult(DialogState State, IReadOnlyList<Reply> Replies, IReadOnlyList<AnalyticsEvent> Events);
