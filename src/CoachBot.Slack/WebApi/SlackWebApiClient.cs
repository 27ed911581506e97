using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace CoachBot.Slack.WebApi;

/// <summary>
/// The Slack Web API methods the bot uses, called with JSON bodies and a bearer token (never in the URL or body).
/// <c>ok:false</c> answers become <see cref="SlackApiException"/>; HTTP 429 is retried after the Retry-After delay.
/// Messages are JSON objects with <c>text</c> and <c>blocks</c>, as the Block Kit renderer produces them.
/// </summary>
public sealed class SlackWebApiClient
{
    /// <summary>How many times a rate-limited call is retried before its error is surfaced.</summary>
    public const int MaxRateLimitRetries = 3;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    /// <summary>The IHttpClientFactory client name, so hosts can add handlers (proxies, resilience) to it.</summary>
    public const string HttpClientName = "Slack";

    private readonly IHttpClientFactory _httpClients;
    private readonly SlackOptions _options;
    private readonly TimeProvider _time;

    public SlackWebApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options, TimeProvider time)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
    }

    private HttpClient Http => _httpClients.CreateClient(HttpClientName);

    public async Task<PostedMessage> PostMessageAsync(string channel, JsonObject message, string? threadTs = null, CancellationToken cancellationToken = default)
    {
        var args = Copy(message);
        args["channel"] = channel;
        if (!string.IsNullOrEmpty(threadTs)) args["thread_ts"] = threadTs;
        var result = await CallBotAsync("chat.postMessage", args, SlackWebApiJsonContext.Default.PostMessageResponse, cancellationToken);
        return new PostedMessage(result.Channel ?? "", result.Ts ?? "");
    }

    public Task PostEphemeralAsync(string channel, string user, JsonObject message, string? threadTs = null, CancellationToken cancellationToken = default)
    {
        var args = Copy(message);
        args["channel"] = channel;
        args["user"] = user;
        if (!string.IsNullOrEmpty(threadTs)) args["thread_ts"] = threadTs;
        return CallBotAsync("chat.postEphemeral", args, cancellationToken);
    }

    public Task UpdateMessageAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken = default)
    {
        var args = Copy(message);
        args["channel"] = channel;
        args["ts"] = ts;
        // Without blocks, chat.update keeps the old ones; an empty list replaces them.
        args["blocks"] ??= new JsonArray();
        return CallBotAsync("chat.update", args, cancellationToken);
    }

    public Task OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken = default) =>
        CallBotAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, cancellationToken);

    public Task PublishViewAsync(string userId, JsonObject view, CancellationToken cancellationToken = default) =>
        CallBotAsync("views.publish", new JsonObject { ["user_id"] = userId, ["view"] = view.DeepClone() }, cancellationToken);

    /// <summary>The DM channel id with <paramref name="userId"/> (conversations.open).</summary>
    public async Task<string> OpenConversationAsync(string userId, CancellationToken cancellationToken = default)
    {
        var result = await CallBotAsync("conversations.open", new JsonObject { ["users"] = userId }, SlackWebApiJsonContext.Default.ConversationsOpenResponse, cancellationToken);
        return result.Channel?.Id ?? throw new SlackApiException("conversations.open", "missing_channel_id");
    }

    public async Task<SlackBotIdentity> AuthTestAsync(CancellationToken cancellationToken = default)
    {
        var result = await CallBotAsync("auth.test", new JsonObject(), SlackWebApiJsonContext.Default.AuthTestResponse, cancellationToken);
        return new SlackBotIdentity(result.UserId ?? "", result.BotId, result.TeamId ?? "");
    }

    /// <summary>A fresh Socket Mode WebSocket URL (apps.connections.open, with the app-level token).</summary>
    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken = default)
    {
        var token = _options.AppToken is { Length: > 0 } t ? t : throw new InvalidOperationException("Slack:AppToken is not configured.");
        var result = await CallAsync("apps.connections.open", new JsonObject(), token, SlackWebApiJsonContext.Default.ConnectionsOpenResponse, cancellationToken);
        return Uri.TryCreate(result.Url, UriKind.Absolute, out var url)
            ? url
            : throw new SlackApiException("apps.connections.open", "missing_url");
    }

    /// <summary>
    /// Posts to an interaction's or slash command's response_url. <paramref name="message"/> may carry
    /// response_type, replace_original or delete_original besides text and blocks.
    /// </summary>
    public async Task PostToResponseUrlAsync(string responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            throw new SlackApiException("response_url", "invalid_url");
        if (!_options.IsResponseUrlAllowed(url))
            throw new SlackApiException("response_url", "host_not_allowed");
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonBody(message) };
            using var response = await Http.SendAsync(request, cancellationToken);
            if (await WaitIfRateLimitedAsync(response, attempt, cancellationToken)) continue;
            if (response.IsSuccessStatusCode) return;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            // Slack answers a spent or expired URL with a short code ("used_url", "expired_url") as the body.
            throw new SlackApiException("response_url", body.Length is > 0 and <= 64 ? body.Trim() : $"http_{(int)response.StatusCode}");
        }
    }

    private Task<SlackApiResponse> CallBotAsync(string method, JsonObject args, CancellationToken cancellationToken) =>
        CallBotAsync(method, args, SlackWebApiJsonContext.Default.SlackApiResponse, cancellationToken);

    private Task<T> CallBotAsync<T>(string method, JsonObject args, JsonTypeInfo<T> answer, CancellationToken cancellationToken) where T : SlackApiResponse
    {
        var token = _options.BotToken is { Length: > 0 } t ? t : throw new InvalidOperationException("Slack:BotToken is not configured.");
        return CallAsync(method, args, token, answer, cancellationToken);
    }

    private async Task<T> CallAsync<T>(string method, JsonObject args, string token, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
        where T : SlackApiResponse
    {
        var url = new Uri(new Uri(WithTrailingSlash(_options.ApiBaseUrl)), method);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonBody(args) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Http.SendAsync(request, cancellationToken);
            if (await WaitIfRateLimitedAsync(response, attempt, cancellationToken)) continue;
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throw new SlackApiException(method, "ratelimited");
            if (!response.IsSuccessStatusCode) throw new SlackApiException(method, $"http_{(int)response.StatusCode}");

            T? result;
            try { result = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(cancellationToken), answer, cancellationToken); }
            catch (JsonException) { throw new SlackApiException(method, "invalid_response"); }
            if (result is null) throw new SlackApiException(method, "invalid_response");
            if (!result.Ok) throw new SlackApiException(method, result.Error ?? "unknown_error");
            return result;
        }
    }

    /// <summary>True after waiting out a 429 that may still be retried; false when the response is not one.</summary>
    private async Task<bool> WaitIfRateLimitedAsync(HttpResponseMessage response, int attempt, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt >= MaxRateLimitRetries) return false;
        var delay = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => TimeSpan.FromSeconds(1),
        };
        if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, cancellationToken);
        return true;
    }

    private static JsonObject Copy(JsonObject message) => message.DeepClone().AsObject();

    private static StringContent JsonBody(JsonNode body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    private static string WithTrailingSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
