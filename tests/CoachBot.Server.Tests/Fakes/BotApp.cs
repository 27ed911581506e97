using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CoachBot.BotFramework.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>
/// The server under test, with settings and services a test overrides: in memory, or on real Kestrel at
/// 127.0.0.1 (<see cref="StartOnKestrel"/>) for what the in-memory server does not exercise (HTTP framing,
/// connections, concurrency).
/// </summary>
public sealed class BotApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null, string environment = "Testing")
    : WebApplicationFactory<Program>
{
    public static readonly IPAddress Loopback = IPAddress.Loopback;

    /// <summary>The app id the authenticated test bots run with.</summary>
    public const string AppId = "5a1c3f6e-2b7d-4e8f-9a0b-1c2d3e4f5a6b";

    /// <summary>The server on Kestrel at 127.0.0.1, on a port the OS picks; <see cref="BaseAddress"/> says which.</summary>
    public static BotApp StartOnKestrel(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var app = new BotApp(new Dictionary<string, string?>(settings) { ["urls"] = "http://127.0.0.1:0" }, services);
        app.UseKestrel();
        app.StartServer();
        return app;
    }

    /// <summary>Where the Kestrel server listens ("http://127.0.0.1:{port}").</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Tests keep state in memory unless they choose a store: never the developer's own SQLite file.
        if (!settings.ContainsKey("Storage:Provider")) builder.UseSetting("Storage:Provider", "memory");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s =>
        {
            // No Entra ID on loopback: outbound calls carry a fixed token the connector fake can check.
            s.AddSingleton<IConnectorTokenProvider>(new FixedTokenProvider(string.IsNullOrEmpty(settings.GetValueOrDefault("MicrosoftAppId")) ? null : "outbound-test-token"));
            services?.Invoke(s);
        });
    }

    /// <summary>POSTs <paramref name="body"/> to /api/messages as a caller at <paramref name="remote"/> (loopback by default).</summary>
    public Task<BotResponse> PostAsync(string body, string? authorization = null, IPAddress? remote = null, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethods.Post, "/api/messages", body, "application/json", authorization, remote, headers);

    /// <summary>
    /// Any request, in memory, as a caller at <paramref name="remote"/> (loopback by default); <paramref name="pathAndQuery"/>
    /// may carry a query string.
    /// </summary>
    public async Task<BotResponse> SendAsync(string method, string pathAndQuery, string? body = null, string? contentType = null,
        string? authorization = null, IPAddress? remote = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = method;
            var query = pathAndQuery.IndexOf('?');
            c.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            if (query >= 0) c.Request.QueryString = new QueryString(pathAndQuery[query..]);
            if (contentType is not null) c.Request.ContentType = contentType;
            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                c.Request.Body = new MemoryStream(bytes);
                c.Request.ContentLength = bytes.Length;
            }
            if (authorization is not null) c.Request.Headers.Authorization = authorization;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) c.Request.Headers[name] = value;
            c.Connection.RemoteIpAddress = remote ?? Loopback;
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new BotResponse(context.Response.StatusCode, text)
        {
            Headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
    }

    public Task<BotResponse> PostAsync(JsonNode activity, string? authorization = null, IPAddress? remote = null, IReadOnlyDictionary<string, string>? headers = null) =>
        PostAsync(activity.ToJsonString(), authorization, remote, headers);

    private sealed class FixedTokenProvider(string? token) : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
    }
}

public sealed record BotResponse(int Status, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;
}
