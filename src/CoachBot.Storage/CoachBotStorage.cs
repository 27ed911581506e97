using CoachBot.Core.Analytics;
using CoachBot.Core.State;
using CoachBot.Storage.Sql;

namespace CoachBot.Storage;

/// <summary>
/// The stores behind Core's ports, all on the provider the options choose. The server gets them through
/// <see cref="StorageServiceCollectionExtensions.AddCoachBotStorage"/>; a command-line tool can call <see cref="Create"/>.
/// </summary>
public sealed class CoachBotStorage : IAsyncDisposable
{
    private readonly StorageDatabase? _database;

    private CoachBotStorage(
        string description,
        IConversationStateStore states,
        IConversationReferenceStore references,
        IAnalyticsSink analyticsSink,
        IAnalyticsReader analyticsReader,
        StorageDatabase? database)
    {
        Description = description;
        States = states;
        References = references;
        AnalyticsSink = analyticsSink;
        AnalyticsReader = analyticsReader;
        _database = database;
    }

    /// <summary>Which store and where, e.g. "SQLite at /home/me/.local/share/coachbot/coachbot.db". Never holds a password.</summary>
    public string Description { get; }

    public IConversationStateStore States { get; }

    public IConversationReferenceStore References { get; }

    public IAnalyticsSink AnalyticsSink { get; }

    public IAnalyticsReader AnalyticsReader { get; }

    /// <summary>
    /// Opens nothing yet: the database is reached, and its schema brought up to date, on first use, so a database
    /// that is down at start-up is picked up once it is back.
    /// </summary>
    /// <exception cref="StorageConfigurationException">The PostgreSQL connection string cannot be parsed.</exception>
    public static CoachBotStorage Create(StorageOptions options, TimeProvider timeProvider)
    {
        if (options.Provider == StorageProvider.Memory)
        {
            var analytics = new InMemoryAnalyticsStore();
            return new CoachBotStorage(
                "process memory (lost on restart)",
                new InMemoryConversationStateStore(timeProvider),
                new InMemoryConversationReferenceStore(),
                analytics,
                analytics,
                null);
        }

        var dialect = SqlDialect.For(options);
        var database = new StorageDatabase(dialect);
        var sqlAnalytics = new SqlAnalyticsStore(database);
        return new CoachBotStorage(
            dialect.Description,
            new SqlConversationStateStore(database, timeProvider),
            new SqlConversationReferenceStore(database),
            sqlAnalytics,
            sqlAnalytics,
            database);
    }

    public ValueTask DisposeAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
