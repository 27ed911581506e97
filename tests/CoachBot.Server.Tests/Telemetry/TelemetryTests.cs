using System.Collections.Concurrent;
using System.Text;
using CoachBot.Core.Diagnostics;
using CoachBot.Server.Tests.Authentication;
using CoachBot.Server.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CoachBot.Server.Tests.Telemetry;

/// <summary>
/// The coach's traces and metrics reach an OTLP collector when one is configured (here a loopback fake that keeps
/// what it is sent), and nothing is exported when none is.
/// </summary>
public sealed class TelemetryTests(AuthenticatedBotFixture authenticated) : IClassFixture<AuthenticatedBotFixture>
{
    [Fact]
    public async Task With_an_otlp_endpoint_a_turn_sends_its_span_and_the_coachs_metrics_to_the_collector()
    {
        await using var collector = await OtlpCollectorFake.StartAsync();
        await using var connector = await ConnectorFake.StartAsync();
        await using var bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "", [CoachBot.Server.Telemetry.EndpointKey] = collector.BaseUrl });

        var response = await bot.PostAsync(Activities.Message(connector.ServiceUrl, "otlp", "they say fine-tuning is more secure"));
        Assert.Equal(200, response.Status);
        Assert.True(bot.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(bot.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        var traces = collector.Received("/v1/traces");
        Assert.Contains("coachbot.turn", traces);
        Assert.Contains("coachbot.channel", traces);
        var metrics = collector.Received("/v1/metrics");
        foreach (var name in new[] { "coachbot.turns", "coachbot.turn.duration", "coachbot.lookups" })
            Assert.Contains(name, metrics);
    }

    [Fact]
    public async Task Without_an_endpoint_no_exporter_runs()
    {
        await using var bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" });

        Assert.Null(bot.Services.GetService<TracerProvider>());
        Assert.Null(bot.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://collector/")]
    public void An_endpoint_that_is_not_an_http_url_is_refused_naming_the_setting(string endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CoachBot.Server.Telemetry.EndpointKey] = endpoint }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCoachBotTelemetry(configuration));

        Assert.Contains(CoachBot.Server.Telemetry.EndpointKey, error.Message);
    }

    [Fact]
    public async Task A_request_without_a_token_is_counted_as_an_auth_rejection()
    {
        var meters = authenticated.Bot.Services.GetRequiredService<IMeterFactory>();
        using var rejections = new MetricCollector<long>(meters, CoachBotTelemetry.Name, "coachbot.auth.rejections");

        var response = await authenticated.Bot.PostAsync(Activities.Message(authenticated.Connector.ServiceUrl, "no-token", "hi"));

        Assert.Equal(401, response.Status);
        var rejection = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal("botframework", rejection.Tags["channel"]);
    }

    /// <summary>An OTLP/HTTP receiver on loopback that keeps the raw protobuf bodies it is sent, by path.</summary>
    private sealed class OtlpCollectorFake : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies = new();
        private LoopbackHost _host = null!;

        public string BaseUrl => _host.BaseUrl;

        public static async Task<OtlpCollectorFake> StartAsync()
        {
            var fake = new OtlpCollectorFake();
            fake._host = await LoopbackHost.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                fake._bodies.GetOrAdd("/v1/" + signal, _ => new()).Enqueue(body.ToArray());
                return Results.Ok();
            }));
            return fake;
        }

        /// <summary>Everything sent to <paramref name="path"/>; names and tag keys are plain UTF-8 inside protobuf.</summary>
        public string Received(string path) =>
            _bodies.TryGetValue(path, out var bodies) ? string.Join("\n", bodies.Select(b => Encoding.UTF8.GetString(b))) : "";

        public ValueTask DisposeAsync() => _host.DisposeAsync();
    }
}
