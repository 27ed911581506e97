using System.Text.Json;
using System.Threading.RateLimiting;
using CoachBot.BotFramework;
using CoachBot.BotFramework.Authentication;
using CoachBot.Core;
using CoachBot.Core.Analytics;
using CoachBot.Core.Dialogs;
using CoachBot.Core.Json;

namespace CoachBot.Server.CoachPage;

/// <summary>
/// The phrase finder page: <c>GET /coach</c> (and its files under /coach/), and the API it calls,
/// <c>GET /api/phrases?q=</c> (the look-up every channel uses, in the CLI's JSON shape), <c>GET /api/analogies</c> and
/// <c>POST /api/qualify</c> (the qualify dialog, stateless: the answers so far in, the next question or the
/// recommendation out). Who may use it is <see cref="BotFrameworkAuthenticator.PageAccess"/>.
/// </summary>
public static class CoachPageEndpoints
{
    /// <summary>The key of the <see cref="RateLimiter"/> (a keyed service, optional) that caps the page's API requests in flight.</summary>
    public const string LimiterKey = "CoachPage.Requests";
    /// <summary>Longest query looked up; a buyer's sentence fits, a pasted document does not.</summary>
    public const int MaxQueryLength = 500;
    /// <summary>Largest qualify body: a handful of answers is a few hundred bytes.</summary>
    public const int MaxQualifyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapCoachPage(this IEndpointRouteBuilder endpoints)
    {
        var assets = new PageAssets();
        var page = endpoints.MapGroup("/coach").AddEndpointFilter(PageFilter);
        page.MapGet("", (HttpContext context) => Page(assets, context));
        page.MapGet("/{**file}", (string file, HttpContext context) => assets.Serve(file, context));

        var api = endpoints.MapGroup("/api").AddEndpointFilter(ApiFilter);
        api.MapGet("/phrases", Phrases);
        api.MapGet("/analogies", (Coach coach) => Results.Json(coach.Playbook.Analogies.Select(a => AnalogyJson.From(a, coach.Cards)).ToList(), CoachJson.Options));
        api.MapPost("/qualify", Qualify);
        return endpoints;
    }

    // Inline scripts and styles are refused; Teams (web, desktop, Outlook and microsoft365.com hosts) may frame the page.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.skype.com " +
        "https://*.office.com https://outlook.office.com https://*.microsoft365.com https://*.cloud.microsoft";

    private static IResult Page(PageAssets assets, HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return assets.Serve("coach.html", context);
    }

    private static async Task<IResult> Phrases(string? q, Coach coach, CancellationToken cancellationToken)
    {
        var query = q?.Trim() ?? "";
        if (query.Length == 0) return Problem("Give the words to look up: /api/phrases?q=too+expensive");
        if (query.Length > MaxQueryLength) return Problem($"The query is {query.Length:N0} characters; at most {MaxQueryLength} are looked up.");
        if (!IsText(query)) return Problem("The query holds characters that are not text.");
        var result = await coach.LookupAsync(query, cancellationToken);
        return Results.Json(PhraseLookupJson.From(result, coach.Cards), CoachJson.Options);
    }

    private static async Task<IResult> Qualify(HttpRequest request, Coach coach, IAnalyticsSink analytics, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxQualifyBytes) return Problem($"The body is larger than {MaxQualifyBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge);
        if (!request.HasJsonContentType()) return Problem("Send the answers as application/json: {\"answers\": {\"need\": \"knowledge\"}}.", StatusCodes.Status415UnsupportedMediaType);

        QualifyRequest? body;
        try
        {
            using var limited = new MemoryStream();
            await request.Body.CopyToAsync(limited, cancellationToken);
            if (limited.Length > MaxQualifyBytes) return Problem($"The body is larger than {MaxQualifyBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge);
            body = limited.Length == 0 ? new QualifyRequest(null) : JsonSerializer.Deserialize<QualifyRequest>(limited.ToArray(), CoachJson.Options);
        }
        catch (JsonException)
        {
            return Problem("The body is not JSON of the form {\"answers\": {\"need\": \"knowledge\"}} (step -> choice value, both strings).");
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return Problem("The body could not be read.");
        }

        var answers = body?.Answers ?? new Dictionary<string, string>();
        if (answers.Any(a => a.Key is null || a.Value is null)) return Problem("Every answer is a step id and a choice value, both strings.");
        var (progress, problem) = await QualifyReplay.RunAsync(coach, answers, cancellationToken);
        if (progress is null) return Problem($"Those answers do not fit the dialog: {problem}.", StatusCodes.Status422UnprocessableEntity);
        if (progress.Rule is not null && progress.Events.Count > 0) await analytics.RecordAsync(progress.Events, cancellationToken);
        return Results.Json(QualifyJson.From(progress, coach.Cards), CoachJson.Options);
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>False for a lone surrogate (which the embedding's tokenizer cannot read) or a control character.</summary>
    private static bool IsText(string query)
    {
        if (query.Any(char.IsControl)) return false;
        try
        {
            StrictUtf8.GetByteCount(query);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    private sealed record QualifyRequest(Dictionary<string, string>? Answers);

    private static IResult Problem(string detail, int status = StatusCodes.Status400BadRequest) => Results.Problem(detail: detail, statusCode: status);

    /// <summary>
    /// The page's files: nowhere when the page is closed; to loopback callers like the anonymous bot; to anyone with
    /// sign-in, since they hold no data (Teams loads a tab before it can ask for a token, and the API checks it).
    /// </summary>
    private static async ValueTask<object?> PageFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var authenticator = context.RequestServices.GetRequiredService<BotFrameworkAuthenticator>();
        switch (authenticator.PageAccess)
        {
            case PageAccess.Closed:
                return Results.NotFound();
            case PageAccess.Local when !(await authenticator.AuthenticatePageAsync(context.Request, context.RequestAborted)).Succeeded:
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            default:
                return await next(invocation);
        }
    }

    /// <summary>
    /// The API: the caller first (a signed-in seller's token, or a local caller in development), then a place
    /// among the requests in flight. With sign-in, a 401 says Bearer, which the page answers with Teams' SSO token.
    /// </summary>
    private static async ValueTask<object?> ApiFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var authenticator = context.RequestServices.GetRequiredService<BotFrameworkAuthenticator>();
        if (authenticator.PageAccess == PageAccess.Closed) return Results.NotFound();

        var caller = await authenticator.AuthenticatePageAsync(context.Request, context.RequestAborted);
        if (caller.Status == AuthenticationStatus.KeysUnavailable)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(caller.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        if (!caller.Succeeded)
        {
            if (authenticator.PageAccess == PageAccess.SignIn) context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.StatusCode(authenticator.PageAccess == PageAccess.SignIn ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
        }

        using var place = context.RequestServices.GetKeyedService<RateLimiter>(LimiterKey) is { } limiter
            ? await limiter.AcquireAsync(1, context.RequestAborted)
            : null;
        if (place is { IsAcquired: false })
        {
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return await next(invocation);
    }
}
