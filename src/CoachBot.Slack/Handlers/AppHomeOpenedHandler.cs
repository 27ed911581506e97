using CoachBot.Slack.Background;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Inbound.Payloads;
using CoachBot.Slack.Views;
using CoachBot.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;

namespace CoachBot.Slack.Handlers;

/// <summary>Publishes the Home tab whenever a seller opens it, so it always shows the current playbook.</summary>
public sealed class AppHomeOpenedHandler(SlackCoach coach, SlackWorkQueue queue) : ISlackEventHandler<AppHomeOpened>
{
    public Task HandleAsync(string team, AppHomeOpened opened, CancellationToken cancellationToken)
    {
        // The event also fires for the Messages tab, which the bot does not draw.
        if (opened.Tab is "messages" || opened.User is not { } user) return Task.CompletedTask;
        queue.TryEnqueue(new SlackWorkItem($"publish App Home for {user}", (services, ct) =>
            services.GetRequiredService<SlackWebApiClient>().PublishViewAsync(user, AppHomeView.Build(coach.Coach), ct)));
        return Task.CompletedTask;
    }
}
