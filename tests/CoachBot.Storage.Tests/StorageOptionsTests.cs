using Microsoft.Extensions.Configuration;

namespace CoachBot.Storage.Tests;

public sealed class StorageOptionsTests
{
    private const string PostgresConnection = "Host=db.internal;Port=5433;Username=coachbot;Password=s3cret-value;Database=coachbot";

    [Fact]
    public void Without_settings_SQLite_is_used_under_the_users_data_folder_keeping_state_seven_days()
    {
        var options = StorageOptions.FromConfiguration(Configuration());

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        var dataFolder = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        Assert.Equal(
            dataFolder.Length > 0 ? Path.Combine(dataFolder, "coachbot", "coachbot.db") : Path.GetFullPath(Path.Combine("data", "coachbot.db")),
            options.SqlitePath);
        Assert.Equal(TimeSpan.FromDays(7), options.StateTimeToLive);
        Assert.Equal(TimeSpan.FromHours(1), options.PurgeInterval);
        Assert.Equal(10_000, options.AnalyticsBufferSize);
        Assert.Equal(BufferedAnalyticsSink.DefaultBatchInterval, options.AnalyticsBatchInterval);
    }

    [Fact]
    public void A_Postgres_connection_string_alone_selects_PostgreSQL()
    {
        var options = StorageOptions.FromConfiguration(Configuration(("ConnectionStrings:Postgres", PostgresConnection)));

        Assert.Equal(StorageProvider.Postgres, options.Provider);
        Assert.Equal(PostgresConnection, options.PostgresConnectionString);
    }

    [Fact]
    public void An_explicit_provider_wins_over_the_connection_string()
    {
        var options = StorageOptions.FromConfiguration(Configuration(
            ("Storage:Provider", "SQLite"), ("ConnectionStrings:Postgres", PostgresConnection)));

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var options = StorageOptions.FromConfiguration(Configuration(
            ("Storage:Provider", "memory"),
            ("Storage:SqlitePath", "state/bot.db"),
            ("Storage:StateTimeToLive", "2.12:00:00"),
            ("Storage:PurgeInterval", "00:15:00"),
            ("Storage:AnalyticsBufferSize", "2500"),
            ("Storage:AnalyticsBatchInterval", "00:00:00.5")));

        Assert.Equal(StorageProvider.Memory, options.Provider);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "state", "bot.db"), options.SqlitePath);
        Assert.Equal(TimeSpan.FromHours(60), options.StateTimeToLive);
        Assert.Equal(TimeSpan.FromMinutes(15), options.PurgeInterval);
        Assert.Equal(2_500, options.AnalyticsBufferSize);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.AnalyticsBatchInterval);
    }

    [Theory]
    [InlineData("Storage:Provider", "mysql", "Storage:Provider is 'mysql'; use sqlite, postgres or memory.")]
    [InlineData("Storage:Provider", "postgres", "Storage:Provider is postgres but ConnectionStrings:Postgres is not set.")]
    [InlineData("Storage:StateTimeToLive", "7d", "Storage:StateTimeToLive is '7d'; use a positive duration")]
    [InlineData("Storage:StateTimeToLive", "-01:00:00", "Storage:StateTimeToLive is '-01:00:00'; use a positive duration")]
    [InlineData("Storage:PurgeInterval", "00:00:00", "Storage:PurgeInterval is '00:00:00'; use a positive duration")]
    [InlineData("Storage:AnalyticsBatchInterval", "-00:00:01", "Storage:AnalyticsBatchInterval is '-00:00:01'; use zero or a positive duration")]
    [InlineData("Storage:AnalyticsBatchInterval", "200ms", "Storage:AnalyticsBatchInterval is '200ms'; use zero or a positive duration")]
    [InlineData("Storage:AnalyticsBufferSize", "0", "Storage:AnalyticsBufferSize is '0'; use a positive whole number")]
    [InlineData("Storage:AnalyticsBufferSize", "-10", "Storage:AnalyticsBufferSize is '-10'; use a positive whole number")]
    [InlineData("Storage:AnalyticsBufferSize", "10k", "Storage:AnalyticsBufferSize is '10k'; use a positive whole number")]
    [InlineData("Storage:AnalyticsBufferSize", "99999999999", "Storage:AnalyticsBufferSize is '99999999999'; use a positive whole number")]
    public void An_unusable_setting_is_refused_with_a_message_naming_it(string key, string value, string expectedStart)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageOptions.FromConfiguration(Configuration((key, value))));

        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_Postgres_connection_string_is_refused_without_echoing_the_password()
    {
        var options = StorageOptions.FromConfiguration(Configuration(("ConnectionStrings:Postgres", "Password=s3cret-value;Hots=db")));

        var error = Assert.Throws<StorageConfigurationException>(() => CoachBotStorage.Create(options, TimeProvider.System));

        Assert.StartsWith("ConnectionStrings:Postgres is not a valid PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_description_of_a_PostgreSQL_store_names_the_server_but_not_the_password()
    {
        await using var storage = CoachBotStorage.Create(
            new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = PostgresConnection }, TimeProvider.System);

        Assert.Equal("PostgreSQL at db.internal:5433/coachbot", storage.Description);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
