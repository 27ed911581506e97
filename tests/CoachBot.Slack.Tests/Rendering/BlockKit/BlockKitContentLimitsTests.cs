using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Slack.Tests.Rendering.BlockKit;

/// <summary>Slack's Block Kit limits cover Core's channel-neutral content limits (what a playbook may hold).</summary>
public class BlockKitContentLimitsTests
{
    [Fact]
    public void Each_neutral_limit_is_within_the_Block_Kit_limit_of_the_place_it_is_shown()
    {
        Assert.InRange(ContentLimits.ButtonText, 1, BlockKitLimits.ButtonText);
        Assert.InRange(ContentLimits.Headline, 1, BlockKitLimits.HeaderText);
        Assert.InRange(ContentLimits.Text + ContentLimits.ParagraphMargin, 1, BlockKitLimits.SectionText);
    }

    [Fact]
    public void Content_at_the_neutral_limits_is_shown_whole()
    {
        var headline = new string('h', ContentLimits.Headline);
        var text = new string('t', ContentLimits.Text);
        var button = new string('b', ContentLimits.ButtonText);
        var card = new CoachCard("limits", headline, [new TextBlock(text)], [new CardAction(button, SampleCards.Command(("action", "help")))]);

        var blocks = new BlockKitRenderer().Render(card).ToJsonObject()["blocks"]!.AsArray();

        Assert.Equal(headline, blocks[0]!["text"].Str("text"));
        Assert.Equal(text, blocks[1]!["text"].Str("text"));
        Assert.Equal(button, blocks[^1]!["elements"]![0]!["text"].Str("text"));
    }

    [Fact]
    public void Choices_at_the_neutral_limit_are_shown_whole_after_their_number()
    {
        var choices = Enumerable.Range(1, 12).Select(i => new string((char)('a' + i), ContentLimits.ButtonText)).ToList();
        var prompt = new ChoicePrompt("step", "Which?", choices.Select(c => new PromptChoice(c, c, c)).ToList());

        var buttons = new BlockKitRenderer().Render(prompt).ToJsonObject()["blocks"]!.AsArray()
            .Where(b => b.Str("type") == "actions").SelectMany(b => b!["elements"]!.AsArray());

        Assert.Equal(choices.Select((c, i) => $"{i + 1}. {c}"), buttons.Select(b => b!["text"].Str("text")));
    }
}
