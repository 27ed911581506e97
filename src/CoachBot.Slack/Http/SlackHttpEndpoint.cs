using System.Threading.RateLimiting;
using CoachBot.Core.Diagnostics;
using CoachBot.Core.Hosting;
using CoachBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachBot.Slack.Http;

/// <summary>
/// The single request URL for events, slash commands and interactivity, behind <see cref="SlackSignatureFilter"/>
/// (declared on the route): it gets the raw body only once its signature checked out, and parses it, checks it
/// against the workspace allow-list and dispatches it.
/// </summary>
internal sealed partial class SlackHttpEndpoint(
    TimeProvider time,
    SlackDispatcher dispatcher,
    ILogger<SlackHttpEndpoint> logger,
    [FromKeyedServices(SlackServiceCollectionExtensions.SlackAllowListKey)] OrganizationAllowList allowList,
    [FromKeyedServices(SlackEndpointRouteBuilderExtensions.TurnLimiterKey)] RateLimiter? turns = null,
    CoachBotMetrics? metrics = null)
{
    private readonly CoachBotMetrics _metrics = metrics ?? CoachBotMetrics.Unobserved;

    /// <summary>Slack gives up on an acknowledgement after 3 s; one later than this is counted as a warning sign.</summary>
    public static readonly TimeSpan SlowAck = TimeSpan.FromSeconds(2.5);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        // Set by the filter on the route; without it (a mapping that lost its filter) nothing is served.
        if (context.Features.Get<SlackSignedBody>() is not { } signed) return Results.Unauthorized();
        var (body, started) = (signed.Body, signed.StartedTimestamp);
        var request = context.Request;

        SlackInbound inbound;
        try { inbound = SlackPayloadParser.ParseHttpBody(request.ContentType, body); }
        catch (SlackPayloadException ex) { return Results.BadRequest(ex.Message); }

        if (inbound is SslCheck) return Results.Ok();
        if (inbound is not UrlVerification && !allowList.Admits(inbound.TeamId))
        {
            LogTeamNotAllowed(inbound.TeamId);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request from workspace {TeamId}, which is not in Slack:AllowedTeamIds")]
    private partial void LogTeamNotAllowed(string? teamId);
}
