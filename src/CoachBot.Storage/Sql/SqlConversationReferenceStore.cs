using CoachBot.Core.State;

namespace CoachBot.Storage.Sql;

/// <summary>Conversation references in a SQL table keyed by channel and id.</summary>
internal sealed class SqlConversationReferenceStore(StorageDatabase database) : IConversationReferenceStore
{
    private readonly string _listSql =
        "SELECT channel, scope, id, display_name, reference_json, updated_at FROM conversation_reference " +
        $"WHERE channel = @channel AND scope = @scope ORDER BY {database.Dialect.OrdinalOrder("display_name")}, {database.Dialect.OrdinalOrder("id")};";

    public async Task UpsertAsync(ConversationReferenceRecord reference, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var writing = await database.EnterWriteAsync(cancellationToken);
        await using var command = StorageDatabase.Command(connection, null,
            "INSERT INTO conversation_reference (channel, id, scope, display_name, reference_json, updated_at) " +
            "VALUES (@channel, @id, @scope, @displayName, @referenceJson, @updatedAt) " +
            "ON CONFLICT (channel, id) DO UPDATE SET scope = excluded.scope, display_name = excluded.display_name, " +
            "reference_json = excluded.reference_json, updated_at = excluded.updated_at;");
        StorageDatabase.AddParameter(command, "@channel", reference.Channel);
        StorageDatabase.AddParameter(command, "@id", reference.Id);
        StorageDatabase.AddParameter(command, "@scope", reference.Scope);
        StorageDatabase.AddParameter(command, "@displayName", reference.DisplayName);
        StorageDatabase.AddParameter(command, "@referenceJson", reference.ReferenceJson);
        StorageDatabase.AddParameter(command, "@updatedAt", database.Dialect.ToDbTime(reference.UpdatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationReferenceRecord>> ListAsync(string channel, string scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = StorageDatabase.Command(connection, null, _listSql);
        StorageDatabase.AddParameter(command, "@channel", channel);
        StorageDatabase.AddParameter(command, "@scope", scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var references = new List<ConversationReferenceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            references.Add(new ConversationReferenceRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                database.Dialect.ReadTime(reader, 5)));
        }
        return references;
    }

    public async Task RemoveAsync(string channel, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var writing = await database.EnterWriteAsync(cancellationToken);
        await using var command = StorageDatabase.Command(connection, null, "DELETE FROM conversation_reference WHERE channel = @channel AND id = @id;");
        StorageDatabase.AddParameter(command, "@channel", channel);
        StorageDatabase.AddParameter(command, "@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
