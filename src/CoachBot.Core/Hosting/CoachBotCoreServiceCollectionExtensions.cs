using System.Diagnostics.Metrics;
using CoachBot.Core.Analytics;
using CoachBot.Core.Diagnostics;
using CoachBot.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Core.Hosting;

public static class CoachBotCoreServiceCollectionExtensions
{
    /// <summary>
    /// What every channel's turn goes through, composed once: the clock, the coach's metrics, and the
    /// <see cref="ConversationTurnRunner"/> over <see cref="Coach.TurnAsync"/> (load state, turn, save, analytics,
    /// errors). The server, Slack and the terminal chat all take their runner from here. The host registers the
    /// <see cref="Coach"/> (it decides how the understanding is built); state, channel references and analytics
    /// default to in-memory stores, and durable ones registered before this call replace them.
    /// </summary>
    public static IServiceCollection AddCoachBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationStateStore, InMemoryConversationStateStore>();
        services.TryAddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
        services.TryAddSingleton<InMemoryAnalyticsStore>();
        services.TryAddSingleton<IAnalyticsSink>(sp => sp.GetRequiredService<InMemoryAnalyticsStore>());
        services.AddMetrics();
        services.TryAddSingleton(sp => new CoachBotMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton(sp => new ConversationTurnRunner(
            sp.GetRequiredService<Coach>().TurnAsync,
            sp.GetRequiredService<IConversationStateStore>(),
            sp.GetRequiredService<IAnalyticsSink>(),
            sp.GetRequiredService<TimeProvider>(),
            // A host without logging (the terminal chat) gets none.
            sp.GetService<ILogger<ConversationTurnRunner>>() ?? NullLogger<ConversationTurnRunner>.Instance,
            metrics: sp.GetRequiredService<CoachBotMetrics>()));
        return services;
    }
}
