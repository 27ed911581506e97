using CoachBot.Core.Conversation;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Core.Tests.Rendering;

/// <summary>The engine's cards that each channel's conformance tests render (EngineReplies) are all of them.</summary>
public class EngineRepliesTests
{
    [Fact]
    public void Every_rule_and_prompt_step_is_covered()
    {
        var names = EngineReplies.All().Select(r => r.Name).ToHashSet();
        Assert.All(EngineReplies.Playbook.Rules, r => Assert.Contains($"recommendation {r.Id}", names));
        Assert.All(EngineReplies.Playbook.Dialog("qualify").Steps, s => Assert.Contains($"prompt {s.Id}", names));
        Assert.Contains(EngineReplies.All(), r => r.Reply is CardReply { Card.Kind: "understood" });
        Assert.Contains(EngineReplies.All(), r => r.Reply is CardReply { Card.Kind: "phrases" });
    }
}
