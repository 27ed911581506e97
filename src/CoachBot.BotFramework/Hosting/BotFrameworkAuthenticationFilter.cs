using System.Globalization;
using CoachBot.BotFramework.Authentication;
using CoachBot.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CoachBot.BotFramework.Hosting;

/// <summary>
/// Who is calling /api/messages, declared on the route (<see cref="BotFrameworkEndpoints.MapBotFramework"/>): the
/// bearer token alone (or, in anonymous mode, a local caller), checked before the body is read. The outcome travels
/// to the endpoint as a request feature, where what the token says about the activity is checked once it is parsed.
/// </summary>
public sealed class BotFrameworkAuthenticationFilter(BotFrameworkAuthenticator authenticator, BotFrameworkRejections rejections) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var caller = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
        if (!caller.Succeeded) return rejections.Reject(context, caller);
        context.Features.Set(caller);
        return await next(invocation);
    }
}

/// <summary>
/// How /api/messages refuses a caller, whichever check failed: a bare 401, or 503 with Retry-After when the signing
/// keys cannot be had; counted on coachbot.auth.rejections. The reason goes to the log only, a few lines a minute and
/// then a count, so a flood of bad requests cannot flood the log.
/// </summary>
public sealed partial class BotFrameworkRejections(ILoggerFactory loggers, TimeProvider time, CoachBotMetrics? metrics = null)
{
    private readonly ILogger _logger = loggers.CreateLogger(typeof(BotFrameworkEndpoints).FullName!);
    private readonly LogSampler _sampler = new(time);
    private readonly CoachBotMetrics _metrics = metrics ?? CoachBotMetrics.Unobserved;

    public IResult Reject(HttpContext context, AuthenticationOutcome outcome)
    {
        _metrics.AuthRejected("botframework", outcome.Status.ToString());
        var status = StatusCodes.Status401Unauthorized;
        if (outcome.Status == AuthenticationStatus.KeysUnavailable)
        {
            status = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (_sampler.ShouldLog(out var suppressed))
        {
            if (suppressed > 0) LogRejectionsSuppressed(suppressed);
            LogRejected(status, outcome.FailureReason);
        }
        return Results.StatusCode(status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a request to /api/messages with {Status}: {Reason}")]
    private partial void LogRejected(int status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Count} more requests to /api/messages in the last minute without logging each")]
    private partial void LogRejectionsSuppressed(long count);
}
