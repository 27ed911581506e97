using CoachBot.Core.Conversation;

namespace CoachBot.Core.State;

/// <summary>
/// Conversation state kept in process memory: for tests and for a single instance that may forget on restart.
/// Thread-safe; honours the same optimistic-concurrency contract as the durable stores.
/// </summary>
public sealed class InMemoryConversationStateStore(TimeProvider timeProvider) : IConversationStateStore
{
    private sealed record Entry(StoredState Stored, DateTimeOffset UpdatedAt);

    private readonly Lock _gate = new();
    private readonly Dictionary<ConversationKey, Entry> _entries = [];

    public Task<StoredState?> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue(key, out var entry) ? entry.Stored : null);
        }
    }

    public Task<bool> TrySaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var storedVersion = _entries.TryGetValue(key, out var entry) ? entry.Stored.Version : 0;
            if (storedVersion != expectedVersion)
            {
                return Task.FromResult(false);
            }
            _entries[key] = new Entry(new StoredState(state, expectedVersion + 1), timeProvider.GetUtcNow());
            return Task.FromResult(true);
        }
    }

    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var expired = _entries.Where(e => e.Value.UpdatedAt < olderThan).Select(e => e.Key).ToList();
            foreach (var key in expired)
            {
                _entries.Remove(key);
            }
            return Task.FromResult(expired.Count);
        }
    }

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
