using CoachBot.Core.Analytics;
using CoachBot.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CoachBot.Storage;

public static partial class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers Core's storage ports (<see cref="IConversationStateStore"/>, <see cref="IConversationReferenceStore"/>,
    /// <see cref="IAnalyticsSink"/>, <see cref="IAnalyticsReader"/>) on the provider configuration chooses, and the
    /// <see cref="StatePurgeService"/>. Configuration is read now, so a bad value stops start-up with a clear message.
    /// <see cref="IAnalyticsSink"/> is a <see cref="BufferedAnalyticsSink"/>, also a hosted service, in front of the
    /// store: analytics recorded are readable once it has written them, not as soon as the call returns.
    /// </summary>
    /// <exception cref="StorageConfigurationException">A storage setting is unusable; the message names it.</exception>
    public static IServiceCollection AddCoachBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = StorageOptions.FromConfiguration(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(provider =>
        {
            var storage = CoachBotStorage.Create(options, provider.GetRequiredService<TimeProvider>());
            LogStorage(provider.GetRequiredService<ILogger<CoachBotStorage>>(), storage.Description, options.StateTimeToLive);
            return storage;
        });
        services.AddSingleton(provider => provider.GetRequiredService<CoachBotStorage>().States);
        services.AddSingleton(provider => provider.GetRequiredService<CoachBotStorage>().References);
        services.AddSingleton(provider => new BufferedAnalyticsSink(
            provider.GetRequiredService<CoachBotStorage>().AnalyticsSink,
            options.AnalyticsBufferSize,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<BufferedAnalyticsSink>>(),
            options.AnalyticsBatchInterval));
        services.AddSingleton<IAnalyticsSink>(provider => provider.GetRequiredService<BufferedAnalyticsSink>());
        services.AddSingleton(provider => provider.GetRequiredService<CoachBotStorage>().AnalyticsReader);
        services.AddHostedService<StatePurgeService>();
        // The same instance that buffers must run the loop that empties the buffer.
        services.AddHostedService(provider => provider.GetRequiredService<BufferedAnalyticsSink>());
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state is kept in {Storage} for {TimeToLive} after its last turn")]
    private static partial void LogStorage(ILogger logger, string storage, TimeSpan timeToLive);
}
