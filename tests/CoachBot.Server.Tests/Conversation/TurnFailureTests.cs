using System.Text.RegularExpressions;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CoachBot.Server.Tests.Conversation;

/// <summary>
/// A turn that throws inside the server: the seller hears about it in the conversation (not a silent 200), the log
/// has the error under the reference the seller was given, and the next message is answered normally.
/// </summary>
public sealed class TurnFailureTests
{
    [Fact]
    public async Task A_turn_that_throws_is_answered_with_an_apology_whose_reference_is_in_the_log_and_the_next_turn_works()
    {
        await using var connector = await ConnectorFake.StartAsync();
        var log = new CapturingLoggerProvider();
        var failNext = true;
        await using var bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }, services =>
        {
            services.AddSingleton<ILoggerProvider>(log);
            services.RemoveAll<ConversationTurnRunner>();
            services.AddSingleton(sp =>
            {
                var coach = sp.GetRequiredService<CoachBot.Core.Coach>();
                return new ConversationTurnRunner(
                    (state, utterance, token) => failNext ? throw new InvalidOperationException("Sequence contains no matching element") : coach.TurnAsync(state, utterance, token),
                    sp.GetRequiredService<IConversationStateStore>(), sp.GetRequiredService<CoachBot.Core.Analytics.IAnalyticsSink>(),
                    TimeProvider.System, sp.GetRequiredService<ILogger<ConversationTurnRunner>>());
            });
        });

        Assert.Equal(200, (await bot.PostAsync(Activities.Message(connector.ServiceUrl, "fails", "qualify"))).Status);

        var apology = Assert.Single(connector.MessagesIn("fails")).Text!;
        Assert.StartsWith("Sorry, something went wrong", apology);
        var reference = Regex.Match(apology, "reference ([0-9a-f]{12})").Groups[1].Value;
        var error = Assert.Single(log.Lines, l => l.Message.Contains(reference, StringComparison.Ordinal));
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.DoesNotContain("Sequence contains", apology);

        failNext = false;
        Assert.Equal(200, (await bot.PostAsync(Activities.Message(connector.ServiceUrl, "fails", "qualify"))).Status);
        Assert.Contains(connector.MessagesIn("fails").Skip(1), m => m.Card is not null);
    }
}
