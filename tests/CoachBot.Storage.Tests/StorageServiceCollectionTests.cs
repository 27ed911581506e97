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
        var hostedServices = await StartHostedServicesAsync(services);

        await services.GetRequiredService<IAnalyticsSink>().RecordAsync([new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "lora", at)]);
        // The sink writes in the background; stopping writes what it still holds.
        await StopHostedServicesAsync(hostedServices);

        Assert.Equal(
            [new SubjectCount("lora", 1)],
            await services.GetRequiredService<IAnalyticsReader>().TopSubjectsAsync([AnalyticsKind.NoMatchLookup], at, 5));
        Assert.NotNull(services.GetRequiredService<IConversationReferenceStore>());
    }

    [Fact]
    public async Task Analytics_go_through_one_buffer_that_is_also_the_hosted_service_writing_it_to_SQLite()
    {
        await using var services = Services(("Storage:SqlitePath", _folder.PathOf("coachbot.db")), ("Storage:AnalyticsBufferSize", "5000"));
        var buffer = Assert.IsType<BufferedAnalyticsSink>(services.GetRequiredService<IAnalyticsSink>());
        Assert.Same(buffer, Assert.Single(services.GetServices<IHostedService>().OfType<BufferedAnalyticsSink>()));
        var at = DateTimeOffset.UtcNow;
        var hostedServices = await StartHostedServicesAsync(services);

        // More than one batch, in several calls as requests would make them.
        for (var i = 0; i < 2_500; i++)
        {
            await buffer.RecordAsync([new AnalyticsEvent(AnalyticsKind.Lookup, i % 5 == 0 ? "rag" : "vector db", at, "phrase-1")]);
        }
        await StopHostedServicesAsync(hostedServices);

        Assert.Equal(
            [new SubjectCount("vector db", 2_000), new SubjectCount("rag", 500)],
            await services.GetRequiredService<IAnalyticsReader>().TopSubjectsAsync([AnalyticsKind.Lookup], at, 5));
        Assert.Equal(0, buffer.DroppedEventCount);
    }

    [Theory]
    [InlineData(null, 200)]
    [InlineData("00:00:01", 1_000)]
    [InlineData("00:00:00", 0)]
    public async Task The_analytics_writer_pauses_as_configured(string? setting, int expectedMilliseconds)
    {
        (string, string)[] settings = setting is null
            ? [("Storage:Provider", "memory")]
            : [("Storage:Provider", "memory"), ("Storage:AnalyticsBatchInterval", setting)];
        await using var services = Services(settings);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), services.GetRequiredService<BufferedAnalyticsSink>().BatchInterval);
    }

    [Fact]
    public void A_bad_setting_stops_registration_with_a_clear_message()
    {
        var error = Assert.Throws<StorageConfigurationException>(() => Services(("Storage:Provider", "oracle")));

        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<IHostedService>> StartHostedServicesAsync(IServiceProvider services)
    {
        var hostedServices = services.GetServices<IHostedService>().ToList();
        foreach (var hostedService in hostedServices)
        {
            await hostedService.StartAsync(CancellationToken.None);
        }
        return hostedServices;
    }

    /// <summary>In reverse order of the start, as the host stops them.</summary>
    private static async Task StopHostedServicesAsync(IReadOnlyList<IHostedService> hostedServices)
    {
        foreach (var hostedService in hostedServices.Reverse())
        {
            await hostedService.StopAsync(CancellationToken.None);
        }
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
