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
    public async Task SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activity.ServiceUrl);
        ArgumentException.ThrowIfNullOrEmpty(activity.Conversation?.Id);
        var path = $"v3/conversations/{Uri.EscapeDataString(activity.Conversation.Id)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId)) path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        var content = JsonContent.Create(activity, BotFrameworkJsonContext.Default.Activity);
        await PostAsync(activity.ServiceUrl, path, content, cancellationToken);
    }

    /// <summary>Starts a conversation; in a Teams channel this is a new thread (channelData.channel.id).</summary>
    public async Task CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var content = JsonContent.Create(parameters, BotFrameworkJsonContext.Default.ConversationParameters);
        await PostAsync(serviceUrl, "v3/conversations", content, cancellationToken);
    }

    private async Task PostAsync(string serviceUrl, string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(serviceUrl, path)) { Content = content };
        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The answer's body (a ResourceResponse from Teams, nothing from offline-directline) is not needed.
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new ConnectorException(response.StatusCode, ErrorCode(body), $"The connector answered {(int)response.StatusCode} to POST {path}.");
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
