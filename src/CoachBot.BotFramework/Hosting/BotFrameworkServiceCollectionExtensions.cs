using System.Net;
using CoachBot.BotFramework.Authentication;
using CoachBot.BotFramework.Connector;
using CoachBot.BotFramework.Rendering;
using CoachBot.BotFramework.Teams;
using CoachBot.Core.Diagnostics;
using CoachBot.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CoachBot.BotFramework.Hosting;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>Connector answers that mean "try again": throttled, precondition race, gateway trouble.</summary>
    private static readonly HashSet<HttpStatusCode> Retryable =
        [HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout];

    /// <summary>
    /// The Bot Framework channel, on the one turn pipeline (<see cref="CoachBotCoreServiceCollectionExtensions.AddCoachBotCore"/>).
    /// Settings are read from the root of <paramref name="configuration"/> under the Bot Framework names
    /// (MicrosoftAppId, ...). Needs the coach (<see cref="Core.Coach"/>) registered.
    /// </summary>
    /// <summary>The key of the Teams tenants' <see cref="OrganizationAllowList"/>.</summary>
    public const string TenantAllowListKey = "BotFramework.Tenants";

    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>()
            .Bind(configuration)
            // Emulator tokens are a development convenience: unless set, accepted in Development only.
            .PostConfigure<IHostEnvironment>((options, environment) => options.AllowEmulatorTokens ??= environment.IsDevelopment());
        services.AddCoachBotCore();
        // Requests without keys wait for a fetch under way: keep that wait well inside a channel's patience.
        services.AddHttpClient(BotFrameworkAuthenticator.MetadataHttpClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<BotFrameworkRejections>();
        // One instance for every request (the generic AddEndpointFilter<T> would build one per request).
        services.AddSingleton<BotFrameworkAuthenticationFilter>();
        services.AddHostedService<SigningKeyPrefetcher>();
        services.AddHostedService<AnonymousModeCheck>();
        services.AddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();

        services.AddHttpClient<ConnectorClient>()
            .AddResilienceHandler("connector", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && Retryable.Contains(r.StatusCode)),
                    MaxRetryAttempts = options.ConnectorMaxRetries,
                    Delay = options.ConnectorRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // A Retry-After from the connector replaces the computed back-off.
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(15));
            });

        // The pipeline's first step: Teams tenants (AllowedTenantIds; Entra tenant ids compare in any case).
        services.AddKeyedSingleton(TenantAllowListKey, (sp, _) => new OrganizationAllowList("botframework", "TenantNotAllowed",
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AllowedTenantIds, StringComparer.OrdinalIgnoreCase, sp.GetService<CoachBotMetrics>()));
        services.AddSingleton<ReplyActivities>();
        services.AddSingleton<PhraseSearch>();
        // Scoped (one per request) because they hold a ConnectorClient, whose HttpClient the factory renews.
        services.AddScoped<DealChannels>();
        services.AddScoped<CoachActivityHandler>();
        return services;
    }
}
