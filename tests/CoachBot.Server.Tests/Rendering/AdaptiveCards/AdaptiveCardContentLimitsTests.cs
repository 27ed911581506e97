using CoachBot.BotFramework.Rendering.AdaptiveCards;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Server.Tests.Rendering.AdaptiveCards;

/// <summary>
/// Adaptive Cards put no limit on the length of a text or a button title, so Core's channel-neutral content limits are
/// covered as long as the renderer never cuts; what Teams does limit is the whole message (see
/// <see cref="EngineCardsAdaptiveCardTests"/>).
/// </summary>
public class AdaptiveCardContentLimitsTests
{
    [Theory]
    [InlineData(AdaptiveActionKind.Submit)]
    [InlineData(AdaptiveActionKind.Execute)]
    public void Content_at_the_neutral_limits_is_shown_whole(AdaptiveActionKind kind)
    {
        var headline = new string('h', ContentLimits.Headline);
        var text = new string('t', ContentLimits.Text);
        var button = new string('b', ContentLimits.ButtonText);
        var renderer = new AdaptiveCardRenderer(kind);

        var card = renderer.Render(new CoachCard("limits", headline, [new TextBlock(text)],
            [new CardAction(button, SampleCards.Command(("action", "help")))])).ToJsonObject();
        var prompt = renderer.Render(new ChoicePrompt("step", text, [new PromptChoice("value", button, button)])).ToJsonObject();

        Assert.Equal([headline, text], card["body"]!.AsArray().Select(AdaptiveCardRendererTests.Text));
        Assert.Equal(button, card["actions"]![0].Str("title"));
        Assert.Equal(text, AdaptiveCardRendererTests.Text(prompt["body"]![0]));
        Assert.Equal($"1. {button}", prompt["actions"]![0].Str("title"));
    }
}
