using System.Buffers;
using System.Threading.RateLimiting;
using CoachBot.Core.Diagnostics;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachBot.Slack.Http;

/// <summary>
/// The single request URL for events, slash commands and interactivity. Order matters: the body is read raw and
/// its signature checked before anything is parsed; only then is it parsed, checked against the workspace
/// allow-list and dispatched.
/// </summary>
internal sealed partial class SlackHttpEndpoint(
    IOptions<SlackOptions> options,
    TimeProvider time,
    SlackDispatcher dispatcher,
    ILogger<SlackHttpEndpoint> logger,
    [FromKeyedServices(SlackEndpointRouteBuilderExtensions.TurnLimiterKey)] RateLimiter? turns = null,
    CoachBotMetrics? metrics = null)
{
    private readonly SlackSignatureVerifier? _verifier =
        options.Value.IsHttpEnabled ? new SlackSignatureVerifier(options.Value.SigningSecret!, time) : null;
    private readonly LogSampler _rejections = new(time);
    private readonly CoachBotMetrics _metrics = metrics ?? CoachBotMetrics.Unobserved;

    /// <summary>Slack gives up on an acknowledgement after 3 s; one later than this is counted as a warning sign.</summary>
    public static readonly TimeSpan SlowAck = TimeSpan.FromSeconds(2.5);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (_verifier is null) return Results.NotFound();
        var started = time.GetTimestamp();
        var request = context.Request;
        var (body, status) = await ReadBodyAsync(request, options.Value.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null) return Results.StatusCode(status);

        if (!_verifier.IsValid(SingleHeader(request, SlackSignatureVerifier.TimestampHeader), SingleHeader(request, SlackSignatureVerifier.SignatureHeader), body))
        {
            // Slack's certificate check may come unsigned (Bolt skips verification for it too); it is answered
            // without dispatching anything, and only its one field is read, so nothing unsigned is parsed.
            if (SlackPayloadParser.IsSslCheck(request.ContentType, body)) return Results.Ok();
            _metrics.AuthRejected("slack", "BadSignature");
            if (_rejections.ShouldLog(out var suppressed))
            {
                if (suppressed > 0) LogRejectionsSuppressed(suppressed);
                LogRejectedSignature(context.Connection.RemoteIpAddress?.ToString());
            }
            return Results.Unauthorized();
        }

        SlackInbound inbound;
        try { inbound = SlackPayloadParser.ParseHttpBody(request.ContentType, body); }
        catch (SlackPayloadException ex) { return Results.BadRequest(ex.Message); }

        if (inbound is SslCheck) return Results.Ok();
        if (inbound is not UrlVerification && !options.Value.IsTeamAllowed(inbound.TeamId))
        {
            LogTeamNotAllowed(inbound.TeamId);
            _metrics.AuthRejected("slack", "TeamNotAllowed");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // A place among the requests in flight, taken only now that the request is known to come from Slack: a body
        // must arrive whole before its signature can be checked, and unsigned ones trickling in must not hold places.
        using var place = turns is null ? null : await turns.AcquireAsync(1, context.RequestAborted);
        if (place is { IsAcquired: false })
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var ack = await dispatcher.DispatchAsync(inbound, context.RequestAborted);
        // Counted only for signed requests: an unsigned body trickling in slowly is not Slack waiting.
        if (time.GetElapsedTime(started) > SlowAck) _metrics.SlowSlackAck();
        return ack is null ? Results.Ok() : new JsonAckResult(ack);
    }

    /// <summary>
    /// An acknowledgement's JSON written as it is. The framework's byte and text results go through file-result
    /// handling (ranges, preconditions) and resolve a logger from the request's services; a slash command's answer
    /// needs neither, and this is the path every look-up takes.
    /// </summary>
    private sealed class JsonAckResult(SlackAck ack) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = ack.Utf8Json.Length;
            await response.BodyWriter.WriteAsync(ack.Utf8Json, httpContext.RequestAborted);
        }
    }

    /// <summary>
    /// The raw body, read whole before anything parses it; or null and the status to answer: 413 when it is larger
    /// than <paramref name="limit"/>, 400 when its framing is broken (Kestrel refuses a bad chunked encoding, or the
    /// connection fails, while it is read).
    /// </summary>
    private static async Task<(byte[]? Body, int Status)> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return (null, StatusCodes.Status413PayloadTooLarge);
        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                if (buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    return (null, StatusCodes.Status413PayloadTooLarge);
                }
                if (read.IsCompleted)
                {
                    var body = buffer.ToArray();
                    reader.AdvanceTo(buffer.End);
                    return (body, StatusCodes.Status200OK);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return (null, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>A header's value when present exactly once (a repeated signature header is refused, as Bolt does).</summary>
    private static string? SingleHeader(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request with a missing, stale or wrong signature from {RemoteAddress}")]
    private partial void LogRejectedSignature(string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} more Slack requests with a missing, stale or wrong signature in the last minute without logging each")]
    private partial void LogRejectionsSuppressed(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request from workspace {TeamId}, which is not in Slack:AllowedTeamIds")]
    private partial void LogTeamNotAllowed(string? teamId);
}
