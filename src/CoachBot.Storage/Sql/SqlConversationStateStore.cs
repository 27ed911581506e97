using CoachBot.Core.Conversation;
using CoachBot.Core.State;

namespace CoachBot.Storage.Sql;

/// <summary>
/// Conversation state in a SQL table. A save is one conditional statement: an insert that does nothing when the
/// row exists (first save), or an update guarded by the version read; no rows changed means another turn won.
/// </summary>
internal sealed class SqlConversationStateStore(StorageDatabase database, TimeProvider timeProvider) : IConversationStateStore
{
    private readonly string _insertSql =
        "INSERT INTO conversation_state (conversation_key, state_json, version, updated_at) " +
        $"VALUES (@key, {database.Dialect.JsonParameter("@state")}, 1, @now) ON CONFLICT (conversation_key) DO NOTHING;";

    private readonly string _updateSql =
        $"UPDATE conversation_state SET state_json = {database.Dialect.JsonParameter("@state")}, version = version + 1, updated_at = @now " +
        "WHERE conversation_key = @key AND version = @expected;";

    public async Task<StoredState?> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = StorageDatabase.Command(connection, null,
            "SELECT state_json, version FROM conversation_state WHERE conversation_key = @key;");
        StorageDatabase.AddParameter(command, "@key", key.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new StoredState(DialogStateJson.Deserialize(reader.GetString(0)), reader.GetInt64(1));
    }

    public async Task<bool> TrySaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var json = DialogStateJson.Serialize(state);
        await using var connection = await database.OpenAsync(cancellationToken);
        using var writing = await database.EnterWriteAsync(cancellationToken);
        await using var command = StorageDatabase.Command(connection, null, expectedVersion == 0 ? _insertSql : _updateSql);
        StorageDatabase.AddParameter(command, "@key", key.Value);
        StorageDatabase.AddParameter(command, "@state", json);
        StorageDatabase.AddParameter(command, "@now", database.Dialect.ToDbTime(timeProvider.GetUtcNow()));
        if (expectedVersion != 0)
        {
            StorageDatabase.AddParameter(command, "@expected", expectedVersion);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var writing = await database.EnterWriteAsync(cancellationToken);
        await using var command = StorageDatabase.Command(connection, null, "DELETE FROM conversation_state WHERE updated_at < @olderThan;");
        StorageDatabase.AddParameter(command, "@olderThan", database.Dialect.ToDbTime(olderThan));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = StorageDatabase.Command(connection, null, "SELECT COUNT(*) FROM schema_version;");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
