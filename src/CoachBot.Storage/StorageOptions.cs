using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CoachBot.Storage;

public enum StorageProvider
{
    /// <summary>One file on local disk; the default for a single instance.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server shared by several instances behind a load balancer.</summary>
    Postgres,
    /// <summary>Process memory: lost on restart. For tests and throwaway runs.</summary>
    Memory,
}

/// <summary>
/// Where conversation state, conversation references and analytics are kept. Read from configuration by
/// <see cref="FromConfiguration"/>; the keys are documented in src/CoachBot.Storage/README.md.
/// </summary>
public sealed record StorageOptions
{
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>The SQLite database file; created, with its folder, on first use.</summary>
    public string SqlitePath { get; init; } = DefaultSqlitePath();

    /// <summary>Required when <see cref="Provider"/> is <see cref="StorageProvider.Postgres"/>. A secret: never logged.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Conversation state not saved for this long is purged.</summary>
    public TimeSpan StateTimeToLive { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often expired conversation state is purged.</summary>
    public TimeSpan PurgeInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many analytics events may wait to be written in the background (<see cref="BufferedAnalyticsSink"/>);
    /// events recorded while it is full are dropped. It must hold what arrives while the writer pauses between
    /// batches (<see cref="AnalyticsBatchInterval"/>): with the default interval, the default covers 50,000 events a
    /// second. An event is typically a few hundred bytes, so the default costs a few megabytes when full.
    /// </summary>
    public int AnalyticsBufferSize { get; init; } = 10_000;

    /// <summary>
    /// How long the analytics writer waits after each batch so that the next transaction carries what arrived
    /// meanwhile. Zero writes as events come (more, smaller transactions); longer holds more events in the buffer,
    /// which must then be larger, and makes reports lag by as much.
    /// </summary>
    public TimeSpan AnalyticsBatchInterval { get; init; } = BufferedAnalyticsSink.DefaultBatchInterval;

    /// <summary>
    /// The default database file: coachbot/coachbot.db in the user's local application data folder
    /// ($XDG_DATA_HOME or ~/.local/share on Linux, %LOCALAPPDATA% on Windows), or ./data/coachbot.db when the
    /// process has no such folder (a container without a home directory).
    /// </summary>
    public static string DefaultSqlitePath()
    {
        var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(appData)
            ? Path.GetFullPath(Path.Combine("data", "coachbot.db"))
            : Path.Combine(appData, "coachbot", "coachbot.db");
    }

    /// <summary>
    /// Reads Storage:Provider, Storage:SqlitePath, ConnectionStrings:Postgres, Storage:StateTimeToLive,
    /// Storage:PurgeInterval, Storage:AnalyticsBufferSize and Storage:AnalyticsBatchInterval. Without Storage:Provider,
    /// PostgreSQL is chosen when its connection string is set, SQLite otherwise.
    /// </summary>
    /// <exception cref="StorageConfigurationException">A value is present but unusable; the message names the key.</exception>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Storage");
        var connectionString = NullIfBlank(configuration.GetConnectionString("Postgres"));
        var provider = NullIfBlank(section["Provider"]) switch
        {
            null => connectionString is null ? StorageProvider.Sqlite : StorageProvider.Postgres,
            var name when name.Equals("sqlite", StringComparison.OrdinalIgnoreCase) => StorageProvider.Sqlite,
            var name when name.Equals("postgres", StringComparison.OrdinalIgnoreCase) => StorageProvider.Postgres,
            var name when name.Equals("memory", StringComparison.OrdinalIgnoreCase) => StorageProvider.Memory,
            var name => throw new StorageConfigurationException(
                $"Storage:Provider is '{name}'; use sqlite, postgres or memory."),
        };
        if (provider == StorageProvider.Postgres && connectionString is null)
        {
            throw new StorageConfigurationException(
                "Storage:Provider is postgres but ConnectionStrings:Postgres is not set.");
        }

        var defaults = new StorageOptions();
        return new StorageOptions
        {
            Provider = provider,
            SqlitePath = NullIfBlank(section["SqlitePath"]) is { } path ? Path.GetFullPath(path) : defaults.SqlitePath,
            PostgresConnectionString = connectionString,
            StateTimeToLive = ReadDuration(section, "StateTimeToLive", allowZero: false) ?? defaults.StateTimeToLive,
            PurgeInterval = ReadDuration(section, "PurgeInterval", allowZero: false) ?? defaults.PurgeInterval,
            AnalyticsBufferSize = ReadPositiveCount(section, "AnalyticsBufferSize") ?? defaults.AnalyticsBufferSize,
            AnalyticsBatchInterval = ReadDuration(section, "AnalyticsBatchInterval", allowZero: true) ?? defaults.AnalyticsBatchInterval,
        };
    }

    private static TimeSpan? ReadDuration(IConfigurationSection section, string key, bool allowZero)
    {
        if (NullIfBlank(section[key]) is not { } text)
        {
            return null;
        }
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration) || duration < TimeSpan.Zero || (!allowZero && duration == TimeSpan.Zero))
        {
            var accepted = allowZero ? "zero or a positive duration" : "a positive duration";
            throw new StorageConfigurationException(
                $"Storage:{key} is '{text}'; use {accepted} as days.hours:minutes:seconds, e.g. 7.00:00:00, 01:00:00 or 00:00:00.200.");
        }
        return duration;
    }

    private static int? ReadPositiveCount(IConfigurationSection section, string key)
    {
        if (NullIfBlank(section[key]) is not { } text)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            throw new StorageConfigurationException(
                $"Storage:{key} is '{text}'; use a positive whole number (at most {int.MaxValue}), e.g. 10000.");
        }
        return count;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Storage is configured with a value it cannot use. The message names the setting and what it accepts.</summary>
public sealed class StorageConfigurationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
