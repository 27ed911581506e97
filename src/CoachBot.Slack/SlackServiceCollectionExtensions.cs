using CoachBot.Core.Diagnostics;
using CoachBot.Core.Hosting;
using CoachBot.Slack.Background;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Handlers;
using CoachBot.Slack.Http;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.SocketMode;
using CoachBot.Slack.WebApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoachBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// The Slack channel, on the one turn pipeline (<see cref="CoachBotCoreServiceCollectionExtensions.AddCoachBotCore"/>):
    /// the request endpoint's services, the Web API client, the work queue and, with Slack:AppToken set, Socket Mode.
    /// Needs the coach (<see cref="Core.Coach"/>) registered.
    /// </summary>
    /// <summary>The key of Slack's <see cref="OrganizationAllowList"/> (workspaces, Slack:AllowedTeamIds).</summary>
    public const string SlackAllowListKey = "Slack";

    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName));
        services.AddCoachBotCore();
        // Calls run after the ack, so a slow Slack only delays that answer; the timeout stops a hung call holding a worker.
        services.AddHttpClient(SlackWebApiClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));

        // The pipeline's first step, shared by the request URL and Socket Mode.
        services.AddKeyedSingleton(SlackAllowListKey, (sp, _) => new OrganizationAllowList("slack", "TeamNotAllowed",
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.AllowedTeamIds, StringComparer.Ordinal, sp.GetService<CoachBotMetrics>()));
        services.AddSingleton<SlackWebApiClient>();
        services.AddSingleton<SlackBotUser>();
        services.AddSingleton<SlackCoach>();
        services.AddSingleton<SlackReplySender>();
        services.AddSingleton<SlackWorkQueue>();
        services.AddSingleton<EventDeduplicator>();
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<SlackHttpEndpoint>();
        services.AddSingleton<SlackSignatureFilter>();

        services.AddSingleton<ISlackSlashCommandHandler, SlashCommandHandler>();
        services.AddSingleton<ISlackEventHandler, DirectMessageHandler>();
        services.AddSingleton<ISlackEventHandler, AppMentionHandler>();
        services.AddSingleton<ISlackEventHandler, AppHomeOpenedHandler>();
        services.AddSingleton<ISlackInteractionHandler, BlockActionsHandler>();
        services.AddSingleton<ISlackInteractionHandler, ViewSubmissionHandler>();
        services.AddSingleton<ISlackInteractionHandler, GlobalShortcutHandler>();
        services.AddSingleton<ISlackInteractionHandler, MessageShortcutHandler>();
        services.AddSingleton<ISlackInteractionHandler, BlockSuggestionHandler>();
        services.AddSingleton<SlackPhraseFinder>();
        services.AddSingleton<PhraseFinderReplies>();

        services.AddHostedService<SlackWorkProcessor>();
        services.AddHostedService<SocketModeService>();
        return services;
    }
}

public static class SlackEndpointRouteBuilderExtensions
{
    /// <summary>The one Slack request URL (events, slash commands, interactivity), as entered in the app manifest.</summary>
    public const string EventsPath = "/api/slack/events";

    /// <summary>
    /// The key of the <see cref="System.Threading.RateLimiting.RateLimiter"/> (a keyed service, optional) that caps the
    /// signed requests the endpoint handles at once; one that gets no place is answered 503 with Retry-After.
    /// </summary>
    public const string TurnLimiterKey = "Slack.Turns";

    /// <summary>
    /// Maps <see cref="EventsPath"/> with its authentication declared on the route (<see cref="SlackSignatureFilter"/>:
    /// the signature is checked before anything parses the body); it answers 404 while Slack:SigningSecret is not
    /// configured.
    /// </summary>
    public static IEndpointConventionBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        // No per-request parameter binding, and a look-up never touches RequestServices, so it costs no
        // dependency-injection scope. The endpoint instance (a singleton) is taken on the first request, not here: its
        // handlers need the coach, which a host may build in the background while it starts listening. A Delegate,
        // not a RequestDelegate: filters only run on route handlers.
        var services = endpoints.ServiceProvider;
        SlackHttpEndpoint? endpoint = null;
        Delegate handler = (HttpContext context) => (endpoint ??= services.GetRequiredService<SlackHttpEndpoint>()).HandleAsync(context);
        return endpoints.MapPost(EventsPath, handler).AddEndpointFilter(services.GetRequiredService<SlackSignatureFilter>());
    }
}
