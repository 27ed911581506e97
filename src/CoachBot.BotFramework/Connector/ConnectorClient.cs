using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CoachBot.BotFramework.Schema;

namespace CoachBot.BotFramework.Connector;

/// <summary>A connector call that failed after retries; <see cref="StatusCode"/> tells the caller what to say.</summary>
public sealed class ConnectorException(HttpStatusCode statusCode, string? errorCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    /// <summary>The connector's error code or Teams subCode (e.g. MessageWritesBlocked), when it sent one.</summary>
    public string? ErrorCode { get; } = errorCode;
}

/// <summary>
/// The Bot Framework connector REST API (v3) at an activity's serviceUrl. Retries of 429/412/502/504 happen in
/// the HTTP pipeline (see <see cref="BotFrameworkServiceCollectionExtensions"/>); everything else surfaces as a
/// <see cref="ConnectorException"/>.
/// </summary>
public sealed class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens)
{
    /// <summary>Replies in a thread when <see cref="Activity.ReplyToId"/> is set, otherwise posts to the conversation.</summary>
    public async Task<ResourceResponse?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activity.ServiceUrl);
        ArgumentException.ThrowIfNullOrEmpty(activity.Conversation?.Id);
        var path = $"v3/conversations/{Uri.EscapeDataString(activity.Conversation.Id)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId)) path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        var content = JsonContent.Create(activity, BotFrameworkJson.Context.Activity);
        return await PostAsync(activity.ServiceUrl, path, content, BotFrameworkJson.Context.ResourceResponse, cancellationToken);
    }

    /// <summary>Starts a conversation; in a Teams channel this is a new thread (channelData.channel.id).</summary>
    public async Task<ConversationResourceResponse?> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var content = JsonContent.Create(parameters, BotFrameworkJson.Context.ConversationParameters);
        return await PostAsync(serviceUrl, "v3/conversations", content, BotFrameworkJson.Context.ConversationResourceResponse, cancellationToken);
    }

    private async Task<T?> PostAsync<T>(string serviceUrl, string path, HttpContent content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(serviceUrl, path)) { Content = content };
        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ConnectorException(response.StatusCode, ErrorCode(body), $"The connector answered {(int)response.StatusCode} to POST {path}.");
        // offline-directline answers 200 with an empty body; Teams with a ResourceResponse.
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonSerializer.Deserialize(body, responseType);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>serviceUrl with exactly one '/' before "v3" (Teams sends a trailing slash, offline-directline does not).</summary>
    internal static Uri Endpoint(string serviceUrl, string path) => new(serviceUrl.TrimEnd('/') + "/" + path, UriKind.Absolute);

    private static string? ErrorCode(string body)
    {
        // {"error":{"code":"BotNotInConversationRoster","message":"..."}} or Teams' {"subCode":"MessageWritesBlocked"}
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("subCode", out var sub) && sub.ValueKind == JsonValueKind.String) return sub.GetString();
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object &&
                error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String) return code.GetString();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
