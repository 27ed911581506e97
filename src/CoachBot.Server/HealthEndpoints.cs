using CoachBot.BotFramework.Authentication;
using CoachBot.Core;
using CoachBot.Core.State;

namespace CoachBot.Server;

public static class HealthEndpoints
{
    /// <summary>
    /// GET /healthz: the process answers. GET /readyz: the playbook is loaded, the state store reachable and the
    /// signing keys for Bot Framework tokens fetched.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", async (IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var problems = new List<string>();
            try
            {
                var playbook = services.GetRequiredService<Coach>().Playbook;
                if (playbook.Dialogs.Count == 0 || playbook.Phrases.Count == 0) problems.Add("the playbook is empty");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add("the playbook did not load: " + e.Message);
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
                ? Results.Text("ready")
                : Results.Text("not ready: " + string.Join("; ", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
