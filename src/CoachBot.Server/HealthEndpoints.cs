using CoachBot.BotFramework.Authentication;
using CoachBot.Core;
using CoachBot.Core.State;

namespace CoachBot.Server;

public static class HealthEndpoints
{
    /// <summary>
    /// GET /healthz: the process answers. GET /readyz: the coach is built (the model and the playbook loaded, in the
    /// background from the start), the state store reachable and the signing keys for Bot Framework tokens fetched.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", async (IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var problems = new List<string>();
            var warnings = new List<string>();
            if (services.GetRequiredService<CoachStartup>().Problem is { } coachProblem) problems.Add(coachProblem);
            else
            {
                var coach = services.GetRequiredService<Coach>();
                if (coach.Playbook.Dialogs.Count == 0 || coach.Playbook.Phrases.Count == 0) problems.Add("the playbook is empty");
                if (!coach.Understanding.IsSemantic) warnings.Add("no embedding model: look-ups read words only (Embeddings:Provider=None)");
            }

            try
            {
                if (!await services.GetRequiredService<IConversationStateStore>().IsHealthyAsync(cancellationToken))
                    problems.Add("the state store is not reachable");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add("the state store is not reachable: " + e.GetType().Name);
            }

            if (services.GetRequiredService<BotFrameworkAuthenticator>().SigningKeysProblem() is { } keys) problems.Add(keys);

            return problems.Count == 0
                ? Results.Text(warnings.Count == 0 ? "ready" : "ready; warning: " + string.Join("; ", warnings))
                : Results.Text("not ready: " + string.Join("; ", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
