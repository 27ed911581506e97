using CoachBot.Core.Analytics;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Storage.Tests;

public sealed class StorageServiceCollectionTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_ports_resolve_to_the_configured_SQLite_file_and_the_purge_service_is_registered()
    {
        var path = _folder.PathOf("data", "coachbot.db");
        await using var services = Services(("Storage:SqlitePath", path));

        var states = services.GetRequiredService<IConversationStateStore>();
        Assert.True(await states.TrySaveAsync(new ConversationKey("test:a"), DialogState.Empty, 0));

        Assert.True(File.Exists(path));
        Assert.Equal($"SQLite at {path}", services.GetRequiredService<CoachBotStorage>().Description);
        Assert.Single(services.GetServices<IHostedService>().OfType<StatePurgeService>());
    }

    [Fact]
    public async Task The_analytics_sink_and_reader_share_one_store()
    {
        await using var services = Services(("Storage:Provider", "memory"));
        var at = DateTimeOffset.UtcNow;

        await services.GetRequiredService<IAnalyticsSink>().RecordAsync([new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "lora", at)]);

        Assert.Equal(
            [new SubjectCount("lora", 1)],
            await services.GetRequiredService<IAnalyticsReader>().TopSubjectsAsync([AnalyticsKind.NoMatchLookup], at, 5));
        Assert.NotNull(services.GetRequiredService<IConversationReferenceStore>());
    }

    [Fact]
    public void A_bad_setting_stops_registration_with_a_clear_message()
    {
        var error = Assert.Throws<StorageConfigurationException>(() => Services(("Storage:Provider", "oracle")));

        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddCoachBotStorage(configuration)
            .BuildServiceProvider();
    }
}
