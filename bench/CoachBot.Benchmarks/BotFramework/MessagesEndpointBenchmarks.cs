using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Running;
using CoachBot.BotFramework.Connector;
using CoachBot.BotFramework.Hosting;
using CoachBot.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.Benchmarks.BotFramework;

/// <summary>
/// Turns over HTTP as Teams sends them: POST /api/messages with a channel JWT (validated against cached keys from a
/// loopback OpenID metadata server), the coach turn, and the reply POSTed to a loopback connector, all on real
/// Kestrel. Each measured invocation is a batch of <see cref="Concurrency"/> turns in flight at once, so
/// "Turns/s" = Concurrency / mean batch time and "Batch P99" is an upper bound of the p99 of one turn under
/// that load. Targets: >= 2,000 turns/s and p99 <= 20 ms on 2 cores.
/// </summary>
[Config(typeof(Columns))]
[GcServer(false), GcConcurrent(false)] // as the server runs: workstation GC without background collections (CoachBot.Server.csproj)
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 50, iterationCount: 1000, invocationCount: 1)]
public class MessagesEndpointBenchmarks
{
    private const string AppId = "5a1c3f6e-2b7d-4e8f-9a0b-1c2d3e4f5a6b";
    private const string Issuer = "https://api.botframework.com";

    private WebApplication _metadata = null!;
    private WebApplication _connector = null!;
    private WebApplication _bot = null!;
    private HttpClient _client = null!;
    private string _authorization = "";
    private byte[][] _bodies = [];
    private int _next;

    [Params(16, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench-key" };
        _metadata = await StartAsync(app =>
        {
            app.MapGet("/metadata", (HttpContext c) => Results.Json(new JsonObject
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = $"http://{c.Request.Host}/keys",
            }));
            var p = key.Rsa.ExportParameters(false);
            app.MapGet("/keys", () => Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["endorsements"] = new JsonArray("msteams"),
                }),
            }));
        });
        _connector = await StartAsync(app =>
        {
            app.MapPost("/v3/conversations/{**rest}", async (HttpContext c) =>
            {
                await c.Request.Body.CopyToAsync(Stream.Null);
                return Results.Json(new { id = "1" });
            });
        });
        var serviceUrl = Address(_connector) + "/";

        _bot = await StartAsync(app => { app.MapHealth(); app.MapBotFramework(); }, (builder) =>
        {
            builder.Configuration["MicrosoftAppId"] = AppId;
            builder.Configuration["MicrosoftAppPassword"] = "unused: the outbound token is fixed below";
            builder.Configuration["ToBotFromChannelOpenIdMetadataUrl"] = Address(_metadata) + "/metadata";
            builder.Services.AddCoachBot(builder.Configuration);
            builder.Services.AddBotFramework(builder.Configuration);
            builder.Services.AddSingleton<IConnectorTokenProvider>(new FixedToken());
        });

        _authorization = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            Expires = DateTime.UtcNow.AddHours(12),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        // A pool of conversations, each asked for a phrase: a full turn (state load/save, look-up, card, reply).
        _bodies = Enumerable.Range(0, 256).Select(i => Encoding.UTF8.GetBytes(new JsonObject
        {
            ["type"] = "message", ["id"] = $"m{i}", ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = "29:seller" }, ["recipient"] = new JsonObject { ["id"] = "28:" + AppId },
            ["conversation"] = new JsonObject { ["id"] = $"a:bench-{i}", ["conversationType"] = "personal" },
            ["text"] = "phrase cost",
        }.ToJsonString())).ToArray();

        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(Address(_bot)) };
        for (var i = 0; i < 50; i++) await TurnAsync();
    }

    [Benchmark(Description = "POST /api/messages (JWT) -> turn -> connector reply")]
    public Task Batch() => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => TurnAsync()));

    private async Task TurnAsync()
    {
        var body = _bodies[(uint)Interlocked.Increment(ref _next) % _bodies.Length];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _authorization);
        using var response = await _client.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/api/messages answered {(int)response.StatusCode}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        foreach (var app in new[] { _bot, _connector, _metadata }) app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private sealed class FixedToken : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("bench-token");
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new BatchColumn("Batch P99", s => $"{s.Percentiles.Percentile(99) / 1e6:0.00} ms"),
                new BatchColumn("Turns/s", (s, c) => $"{c * 1e9 / s.Mean:N0}"));
        }
    }

    /// <summary>A column computed from a benchmark's statistics (and its concurrency).</summary>
    private sealed class BatchColumn(string name, Func<Statistics, int, string> value) : IColumn
    {
        public BatchColumn(string name, Func<Statistics, string> value) : this(name, (s, _) => value(s)) { }

        public string Id => name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 10;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name == "Turns/s" ? "Concurrency / mean batch time" : "99th percentile of the time for one batch of concurrent turns";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null) return "-";
            var concurrency = (int)benchmarkCase.Parameters[nameof(Concurrency)];
            return value(statistics, concurrency);
        }
    }
}
