using System.Text.Json.Serialization;

namespace CoachBot.Core.Conversation;

/// <summary>
/// Everything the coach remembers about one conversation between turns. A plain serialisable record:
/// storage writes it as JSON and adds its own version for optimistic concurrency.
/// </summary>
public sealed record DialogState
{
    public static readonly DialogState Empty = new();

    /// <summary>The running dialog ("qualify"), or null when idle.</summary>
    public string? DialogId { get; init; }
    /// <summary>The dialog step waiting for an answer; null when idle.</summary>
    public string? StepId { get; init; }
    /// <summary>Answers so far: step id -> choice value.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();
    /// <summary>Answers that came from the classifier rather than from the seller (shown as "understood").</summary>
    public IReadOnlyList<string> InferredAnswers { get; init; } = [];
    /// <summary>Steps answered, in order, so "back" can undo the last one.</summary>
    public IReadOnlyList<string> History { get; init; } = [];
    /// <summary>Failed tries at the current step.</summary>
    public int Retries { get; init; }
    /// <summary>The buyer's own words, when the seller started from them.</summary>
    public string? BuyerWords { get; init; }
    /// <summary>True while the coach has asked for the account name of a deal summary (a side question: the dialog step stays).</summary>
    public bool AwaitingAccount { get; init; }
    /// <summary>The account the deal summary is for, once known.</summary>
    public string? AccountName { get; init; }
    /// <summary>The last recommendation given, so card actions and "post summary" can refer to it.</summary>
    public string? LastRecommendation { get; init; }
    /// <summary>When the seller last spoke; stale dialogs expire.</summary>
    public DateTimeOffset? LastActivity { get; init; }

    [JsonIgnore]
    public bool IsIdle => DialogId is null && !AwaitingAccount;
}
