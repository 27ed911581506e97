using CoachBot.Core;
using CoachBot.Core.Hosting;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using CoachBot.Embeddings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoachBot.Server;

public static class CoachBotServiceCollectionExtensions
{
    /// <summary>
    /// The coach as the server builds it (the shipped playbook, its understanding built in the background) on top of
    /// <see cref="CoachBotCoreServiceCollectionExtensions.AddCoachBotCore"/>. The channels are added beside it
    /// (AddBotFramework, AddSlack), each on the same core.
    /// </summary>
    public static IServiceCollection AddCoachBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCoachBotCore();
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
        return services;
    }
}
