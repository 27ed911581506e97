using System.Data.Common;
using System.Globalization;
using CoachBot.Core.Analytics;
using CoachBot.Core.State;
using CoachBot.Storage.Sql;
using CoachBot.Storage.Tests.Infrastructure;

namespace CoachBot.Storage.Tests.Sql;

/// <summary>Start-up behaviour of the SQL stores: schema migrations and what survives a restart.</summary>
public abstract class SchemaTests : IAsyncLifetime
{
    private StorageOptions? _options;

    protected StorageOptions Options => _options ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<StorageOptions> CreateOptionsAsync();

    protected abstract ValueTask CleanUpAsync();

    public async Task InitializeAsync() => _options = await CreateOptionsAsync();

    public Task DisposeAsync() => CleanUpAsync().AsTask();

    [StoreFact]
    public async Task Creating_the_schema_again_changes_nothing_and_keeps_the_data()
    {
        await using (var first = CoachBotStorage.Create(Options, TimeProvider.System))
        {
            Assert.True(await first.States.TrySaveAsync(new ConversationKey("test:kept"), DialogStates.Full(), 0));
        }

        await using (var database = new StorageDatabase(SqlDialect.For(Options)))
        {
            await database.EnsureSchemaAsync(CancellationToken.None);
            await database.EnsureSchemaAsync(CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, database.Dialect.Migrations.Count), await AppliedVersionsAsync(database));
        }

        await using var reopened = CoachBotStorage.Create(Options, TimeProvider.System);
        var stored = await reopened.States.LoadAsync(new ConversationKey("test:kept"));
        Assert.Equal(1, stored!.Version);
        DialogStates.AssertEqual(DialogStates.Full(), stored.State);
    }

    [StoreFact]
    public async Task Instances_starting_together_apply_each_migration_once()
    {
        var databases = Enumerable.Range(0, 5).Select(_ => new StorageDatabase(SqlDialect.For(Options))).ToList();
        try
        {
            await Task.WhenAll(databases.Select(d => Task.Run(() => d.EnsureSchemaAsync(CancellationToken.None))));

            Assert.Equal(Enumerable.Range(1, databases[0].Dialect.Migrations.Count), await AppliedVersionsAsync(databases[0]));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [StoreFact]
    public async Task A_schema_newer_than_this_build_is_refused_with_a_message_saying_so()
    {
        await using (var database = new StorageDatabase(SqlDialect.For(Options)))
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = StorageDatabase.Command(connection, null,
                "INSERT INTO schema_version (version, applied_at) VALUES (999, 'future');");
            await command.ExecuteNonQueryAsync();
        }

        await using var older = CoachBotStorage.Create(Options, TimeProvider.System);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => older.States.LoadAsync(new ConversationKey("test:any")));

        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
        Assert.False(await older.States.IsHealthyAsync());
    }

    [StoreFact]
    public async Task A_database_of_schema_version_1_is_migrated_and_each_of_its_analytics_rows_still_counts_once()
    {
        var at = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
        await using (var versionOne = new StorageDatabase(new EarlierSchema(SqlDialect.For(Options), versions: 1)))
        {
            await using var connection = await versionOne.OpenAsync(CancellationToken.None);
            // Rows as the previous build wrote them: no occurrences column.
            foreach (var (subject, minutes) in new[] { ("rag", 0), ("RAG", 1), ("lora", 2) })
            {
                await using var insert = StorageDatabase.Command(connection, null,
                    "INSERT INTO analytics_event (kind, subject, subject_key, detail, occurred_at) " +
                    "VALUES (@kind, @subject, @subjectKey, NULL, @occurredAt);");
                StorageDatabase.AddParameter(insert, "@kind", nameof(AnalyticsKind.Lookup));
                StorageDatabase.AddParameter(insert, "@subject", subject);
                StorageDatabase.AddParameter(insert, "@subjectKey", AnalyticsSubject.Normalise(subject));
                StorageDatabase.AddParameter(insert, "@occurredAt", versionOne.Dialect.ToDbTime(at.AddMinutes(minutes)));
                await insert.ExecuteNonQueryAsync();
            }
            Assert.Equal([1], await AppliedVersionsAsync(versionOne));
        }

        await using var storage = CoachBotStorage.Create(Options, TimeProvider.System);
        await storage.AnalyticsSink.RecordAsync([new AnalyticsEvent(AnalyticsKind.Lookup, "lora", at, Occurrences: 3)]);

        Assert.Equal(
            [new SubjectCount("lora", 4), new SubjectCount("rag", 2)],
            await storage.AnalyticsReader.TopSubjectsAsync([AnalyticsKind.Lookup], at, 10));
        await using var current = new StorageDatabase(SqlDialect.For(Options));
        Assert.Equal(Enumerable.Range(1, current.Dialect.Migrations.Count), await AppliedVersionsAsync(current));
    }

    private static async Task<IReadOnlyList<int>> AppliedVersionsAsync(StorageDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = StorageDatabase.Command(connection, null, "SELECT version FROM schema_version ORDER BY version;");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }
        return versions;
    }
}

/// <summary>A dialect as an earlier build had it: the same database, only its first <paramref name="versions"/> migrations.</summary>
internal sealed class EarlierSchema(SqlDialect current, int versions) : SqlDialect
{
    public override string Description => current.Description;

    public override IReadOnlyList<string> Migrations { get; } = current.Migrations.Take(versions).ToList();

    public override bool HasSingleWriter => current.HasSingleWriter;

    public override DbDataSource CreateDataSource() => current.CreateDataSource();

    public override Task PrepareDatabaseAsync(DbDataSource dataSource, CancellationToken cancellationToken) =>
        current.PrepareDatabaseAsync(dataSource, cancellationToken);

    public override Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        current.PrepareConnectionAsync(connection, cancellationToken);

    public override string? MigrationLockSql => current.MigrationLockSql;

    public override string? AnalyticsBatchInsertSql => current.AnalyticsBatchInsertSql;

    public override string JsonParameter(string parameterName) => current.JsonParameter(parameterName);

    public override string OrdinalOrder(string column) => current.OrdinalOrder(column);

    public override object ToDbTime(DateTimeOffset time) => current.ToDbTime(time);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => current.ReadTime(reader, ordinal);
}

public sealed class SqliteSchemaTests : SchemaTests
{
    private readonly TemporaryFolder _folder = new();

    protected override Task<StorageOptions> CreateOptionsAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = _folder.PathOf("coachbot.db") });

    protected override ValueTask CleanUpAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

[RequiresPostgres]
public sealed class PostgresSchemaTests : SchemaTests
{
    private PostgresTestDatabase? _database;

    protected override async Task<StorageOptions> CreateOptionsAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = _database.ConnectionString };
    }

    protected override ValueTask CleanUpAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
