using BenchmarkDotNet.Attributes;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CoachBot.Benchmarks;

/// <summary>
/// The storage cost of one turn: load a conversation's state, then save it with the version read, for each durable
/// store. Turns go round 100 conversations that each hold a mid-dialog state. PostgreSQL runs only when
/// COACHBOT_TEST_POSTGRES names a server (eval "$(bash .ci/postgres.sh start)"); it then works in a schema of its own.
/// </summary>
[MemoryDiagnoser]
public class StateStoreBenchmarks
{
    private const string PostgresVariable = "COACHBOT_TEST_POSTGRES";
    private const int Conversations = 100;

    private static readonly DialogState MidDialog = new()
    {
        DialogId = "qualify",
        StepId = "change",
        Answers = new Dictionary<string, string> { ["need"] = "behavior", ["data-changed"] = "quarter" },
        History = ["need", "data-changed"],
        BuyerWords = "We want to fine-tune a model on our own documents so it knows our products.",
        AccountName = "Contoso",
        LastActivity = DateTimeOffset.UnixEpoch,
    };

    private readonly ConversationKey[] _keys = Enumerable.Range(0, Conversations).Select(i => new ConversationKey($"bench:{i}")).ToArray();
    private CoachBotStorage? _storage;
    private string? _sqliteFolder;
    private string? _postgresSchema;
    private int _next;

    public static IEnumerable<string> Stores =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)) ? ["sqlite"] : ["sqlite", "postgres"];

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        _storage = CoachBotStorage.Create(Options(), TimeProvider.System);
        foreach (var key in _keys)
        {
            if (!_storage.States.TrySaveAsync(key, MidDialog, 0).GetAwaiter().GetResult())
            {
                throw new InvalidOperationException($"Could not seed {key}.");
            }
        }
    }

    [Benchmark(Description = "load + save one turn")]
    public async Task<bool> LoadAndSave()
    {
        var key = _keys[_next++ % Conversations];
        var stored = await _storage!.States.LoadAsync(key);
        return await _storage.States.TrySaveAsync(key, stored!.State with { Retries = stored.State.Retries + 1 }, stored.Version);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
        if (_postgresSchema is not null)
        {
            ExecutePostgres($"DROP SCHEMA IF EXISTS {_postgresSchema} CASCADE;");
        }
    }

    private StorageOptions Options()
    {
        if (Store == "sqlite")
        {
            _sqliteFolder = Directory.CreateTempSubdirectory("coachbot-bench-").FullName;
            return new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(_sqliteFolder, "coachbot.db") };
        }
        _postgresSchema = "bench_" + Guid.NewGuid().ToString("N");
        ExecutePostgres($"CREATE SCHEMA {_postgresSchema};");
        var connectionString = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable)) { SearchPath = _postgresSchema };
        return new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = connectionString.ConnectionString };
    }

    private static void ExecutePostgres(string sql)
    {
        using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
