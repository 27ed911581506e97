using CoachBot.Core.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CoachBot.Server;

/// <summary>
/// Traces and metrics go out over OTLP only when an endpoint is configured, the standard way
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) or as <c>Telemetry:OtlpEndpoint</c>. Without one nothing is registered: the
/// instruments still exist (they cost next to nothing unheard) but no exporter, buffer or timer runs.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "Telemetry:OtlpEndpoint";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddCoachBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey] is { Length: > 0 } configured ? configured : configuration[StandardEndpointKey];
        if (string.IsNullOrEmpty(endpoint)) return services;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{EndpointKey} (or {StandardEndpointKey}) must be an absolute http(s) URL; it is '{endpoint}'.");

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("coachbot"))
            .WithTracing(tracing => tracing
                .AddSource(CoachBotTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz"))
                // Every outbound call (Bot Connector, Slack Web API, token and key endpoints): .NET's HttpClient emits these spans itself.
                .AddSource("System.Net.Http"))
            .WithMetrics(metrics => metrics
                .AddMeter(CoachBotTelemetry.Name)
                .AddMeter("Microsoft.AspNetCore.Hosting", "System.Net.Http"))
            // http/protobuf: the collector's port 4318 and the path per signal (/v1/traces, /v1/metrics) are the
            // standard ones; gRPC would need HTTP/2 all the way through a corporate proxy.
            .UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, uri);
        return services;
    }
}
