using CoachBot.BotFramework.Hosting;
using CoachBot.Core;
using CoachBot.Core.Analytics;
using CoachBot.Core.Playbook;
using CoachBot.Core.State;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoachBot.Server;

public static class CoachBotServiceCollectionExtensions
{
    /// <summary>
    /// The coach and its channels. State, conversation references and analytics default to in-memory stores;
    /// registering durable ones first replaces them.
    /// </summary>
    public static IServiceCollection AddCoachBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => PlaybookLoader.LoadEmbedded());
        services.TryAddSingleton(sp => new Coach(sp.GetRequiredService<PlaybookContent>(), sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton<IConversationStateStore, InMemoryConversationStateStore>();
        services.TryAddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
        services.TryAddSingleton<InMemoryAnalyticsStore>();
        services.TryAddSingleton<IAnalyticsSink>(sp => sp.GetRequiredService<InMemoryAnalyticsStore>());
        services.TryAddSingleton(sp => new ConversationTurnRunner(
            sp.GetRequiredService<Coach>().Turn,
            sp.GetRequiredService<IConversationStateStore>(),
            sp.GetRequiredService<IAnalyticsSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConversationTurnRunner>>()));

        services.AddBotFramework(configuration);
        return services;
    }
}
