using CoachBot.Core.Conversation;
using CoachBot.Core.State;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>
/// An in-memory state store whose loads for one conversation wait until <see cref="Release"/>: a turn that takes as
/// long as the test wants, holding whatever the server holds for a turn.
/// </summary>
public sealed class BlockingStateStore(string blockedConversationSuffix) : IConversationStateStore
{
    private readonly InMemoryConversationStateStore _inner = new(TimeProvider.System);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a blocked load has started.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    public async Task<StoredState?> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default)
    {
        if (key.Value.EndsWith(blockedConversationSuffix, StringComparison.Ordinal))
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
        return await _inner.LoadAsync(key, cancellationToken);
    }

    public Task<bool> TrySaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        _inner.TrySaveAsync(key, state, expectedVersion, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) => _inner.PurgeAsync(olderThan, cancellationToken);

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => _inner.IsHealthyAsync(cancellationToken);
}
