using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CoachBot.Storage.Sql;

/// <summary>SQLite: one file, WAL journal (readers never wait for the writer), times as Unix milliseconds.</summary>
internal sealed class SqliteDialect(string path) : SqlDialect
{
    /// <summary>How long a statement waits for another process's write lock before failing.</summary>
    private const int BusyTimeoutMilliseconds = 10_000;

    private static readonly string[] Schema =
    [
        """
        CREATE TABLE conversation_state (
            conversation_key TEXT NOT NULL PRIMARY KEY,
            state_json TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX ix_conversation_state_updated_at ON conversation_state (updated_at);
        CREATE TABLE conversation_reference (
            channel TEXT NOT NULL,
            id TEXT NOT NULL,
            scope TEXT NOT NULL,
            display_name TEXT NOT NULL,
            reference_json TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (channel, id)
        );
        CREATE INDEX ix_conversation_reference_scope ON conversation_reference (channel, scope);
        CREATE TABLE analytics_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            subject_key TEXT NOT NULL,
            detail TEXT NULL,
            occurred_at INTEGER NOT NULL
        );
        CREATE INDEX ix_analytics_event_kind_time ON analytics_event (kind, occurred_at);
        """,
        // A row may stand for several identical events folded together; rows written before count once.
        """
        ALTER TABLE analytics_event ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1;
        """,
    ];

    public override string Description => $"SQLite at {path}";

    public override IReadOnlyList<string> Migrations => Schema;

    public override bool HasSingleWriter => true;

    public override DbDataSource CreateDataSource() =>
        SqliteFactory.Instance.CreateDataSource(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString());

    public override async Task PrepareDatabaseAsync(DbDataSource dataSource, CancellationToken cancellationToken)
    {
        // SQLite creates the file on first open, but not the folders above it.
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // WAL is a property of the file: set once, it stays for every later connection.
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
    }

    public override Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken);

    // The migration transaction is BEGIN IMMEDIATE, which already takes the write lock.
    public override string? MigrationLockSql => null;

    public override string? AnalyticsBatchInsertSql => null;

    public override string JsonParameter(string parameterName) => parameterName;

    public override string OrdinalOrder(string column) => column;

    public override object ToDbTime(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
