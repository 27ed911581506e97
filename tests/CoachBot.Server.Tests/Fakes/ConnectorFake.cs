using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>One request the bot made to the connector.</summary>
public sealed record ConnectorRequest(string Path, string? Authorization, JsonObject Body)
{
    public string? Type => (string?)Body["type"];
    public string? Text => (string?)Body["text"];
    /// <summary>The Adaptive Card of a message, if it carries one.</summary>
    public JsonObject? Card => Body["attachments"]?[0]?["content"] as JsonObject;
}

/// <summary>
/// The Bot Framework connector on loopback: records every POST to /v3/conversations[...] and answers as Teams
/// does, or with the statuses a test queues (to exercise retries and refusals).
/// </summary>
public sealed class ConnectorFake : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private readonly Lock _gate = new();
    private readonly List<ConnectorRequest> _requests = [];
    private readonly Queue<(int Status, string? RetryAfter, string? Body)> _scripted = new();
    private int _ids;

    private ConnectorFake(LoopbackHost host) => _host = host;

    /// <summary>The serviceUrl to put on activities (with the trailing slash Teams uses).</summary>
    public string ServiceUrl => _host.BaseUrl + "/";

    /// <summary>Called for every request as it arrives (e.g. to release a test waiting for a typing indicator).</summary>
    public Action<ConnectorRequest>? OnRequest { get; set; }

    /// <summary>
    /// Awaited before a request is answered, when set: the bot's call waits as long as the task does (e.g. to catch
    /// the server between sending its replies and acknowledging the activity).
    /// </summary>
    public Func<ConnectorRequest, Task>? BeforeAnswer { get; set; }

    public static async Task<ConnectorFake> StartAsync()
    {
        ConnectorFake? fake = null;
        var host = await LoopbackHost.StartAsync(app =>
        {
            Func<HttpContext, Task<IResult>> handle = context => fake!.HandleAsync(context);
            app.MapPost("/v3/conversations/{**rest}", handle);
            app.MapPost("/v3/conversations", handle);
        });
        fake = new ConnectorFake(host);
        return fake;
    }

    public IReadOnlyList<ConnectorRequest> Requests
    {
        get { lock (_gate) return _requests.ToList(); }
    }

    /// <summary>Messages sent to <paramref name="conversationId"/> (typing indicators left out).</summary>
    public IReadOnlyList<ConnectorRequest> MessagesIn(string conversationId) =>
        Requests.Where(r => r.Type == "message" && (string?)r.Body["conversation"]?["id"] == conversationId).ToList();

    /// <summary>The next requests get these answers, in order, before normal service resumes.</summary>
    public void Script(int status, string? retryAfter = null, string? body = null)
    {
        lock (_gate) _scripted.Enqueue((status, retryAfter, body));
    }

    public void Clear()
    {
        lock (_gate) _requests.Clear();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        var request = new ConnectorRequest(Uri.UnescapeDataString(context.Request.Path.Value!), context.Request.Headers.Authorization.FirstOrDefault(), body);
        (int Status, string? RetryAfter, string? Body)? scripted = null;
        int id;
        lock (_gate)
        {
            _requests.Add(request);
            if (_scripted.Count > 0) scripted = _scripted.Dequeue();
            id = ++_ids;
        }
        OnRequest?.Invoke(request);
        if (BeforeAnswer is { } beforeAnswer) await beforeAnswer(request);

        if (scripted is { } s)
        {
            if (s.RetryAfter is not null) context.Response.Headers.RetryAfter = s.RetryAfter;
            return Results.Content(s.Body ?? "", "application/json", statusCode: s.Status);
        }
        return context.Request.Path.Value == "/v3/conversations"
            ? Results.Json(new { id = $"{body["channelData"]?["channel"]?["id"]};messageid={id}", activityId = id.ToString() })
            : Results.Json(new { id = id.ToString() });
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
