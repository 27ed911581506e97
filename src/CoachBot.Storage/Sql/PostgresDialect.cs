using System.Data.Common;
using Npgsql;

namespace CoachBot.Storage.Sql;

/// <summary>PostgreSQL: state as jsonb, times as timestamptz; shared by every instance behind a load balancer.</summary>
internal sealed class PostgresDialect(string connectionString) : SqlDialect
{
    /// <summary>An arbitrary constant naming CoachBot's migration lock among the server's advisory locks.</summary>
    private const long MigrationLockId = 0x436F616368426F74; // "CoachBot"

    private static readonly string[] Schema =
    [
        """
        CREATE TABLE conversation_state (
            conversation_key text NOT NULL PRIMARY KEY,
            state_json jsonb NOT NULL,
            version bigint NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE INDEX ix_conversation_state_updated_at ON conversation_state (updated_at);
        CREATE TABLE conversation_reference (
            channel text NOT NULL,
            id text NOT NULL,
            scope text NOT NULL,
            display_name text NOT NULL,
            reference_json text NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (channel, id)
        );
        CREATE INDEX ix_conversation_reference_scope ON conversation_reference (channel, scope);
        CREATE TABLE analytics_event (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind text NOT NULL,
            subject text NOT NULL,
            subject_key text NOT NULL,
            detail text NULL,
            occurred_at timestamptz NOT NULL
        );
        CREATE INDEX ix_analytics_event_kind_time ON analytics_event (kind, occurred_at);
        """,
        // A row may stand for several identical events folded together; rows written before count once. With a
        // constant default PostgreSQL adds the column without rewriting the table, however many rows it holds.
        """
        ALTER TABLE analytics_event ADD COLUMN occurrences integer NOT NULL DEFAULT 1;
        """,
    ];

    private readonly NpgsqlConnectionStringBuilder _settings = Parse(connectionString);

    public override string Description => $"PostgreSQL at {_settings.Host}:{_settings.Port}/{_settings.Database}";

    public override IReadOnlyList<string> Migrations => Schema;

    public override bool HasSingleWriter => false;

    public override DbDataSource CreateDataSource() => NpgsqlDataSource.Create(_settings);

    public override Task PrepareDatabaseAsync(DbDataSource dataSource, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public override string? MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockId});";

    // One statement per event would be one round trip per event: ten times slower for a batch of a thousand.
    public override string? AnalyticsBatchInsertSql =>
        "INSERT INTO analytics_event (kind, subject, subject_key, detail, occurred_at, occurrences) " +
        "SELECT * FROM unnest(CAST(@kinds AS text[]), CAST(@subjects AS text[]), CAST(@subjectKeys AS text[]), " +
        "CAST(@details AS text[]), CAST(@occurredAt AS timestamptz[]), CAST(@occurrences AS integer[]));";

    public override string JsonParameter(string parameterName) => $"CAST({parameterName} AS jsonb)";

    public override string OrdinalOrder(string column) => $"{column} COLLATE \"C\"";

    public override object ToDbTime(DateTimeOffset time) => time.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            // The message names the bad keyword, never the value, so the password cannot leak into logs.
            throw new StorageConfigurationException(
                $"ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {exception.Message}", exception);
        }
    }
}
