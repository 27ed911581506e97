using CoachBot.Core.Diagnostics;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachBot.Slack.Http;

/// <summary>
/// The Slack request URL's authentication, declared on its route (<see cref="SlackEndpointRouteBuilderExtensions.MapSlack"/>):
/// the raw body is read whole and its signature checked before anything parses it. A signed body travels to the
/// endpoint as a request feature (<see cref="SlackSignedBody"/>); nothing else reaches it. One instance serves every
/// request (a singleton added as the filter instance: the generic AddEndpointFilter&lt;T&gt; would build one per
/// request from a new dependency-injection scope, with its own HMAC key and log sampler).
/// </summary>
internal sealed partial class SlackSignatureFilter : IEndpointFilter
{
    private readonly SlackOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackSignatureFilter> _logger;
    private readonly SlackSignatureVerifier? _verifier;
    private readonly LogSampler _rejections;
    private readonly CoachBotMetrics _metrics;

    public SlackSignatureFilter(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackSignatureFilter> logger, CoachBotMetrics? metrics = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _verifier = _options.IsHttpEnabled ? new SlackSignatureVerifier(_options.SigningSecret!, time) : null;
        _rejections = new LogSampler(time);
        _metrics = metrics ?? CoachBotMetrics.Unobserved;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (_verifier is null) return Results.NotFound();
        var context = invocation.HttpContext;
        var started = _time.GetTimestamp();
        var request = context.Request;
        var (body, status) = await ReadBodyAsync(request, _options.MaxRequestBodyBytes, context.RequestAborted);
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

        context.Features.Set(new SlackSignedBody(body, started));
        return await next(invocation);
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
                    var body = System.Buffers.BuffersExtensions.ToArray(buffer);
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
}

/// <summary>A request body whose Slack signature checked out, and when its request began (for the slow-ack count).</summary>
internal sealed record SlackSignedBody(byte[] Body, long StartedTimestamp);
