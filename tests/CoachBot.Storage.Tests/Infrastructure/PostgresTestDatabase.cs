using Npgsql;

namespace CoachBot.Storage.Tests.Infrastructure;

/// <summary>
/// A schema of its own, in the PostgreSQL named by COACHBOT_TEST_POSTGRES, for one test: tests running in parallel
/// never see each other's rows. Dropped on dispose.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "COACHBOT_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _schema;

    private PostgresTestDatabase(string serverConnectionString, string schema)
    {
        _serverConnectionString = serverConnectionString;
        _schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Connects to this test's schema only.</summary>
    public string ConnectionString { get; }

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (configured, or in CI where they must).</summary>
    public static string? SkipReason =>
        ServerConnectionString is null && !IsCi
            ? $"{EnvironmentVariable} is not set. Start a throwaway server with: eval \"$(bash .ci/postgres.sh start)\". In CI (CI=true) these tests fail instead."
            : null;

    private static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set, and CI=true: CI must start PostgreSQL (eval \"$(bash .ci/postgres.sh start)\") before the tests.");
        var database = new PostgresTestDatabase(server, "test_" + Guid.NewGuid().ToString("N"));
        await database.ExecuteAsync($"CREATE SCHEMA {database._schema};");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
