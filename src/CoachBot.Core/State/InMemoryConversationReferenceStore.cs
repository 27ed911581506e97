namespace CoachBot.Core.State;

/// <summary>Conversation references kept in process memory: for tests and for running without a database. Thread-safe.</summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, string Id), ConversationReferenceRecord> _references = [];

    public Task UpsertAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _references[(reference.Channel, reference.Id)] = reference;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationReferenceRecord>> ListAsync(string channel, string scope, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ConversationReferenceRecord> matching = _references.Values
                .Where(r => r.Channel == channel && r.Scope == scope)
                .OrderBy(r => r.DisplayName, StringComparer.Ordinal)
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(matching);
        }
    }

    public Task RemoveAsync(string channel, string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _references.Remove((channel, id));
        }
        return Task.CompletedTask;
    }
}
