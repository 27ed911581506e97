using CoachBot.Core.Conversation;

namespace CoachBot.Core.State;

/// <summary>Identifies one conversation across channels: "teams:{conversationId}", "slack:{team}:{channel}:{thread}".</summary>
public readonly record struct ConversationKey(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A dialog state as stored, with the version it was read at (for optimistic concurrency).</summary>
public sealed record StoredState(DialogState State, long Version);

/// <summary>
/// Durable conversation state. Saves are conditional: <see cref="TrySaveAsync"/> returns false when the stored
/// version is no longer <paramref name="expectedVersion"/> (another turn won), and the caller re-runs the turn.
/// </summary>
public interface IConversationStateStore
{
    /// <summary>The stored state, or null when the conversation has none (version 0 for a first save).</summary>
    Task<StoredState?> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default);

    /// <summary>Saves when the stored version equals <paramref name="expectedVersion"/> (0 = not stored yet).</summary>
    Task<bool> TrySaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes states whose last save is older than <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);

    /// <summary>True when the store can be reached (for /readyz).</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Where the bot can post later without being spoken to (a Teams channel, a Slack channel): stored when the bot is
/// added, read when a seller posts a deal summary. The reference itself is channel-specific JSON.
/// </summary>
public sealed record ConversationReferenceRecord(string Channel, string Scope, string Id, string DisplayName, string ReferenceJson, DateTimeOffset UpdatedAt);

public interface IConversationReferenceStore
{
    /// <summary>Adds the reference, or replaces the one with the same channel and id.</summary>
    Task UpsertAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken = default);
    /// <summary>
    /// References of one channel kind ("teams", "slack") within a scope (a Teams tenant, a Slack team),
    /// ordered by display name, then id (ordinal).
    /// </summary>
    Task<IReadOnlyList<ConversationReferenceRecord>> ListAsync(string channel, string scope, CancellationToken cancellationToken = default);
    Task RemoveAsync(string channel, string id, CancellationToken cancellationToken = default);
}
