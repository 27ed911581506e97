using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Core.Hosting;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachBot.Slack.SocketMode;

/// <summary>
/// Socket Mode, for workspaces that cannot expose a public HTTPS endpoint: with Slack:AppToken set, connects to the
/// URL apps.connections.open returns, hands each envelope's payload to the same dispatcher as the HTTP endpoint,
/// acknowledges it by envelope_id (with the response payload, if any), and reconnects when Slack asks
/// (disconnect) or the socket drops. Failed connection attempts back off up to a minute, since
/// apps.connections.open is a Tier 1 method.
/// </summary>
public sealed partial class SocketModeService(
    IOptions<SlackOptions> options,
    SlackWebApiClient api,
    IServiceProvider services,
    TimeProvider time,
    ILogger<SocketModeService> logger,
    [FromKeyedServices(SlackServiceCollectionExtensions.SlackAllowListKey)] OrganizationAllowList allowList) : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsSocketModeEnabled) return;
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await api.OpenSocketConnectionAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
                await socket.ConnectAsync(url, stoppingToken);
                LogConnected();
                delay = FirstRetryDelay;
                await ReceiveUntilDisconnectAsync(socket, stoppingToken);
                await CloseQuietlyAsync(socket);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever broke this connection, the service keeps trying: a crashed BackgroundService stops the host.
                LogConnectionFailed(ex, delay);
            }
            try { await Task.Delay(delay, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
            delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
        }
    }

    private async Task ReceiveUntilDisconnectAsync(ClientWebSocket socket, CancellationToken stoppingToken)
    {
        while (socket.State == WebSocketState.Open && await ReceiveTextAsync(socket, stoppingToken) is { } text)
        {
            JsonNode? message;
            try { message = JsonNode.Parse(text); }
            catch (JsonException) { LogMalformedMessage(); continue; }

            switch (message?["type"]?.GetValue<string>())
            {
                case "hello":
                    continue;
                case "disconnect":
                    LogDisconnectRequested(message["reason"]?.GetValue<string>());
                    return;
            }
            if (message?["envelope_id"]?.GetValue<string>() is not { Length: > 0 } envelopeId) continue;

            var ack = new JsonObject { ["envelope_id"] = envelopeId };
            if (await HandleEnvelopeAsync(message, stoppingToken) is { } payload) ack["payload"] = JsonNode.Parse(payload.Utf8Json);
            await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, true, stoppingToken);
        }
    }

    /// <summary>The ack payload for one envelope. Malformed envelopes are acknowledged too, so Slack does not resend them.</summary>
    private async Task<SlackAck?> HandleEnvelopeAsync(JsonNode envelope, CancellationToken cancellationToken)
    {
        SlackInbound inbound;
        try
        {
            var payload = Encoding.UTF8.GetBytes(envelope["payload"]?.ToJsonString() ?? "null");
            inbound = envelope["type"]?.GetValue<string>() switch
            {
                "events_api" => SlackPayloadParser.ParseEventsApi(payload),
                "slash_commands" => SlackPayloadParser.ParseSlashCommand(payload),
                "interactive" => SlackPayloadParser.ParseInteraction(payload),
                var other => new IgnoredPayload(other ?? "", null),
            };
        }
        catch (Exception ex) when (ex is SlackPayloadException or JsonException or InvalidOperationException)
        {
            LogMalformedMessage();
            return null;
        }
        if (!allowList.Admits(inbound.TeamId))
        {
            LogTeamNotAllowed(inbound.TeamId);
            return null;
        }
        // Resolved per envelope, not when the host starts this service: the dispatcher's handlers need the coach, which
        // the server builds in the background while it starts (a singleton: the second envelope finds it built).
        return await services.GetRequiredService<SlackDispatcher>().DispatchAsync(inbound, cancellationToken);
    }

    /// <summary>The next whole text message, or null when the socket closed.</summary>
    private static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes) throw new WebSocketException("Socket Mode message too large.");
            if (result.EndOfMessage) return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token); }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { /* the old connection is being dropped anyway */ }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked to reconnect ({Reason})")]
    private partial void LogDisconnectRequested(string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection failed; retrying in {Delay}")]
    private partial void LogConnectionFailed(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed Socket Mode message")]
    private partial void LogMalformedMessage();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a Socket Mode envelope from workspace {TeamId}, which is not in Slack:AllowedTeamIds")]
    private partial void LogTeamNotAllowed(string? teamId);
}
