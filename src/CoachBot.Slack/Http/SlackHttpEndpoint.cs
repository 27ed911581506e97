using System.Buffers;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Security;
using Microsoft.AspNetCore.Http;
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
    ILogger<SlackHttpEndpoint> logger)
{
    private readonly SlackSignatureVerifier? _verifier =
        options.Value.IsHttpEnabled ? new SlackSignatureVerifier(options.Value.SigningSecret!, time) : null;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (_verifier is null) return Results.NotFound();
        var request = context.Request;
        var body = await ReadBodyAsync(request, options.Value.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        if (!_verifier.IsValid(SingleHeader(request, SlackSignatureVerifier.TimestampHeader), SingleHeader(request, SlackSignatureVerifier.SignatureHeader), body))
        {
            // Slack's certificate check may come unsigned (Bolt skips verification for it too); it is answered
            // without dispatching anything, so nothing unsigned gets further than this.
            if (IsSslCheck(request.ContentType, body)) return Results.Ok();
            LogRejectedSignature(context.Connection.RemoteIpAddress?.ToString());
            return Results.Unauthorized();
        }

        SlackInbound inbound;
        try { inbound = SlackPayloadParser.ParseHttpBody(request.ContentType, body); }
        catch (SlackPayloadException ex) { return Results.BadRequest(ex.Message); }

        if (inbound is SslCheck) return Results.Ok();
        if (inbound is not UrlVerification && !options.Value.IsTeamAllowed(inbound.TeamId))
        {
            LogTeamNotAllowed(inbound.TeamId);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var ack = await dispatcher.DispatchAsync(inbound, context.RequestAborted);
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

    private static bool IsSslCheck(string? contentType, byte[] body)
    {
        try { return SlackPayloadParser.ParseHttpBody(contentType, body) is SslCheck; }
        catch (SlackPayloadException) { return false; }
    }

    /// <summary>The raw body, or null when it is larger than <paramref name="limit"/>. Read whole before anything parses it.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            if (read.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>A header's value when present exactly once (a repeated signature header is refused, as Bolt does).</summary>
    private static string? SingleHeader(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request with a missing, stale or wrong signature from {RemoteAddress}")]
    private partial void LogRejectedSignature(string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request from workspace {TeamId}, which is not in Slack:AllowedTeamIds")]
    private partial void LogTeamNotAllowed(string? teamId);
}
