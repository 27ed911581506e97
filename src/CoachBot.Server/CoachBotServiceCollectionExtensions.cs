using CoachBot.BotFramework.Hosting;
using CoachBot.Core;
using System.Diagnostics.Metrics;
using CoachBot.Core.Analytics;
using CoachBot.Core.Diagnostics;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using CoachBot.Core.State;
using CoachBot.Embeddings;
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
        // Built once, in the background from the start (CoachStartup), while the server already listens: loading the
        // model and the playbook's vectors takes about a second, embedding a changed playbook several.
        services.TryAddSingleton(sp => UnderstandingFactory.BuildAsync(
            sp.GetRequiredService<PlaybookContent>(), EmbeddingOptions.FromConfiguration(configuration),
            sp.GetRequiredService<ILoggerFactory>()).GetAwaiter().GetResult());
        services.TryAddSingleton(sp => new Coach(sp.GetRequiredService<PlaybookContent>(), sp.GetRequiredService<CoachUnderstanding>(),
            sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<CoachStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<CoachStartup>());

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
            sp.GetRequiredService<ILogger<ConversationTurnRunner>>(),
            metrics: sp.GetRequiredService<CoachBotMetrics>()));

        services.AddBotFramework(configuration);
        return services;
    }
}
