using System.Text;
using CoachBot.BotFramework.Rendering.AdaptiveCards;
using CoachBot.Core.Conversation;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Server.Tests.Rendering.AdaptiveCards;

/// <summary>Every card and prompt the engine can produce from the shipped playbook, rendered for Teams and Web Chat.</summary>
public class EngineCardsAdaptiveCardTests
{
    /// <summary>
    /// Teams takes about 100 KB per message and advises staying under 80 KB (Microsoft Teams, "Format your bot
    /// messages"; a larger message is refused with 413 MessageSizeTooBig).
    /// </summary>
    private const int TeamsMessageBytes = 80 * 1024;

    [Theory]
    [MemberData(nameof(EngineReplies.Names), MemberType = typeof(EngineReplies))]
    public void Engine_output_is_valid_Adaptive_Card_1_5_in_both_action_modes(string name)
    {
        foreach (var reply in EngineReplies.Named(name))
        {
            foreach (var renderer in new[] { new AdaptiveCardRenderer(), new AdaptiveCardRenderer(AdaptiveActionKind.Execute) })
            {
                var card = reply switch
                {
                    CardReply c => renderer.Render(c.Card),
                    PostToDealChannel p => renderer.Render(p.Card),
                    ChoicePrompt p => renderer.Render(p),
                    _ => null,
                };
                if (card is null) continue;
                var json = card.ToJsonString();
                var errors = AdaptiveCardConformanceTests.Validate(json);
                Assert.True(errors.Count == 0, $"{name}: {AdaptiveCardConformanceTests.Describe(errors)}");
                Assert.InRange(Encoding.UTF8.GetByteCount(json), 1, TeamsMessageBytes);
            }
        }
    }
}
