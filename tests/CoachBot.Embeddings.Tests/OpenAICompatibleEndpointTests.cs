using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CoachBot.Core.Playbook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Embeddings.Tests;

/// <summary>
/// Embeddings:Provider=OpenAI: an OpenAI-compatible endpoint stands in for the shipped model by configuration alone.
/// The endpoint here is a fake on a loopback port that answers /v1/embeddings as OpenAI does.
/// </summary>
public sealed class OpenAICompatibleEndpointTests : IAsyncLifetime
{
    private WebApplication _fake = null!;
    private readonly ConcurrentQueue<(string? Authorization, JsonObject Body)> _requests = new();
    private volatile bool _failing;

    public string Endpoint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _fake = builder.Build();
        _fake.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            _requests.Enqueue((context.Request.Headers.Authorization.ToString(), body));
            if (_failing) return Results.StatusCode(StatusCodes.Status500InternalServerError);
            var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
            var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
            var data = new JsonArray();
            for (var i = 0; i < inputs.Count; i++)
            {
                var vector = FakeVector(inputs[i]);
                JsonNode embedding = base64
                    ? Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray())
                    : new JsonArray(vector.Select(v => (JsonNode)v).ToArray());
                data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
            }
            return Results.Json(new JsonObject
            {
                ["object"] = "list", ["data"] = data, ["model"] = body["model"]!.GetValue<string>(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["total_tokens"] = 1 },
            });
        });
        await _fake.StartAsync();
        var address = _fake.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Endpoint = address + "/v1";
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static readonly PlaybookContent Playbook = PlaybookLoader.LoadEmbedded();

    private EmbeddingOptions Options => new()
    {
        Provider = EmbeddingProvider.OpenAI, Endpoint = Endpoint, Model = "text-embedding-test", ApiKey = "test-key-not-a-secret", CachePath = "",
    };

    [Fact]
    public async Task The_playbook_and_each_query_are_embedded_by_the_configured_endpoint()
    {
        var understanding = await UnderstandingFactory.BuildAsync(Playbook, Options, NullLoggerFactory.Instance);
        var before = _requests.Count;

        await understanding.LookupAsync("a question worded like nothing in the playbook");

        Assert.True(understanding.IsSemantic);
        Assert.Contains("text-embedding-test", understanding.Description);
        Assert.Equal(before + 1, _requests.Count);
        Assert.All(_requests, r =>
        {
            Assert.Equal("Bearer test-key-not-a-secret", r.Authorization);
            Assert.Equal("text-embedding-test", r.Body["model"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task An_endpoint_that_fails_stops_the_build_with_what_to_check()
    {
        _failing = true;

        var error = await Assert.ThrowsAsync<EmbeddingSetupException>(() => UnderstandingFactory.BuildAsync(Playbook, Options, NullLoggerFactory.Instance));

        Assert.Contains(Endpoint, error.Message);
        Assert.Contains("Embeddings:Endpoint", error.Message);
        Assert.DoesNotContain("test-key-not-a-secret", error.Message);
    }

    [Theory]
    [InlineData(null, "text-embedding-test", "key", "Embeddings:Endpoint")]
    [InlineData("not a url", "text-embedding-test", "key", "Embeddings:Endpoint")]
    [InlineData("http://127.0.0.1:9/v1", null, "key", "Embeddings:Model")]
    [InlineData("http://127.0.0.1:9/v1", "text-embedding-test", null, "Embeddings:ApiKey")]
    public void Missing_endpoint_settings_are_named(string? endpoint, string? model, string? key, string setting)
    {
        var options = new EmbeddingOptions { Provider = EmbeddingProvider.OpenAI, Endpoint = endpoint, Model = model, ApiKey = key };

        var error = Assert.Throws<EmbeddingSetupException>(() => UnderstandingFactory.CreateGenerator(options));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public async Task Provider_none_reads_words_only_and_says_so()
    {
        var log = new ListLogger();

        var understanding = await UnderstandingFactory.BuildAsync(Playbook, new EmbeddingOptions { Provider = EmbeddingProvider.None }, new ListLoggerFactory(log));

        Assert.False(understanding.IsSemantic);
        Assert.Contains(log.Lines, line => line.Contains("without an embedding model", StringComparison.Ordinal));
        Assert.False((await understanding.LookupAsync("cost")).IsNoMatch);
    }

    /// <summary>A deterministic 8-float vector from the text's letters, so equal texts embed equally.</summary>
    private static float[] FakeVector(string text)
    {
        var vector = new float[8];
        foreach (var c in text.ToLowerInvariant()) vector[c % 8] += 1;
        return vector;
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    private sealed class ListLoggerFactory(ListLogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
    }
}
