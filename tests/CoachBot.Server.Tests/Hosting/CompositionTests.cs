using CoachBot.BotFramework;
using CoachBot.Core.Diagnostics;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;
using CoachBot.Slack.Conversations;

namespace CoachBot.Server.Tests.Hosting;

/// <summary>The server composes the turn pipeline once (AddCoachBotCore); both channels run their turns through it.</summary>
public sealed class CompositionTests
{
    [Fact]
    public async Task Teams_and_Slack_share_the_one_turn_runner_the_core_registers()
    {
        await using var bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }, services =>
            // Captured at registration time: every ConversationTurnRunner descriptor the composition produced.
            Assert.Single(services, d => d.ServiceType == typeof(ConversationTurnRunner)));
        var services = bot.Services;

        var runner = services.GetRequiredService<ConversationTurnRunner>();
        Assert.Same(runner, services.GetRequiredService<SlackCoach>().Runner);
        using (var scope = services.CreateScope())
        {
            // The Bot Framework handler is scoped (it holds a connector client) but its runner is the singleton.
            Assert.NotNull(scope.ServiceProvider.GetRequiredService<CoachActivityHandler>());
            Assert.Same(runner, scope.ServiceProvider.GetRequiredService<ConversationTurnRunner>());
        }
        Assert.Single(services.GetServices<CoachBotMetrics>());
    }
}
