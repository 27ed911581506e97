using System.Buffers;
using System.Text.Json;
using CoachBot.BotFramework.Authentication;
using CoachBot.BotFramework.Schema;
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

    /// <summary>Maps POST /api/messages, the endpoint every Bot Framework channel calls.</summary>
    public static IEndpointConventionBuilder MapBotFramework(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotFrameworkEndpoints).FullName!);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsAnonymous)
            LogAnonymousMode(logger);
        return endpoints.MapPost(pattern, (HttpContext context) => HandleAsync(context, logger));
    }

    private static async Task HandleAsync(HttpContext context, ILogger logger)
    {
        var cancellationToken = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        Activity activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, BotFrameworkJsonContext.Default.Activity)
                ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException e)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "The body is not a Bot Framework activity: " + e.Message);
            return;
        }
        if (Invalid(activity) is { } problem)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var services = context.RequestServices;
        var outcome = await services.GetRequiredService<BotFrameworkAuthenticator>().AuthenticateAsync(
            context.Request.Headers.Authorization.ToString(), activity, context.Connection.RemoteIpAddress, cancellationToken);
        if (!outcome.Succeeded)
        {
            // The reason goes to the log only: a caller learns nothing about why its token failed.
            LogUnauthorized(logger, outcome.FailureReason);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        InvokeResponse? response;
        try
        {
            response = await services.GetRequiredService<CoachActivityHandler>().HandleAsync(activity, cancellationToken);
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
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
            return "The activity has no absolute http(s) serviceUrl.";
        return null;
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxActivityBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxActivityBytes) return null;
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0) return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxActivityBytes) return null;
        }
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppId is not set: /api/messages accepts unauthenticated requests from loopback addresses only (local development with Web Chat or the Emulator).")]
    private static partial void LogAnonymousMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a request to /api/messages: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Type} activity failed")]
    private static partial void LogTurnFailed(ILogger logger, string? type, Exception exception);
}
