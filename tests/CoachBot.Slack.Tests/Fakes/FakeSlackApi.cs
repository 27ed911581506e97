using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachBot.Slack.Tests.Fakes;

/// <summary>One outbound call the bot made: the Web API method (or "response_url/{name}"), its bearer token and JSON body.</summary>
public sealed record RecordedCall(string Method, string? Authorization, string? ContentType, JsonObject Body);

/// <summary>A canned answer for the next call of a method.</summary>
public sealed record FakeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Error(string error) => new(200, new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString());
    public static FakeResponse RateLimited(int retryAfterSeconds) =>
        new(429, """{"ok":false,"error":"ratelimited"}""", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString() });
}

/// <summary>
/// A loopback stand-in for slack.com (real Kestrel on 127.0.0.1, port 0): records every Web API and response_url
/// call, answers with plausible defaults or queued responses, and serves a Socket Mode WebSocket.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    public const string BotId = "BBOT";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _responses = new();
    private readonly Channel<FakeSocket> _sockets = Channel.CreateUnbounded<FakeSocket>();
    private int _messageCounter;

    private FakeSlackApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public IReadOnlyCollection<RecordedCall> Calls => _calls.ToArray();

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.UseWebSockets();
        app.Map("/socket", fake.AcceptSocketAsync);
        app.MapPost("/api/{method}", (HttpContext context, string method) => fake.HandleAsync(context, method));
        app.MapPost("/response/{name}", (HttpContext context, string name) => fake.HandleAsync(context, "response_url/" + name));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/');
        return fake;
    }

    public string ApiBaseUrl => BaseUrl + "/api/";
    public string ResponseUrl(string name) => $"{BaseUrl}/response/{name}";

    /// <summary>Answers the next call of <paramref name="method"/> with <paramref name="response"/> instead of the default.</summary>
    public void Enqueue(string method, FakeResponse response) => _responses.GetOrAdd(method, _ => new()).Enqueue(response);

    /// <summary>The <paramref name="occurrence"/>-th call of a method, waiting for it to arrive.</summary>
    public async Task<RecordedCall> WaitForCallAsync(string method, int occurrence = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = _calls.Where(c => c.Method == method).ToList();
            if (matching.Count >= occurrence) return matching[occurrence - 1];
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No call #{occurrence} of {method}; calls so far: {string.Join(", ", _calls.Select(c => c.Method))}");
            await Task.Delay(20);
        }
    }

    public int CountCalls(string method) => _calls.Count(c => c.Method == method);

    /// <summary>The next Socket Mode connection the bot opens.</summary>
    public async Task<FakeSocket> AcceptSocketAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _sockets.Reader.ReadAsync(cts.Token);
    }

    private async Task<IResult> HandleAsync(HttpContext context, string method)
    {
        var text = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var body = JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject ?? [];
        _calls.Enqueue(new RecordedCall(method, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType, body));

        if (_responses.TryGetValue(method, out var queue) && queue.TryDequeue(out var canned))
        {
            foreach (var (name, value) in canned.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            return Results.Text(canned.Body, "application/json", statusCode: canned.Status);
        }
        if (method.StartsWith("response_url/", StringComparison.Ordinal)) return Results.Text("ok", "text/plain");

        var ok = new JsonObject { ["ok"] = true };
        switch (method)
        {
            case "auth.test":
                ok["user_id"] = BotUserId; ok["bot_id"] = BotId; ok["team_id"] = "T1"; ok["user"] = "coachbot";
                break;
            case "chat.postMessage":
                ok["channel"] = body["channel"]?.GetValue<string>(); ok["ts"] = $"1700000000.{Interlocked.Increment(ref _messageCounter):D6}";
                break;
            case "conversations.open":
                ok["channel"] = new JsonObject { ["id"] = "D0SELLER" };
                break;
            case "apps.connections.open":
                ok["url"] = BaseUrl.Replace("http://", "ws://") + "/socket";
                break;
        }
        return Results.Text(ok.ToJsonString(), "application/json");
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var fake = new FakeSocket(socket);
        await _sockets.Writer.WriteAsync(fake);
        await fake.Closed;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The server side of one Socket Mode connection.</summary>
public sealed class FakeSocket(WebSocket socket)
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Task Closed => _closed.Task;

    public Task SendAsync(JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message from the bot, or null when it closed the connection.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(message.ToArray())!.AsObject();
        }
    }

    /// <summary>Ends the connection from the server side.</summary>
    public async Task CloseAsync()
    {
        try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None); }
        catch (WebSocketException) { }
        _closed.TrySetResult();
    }

    /// <summary>Lets the server handler finish once the bot has gone.</summary>
    public void Release() => _closed.TrySetResult();
}
