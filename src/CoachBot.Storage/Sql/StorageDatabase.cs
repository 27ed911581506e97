using System.Data.Common;
using System.Globalization;

namespace CoachBot.Storage.Sql;

/// <summary>
/// One SQL database holding CoachBot's tables. Hands out open connections, bringing the schema up to date before
/// the first one: a database that was unreachable at start-up is migrated as soon as it can be reached.
/// </summary>
internal sealed class StorageDatabase : IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly SemaphoreSlim? _writeGate;
    private volatile bool _schemaReady;

    public StorageDatabase(SqlDialect dialect)
    {
        Dialect = dialect;
        _dataSource = dialect.CreateDataSource();
        _writeGate = dialect.HasSingleWriter ? new SemaphoreSlim(1, 1) : null;
    }

    public SqlDialect Dialect { get; }

    /// <summary>An open connection to a database whose schema is current.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// Waits for this process's turn to write when the database takes one writer at a time; dispose to release.
    /// </summary>
    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        if (_writeGate is null)
        {
            return NoGate.Instance;
        }
        await _writeGate.WaitAsync(cancellationToken);
        return new GateRelease(_writeGate);
    }

    /// <summary>Applies the migrations the database has not seen yet. Safe to call any number of times, from any number of instances.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await Dialect.PrepareDatabaseAsync(_dataSource, cancellationToken);
                await MigrateAsync(cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _schemaGate.Dispose();
        _writeGate?.Dispose();
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // The default isolation: BEGIN IMMEDIATE on SQLite (takes the write lock), READ COMMITTED on PostgreSQL, where
        // each statement after the advisory lock then sees what an instance that migrated meanwhile committed.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (Dialect.MigrationLockSql is { } lockSql)
        {
            await ExecuteAsync(connection, transaction, lockSql, cancellationToken);
        }
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);",
            cancellationToken);

        int current;
        await using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version;"))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        if (current > Dialect.Migrations.Count)
        {
            throw new InvalidOperationException(
                $"{Dialect.Description} has schema version {current}, newer than this CoachBot knows ({Dialect.Migrations.Count}). " +
                "Upgrade CoachBot, or point it at another database.");
        }
        for (var version = current + 1; version <= Dialect.Migrations.Count; version++)
        {
            await ExecuteAsync(connection, transaction, Dialect.Migrations[version - 1], cancellationToken);
            await using var record = Command(connection, transaction,
                "INSERT INTO schema_version (version, applied_at) VALUES (@version, @appliedAt);");
            AddParameter(record, "@version", version);
            AddParameter(record, "@appliedAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await Dialect.PrepareConnectionAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
