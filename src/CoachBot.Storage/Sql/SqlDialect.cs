using System.Data.Common;

namespace CoachBot.Storage.Sql;

/// <summary>
/// What differs between the SQL databases the stores run on. The stores' statements are written once in the
/// SQL both databases accept; this supplies the schema, the value conversions and the few expressions that differ.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The dialect of the SQL provider the options choose.</summary>
    public static SqlDialect For(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Sqlite => new SqliteDialect(options.SqlitePath),
        StorageProvider.Postgres => new PostgresDialect(options.PostgresConnectionString
            ?? throw new StorageConfigurationException("PostgreSQL storage needs ConnectionStrings:Postgres.")),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Not a SQL provider."),
    };

    /// <summary>"SQLite at /path" or "PostgreSQL at host:port/database": for logs, so it never includes a password.</summary>
    public abstract string Description { get; }

    /// <summary>The schema as ordered migrations: migration i (from 0) brings the schema to version i + 1. Append only.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>
    /// True when the database takes one writer at a time (SQLite): writers then wait in turn inside the process
    /// instead of blocking threads in the database's busy handler.
    /// </summary>
    public abstract bool HasSingleWriter { get; }

    public abstract DbDataSource CreateDataSource();

    /// <summary>Runs before migrations, outside any transaction (SQLite: create the folder, switch to WAL).</summary>
    public abstract Task PrepareDatabaseAsync(DbDataSource dataSource, CancellationToken cancellationToken);

    /// <summary>Runs on every opened connection (SQLite: per-connection settings).</summary>
    public abstract Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs first in the migration transaction so that two instances starting together migrate one after the other.</summary>
    public abstract string? MigrationLockSql { get; }

    /// <summary>
    /// An INSERT of a whole batch of analytics events from one array parameter per column (@kinds, @subjects,
    /// @subjectKeys and @details as text arrays, @occurredAt as an array of
    /// <see cref="ToDbTime"/>'s values, which must then be DateTimeOffset, @occurrences as an integer
    /// array), so that a batch costs one round trip to the server; null where events are inserted one statement
    /// each, which is cheap in process (SQLite).
    /// </summary>
    public abstract string? AnalyticsBatchInsertSql { get; }

    /// <summary>The SQL that reads a JSON text parameter into the state column.</summary>
    public abstract string JsonParameter(string parameterName);

    /// <summary>The ORDER BY term that sorts text by code point, as the in-memory stores do.</summary>
    public abstract string OrdinalOrder(string column);

    public abstract object ToDbTime(DateTimeOffset time);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);
}
