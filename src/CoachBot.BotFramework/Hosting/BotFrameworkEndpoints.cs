using System.Buffers;
using System.Text.Json;
using System.Threading.RateLimiting;
using CoachBot.BotFramework.Authentication;
using CoachBot.BotFramework.Schema;
using CoachBot.Core.Diagnostics;
using CoachBot.Core.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachBot.BotFramework.Hosting;

public static partial class BotFrameworkEndpoints
{
    /// <summary>Largest accepted activity. Teams messages are at most ~100 KB; cards from Teams are smaller still.</summary>
    public const int MaxActivityBytes = 256 * 1024;

    /// <summary>
    /// The key of the <see cref="RateLimiter"/> (a keyed service, optional) that caps the turns this endpoint runs
    /// at once; an authenticated request that gets no place from it is answered 503 with Retry-After.
    /// </summary>
    public const string TurnLimiterKey = "BotFramework.Turns";

    /// <summary>
    /// Maps POST /api/messages, the endpoint every Bot Framework channel calls, with its authentication declared on the
    /// route: <see cref="BotFrameworkAuthenticationFilter"/> runs before the handler reads anything of the body.
    /// With <see cref="BotFrameworkOptions.BotFrameworkEnabled"/> false nothing is mapped, and null is returned.
    /// </summary>
    public static IEndpointConventionBuilder? MapBotFramework(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        var services = endpoints.ServiceProvider;
        if (!services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.BotFrameworkEnabled) return null;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotFrameworkEndpoints).FullName!);
        var rejections = services.GetRequiredService<BotFrameworkRejections>();
        var turns = services.GetKeyedService<RateLimiter>(TurnLimiterKey);
        // A Delegate, not a RequestDelegate: filters only run on route handlers.
        Delegate handler = (HttpContext context) => HandleAsync(context, logger, rejections, turns);
        return endpoints.MapPost(pattern, handler).AddEndpointFilter(services.GetRequiredService<BotFrameworkAuthenticationFilter>());
    }

    /// <summary>
    /// One request from an authenticated caller, in this order: the body, the activity, what the token says about the
    /// activity, a place among the turns in flight, the turn. A caller that fails a check learns only the status code.
    /// </summary>
    private static async Task HandleAsync(HttpContext context, ILogger logger, BotFrameworkRejections rejections, RateLimiter? turns)
    {
        var cancellationToken = context.RequestAborted;
        var services = context.RequestServices;
        // Set by the filter on the route; without it (a mapping that lost its filter) nothing is served.
        if (context.Features.Get<AuthenticationOutcome>() is not { Succeeded: true } caller)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var (body, status) = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            context.Response.StatusCode = status;
            return;
        }

        // From here on the caller holds a valid token (or is a local caller in development): it may learn what is
        // wrong with its activity, in a few words and never the parser's own message.
        Activity? activity;
        try
        {
            // Strings the model keeps as JSON (value, channelData, entities) are read later, in the turn: one that
            // .NET cannot hold (a lone surrogate) would throw there.
            activity = JsonStrings.AreReadable(body) ? JsonSerializer.Deserialize(body, BotFrameworkJsonContext.Default.Activity) : null;
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "The body is not a Bot Framework activity.");
            return;
        }
        if (Invalid(activity) is { } problem)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var outcome = BotFrameworkAuthenticator.CheckActivity(caller, activity);
        if (!outcome.Succeeded)
        {
            await rejections.Reject(context, outcome).ExecuteAsync(context);
            return;
        }

        // Only now, so that unauthenticated requests never hold a place a channel's turn could have had.
        using var place = turns is null ? null : await turns.AcquireAsync(1, cancellationToken);
        if (place is { IsAcquired: false })
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        InvokeResponse? response;
        try
        {
            response = await services.GetRequiredService<CoachActivityHandler>().HandleAsync(activity, outcome.Path, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTurnFailed(logger, activity.Type, e);
            // The channel cannot do anything useful with a 500; invokes get the protocol's "not handled".
            response = activity.Type == ActivityTypes.Invoke ? InvokeResponse.NotImplemented : null;
        }

        if (response is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        context.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body.ToJsonString(), cancellationToken);
        }
    }

    /// <summary>What makes an activity unusable, or null. Unknown types pass: they are ignored, not rejected.</summary>
    private static string? Invalid(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Type)) return "The activity has no type.";
        if (activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate))
            return null;
        if (string.IsNullOrEmpty(activity.Conversation?.Id)) return "The activity has no conversation.id.";
        if (activity.MembersAdded?.Any(m => m is null) == true || activity.MembersRemoved?.Any(m => m is null) == true || activity.Attachments?.Any(a => a is null) == true)
            return "The activity has a null member or attachment.";
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
            return "The activity has no absolute http(s) serviceUrl.";
        return null;
    }

    /// <summary>
    /// The body, or null and the status to answer: 413 when it is larger than <see cref="MaxActivityBytes"/>, 400
    /// when its framing is broken (Kestrel refuses a bad chunked encoding, or the connection fails, while it is read).
    /// </summary>
    private static async Task<(byte[]? Body, int Status)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxActivityBytes) return (null, StatusCodes.Status413PayloadTooLarge);
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(8192);
                var read = await request.Body.ReadAsync(memory, cancellationToken);
                if (read == 0) return (buffer.WrittenSpan.ToArray(), StatusCodes.Status200OK);
                buffer.Advance(read);
                if (buffer.WrittenCount > MaxActivityBytes) return (null, StatusCodes.Status413PayloadTooLarge);
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return (null, StatusCodes.Status400BadRequest);
        }
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Type} activity failed")]
    private static partial void LogTurnFailed(ILogger logger, string? type, Exception exception);
}
