using Npgsql;

namespace CoachBot.Server.Tests.Durability;

/// <summary>
/// A schema of its own, in the PostgreSQL named by COACHBOT_TEST_POSTGRES, for one test; dropped on dispose. As in
/// CoachBot.Storage.Tests: without the variable the tests are skipped locally, and fail in CI (CI=true).
/// </summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    public const string EnvironmentVariable = "COACHBOT_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _schema;

    private PostgresTestSchema(string server, string schema)
    {
        _server = server;
        _schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Connects to this test's schema only.</summary>
    public string ConnectionString { get; }

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (configured, or in CI where they must).</summary>
    public static string? SkipReason =>
        Server is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? $"{EnvironmentVariable} is not set. Start a throwaway server with: eval \"$(bash .ci/postgres.sh start)\". In CI (CI=true) these tests fail instead."
            : null;

    private static string? Server => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    public static async Task<PostgresTestSchema> CreateAsync()
    {
        var server = Server ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set, and CI=true: CI must start PostgreSQL (eval \"$(bash .ci/postgres.sh start)\") before the tests.");
        var schema = new PostgresTestSchema(server, "durability_" + Guid.NewGuid().ToString("N"));
        await schema.ExecuteAsync($"CREATE SCHEMA {schema._schema};");
        return schema;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs COACHBOT_TEST_POSTGRES: skipped, with the reason, when it is unset outside CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresTestSchema.SkipReason;
}
