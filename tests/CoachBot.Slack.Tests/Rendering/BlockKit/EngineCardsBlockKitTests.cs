using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Slack.Tests.Rendering.BlockKit;

/// <summary>Every card and prompt the engine can produce from the shipped playbook, rendered for Slack.</summary>
public class EngineCardsBlockKitTests
{
    [Theory]
    [MemberData(nameof(EngineReplies.Names), MemberType = typeof(EngineReplies))]
    public void Engine_output_fits_Slack_limits_and_has_a_text_fallback(string name)
    {
        foreach (var reply in EngineReplies.Named(name))
        {
            var message = new BlockKitRenderer().Render(reply);
            Assert.False(string.IsNullOrWhiteSpace(message.Text), $"{name}: no text fallback");
            Assert.InRange(message.Text.Length, 1, BlockKitLimits.SectionText);
            Assert.InRange(message.Blocks?.Count ?? 0, 0, BlockKitLimits.MessageBlocks);
        }
    }
}
