using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.Slack.Rendering;

namespace CoachBot.Slack.Views;

/// <summary>The App Home tab: how to use the bot, the prep brief, and the top phrases to have at hand.</summary>
public static class AppHomeView
{
    public const int MaxBlocks = 100;
    public const int TopPhraseCount = 5;

    public static JsonObject Build(Coach coach)
    {
        var phrases = coach.Playbook.Phrases.Take(TopPhraseCount)
            .Select(p => (CardBlock)new PhraseBlock(p.Id, p.DontSay, p.DoSay, p.Why))
            .ToList();
        var sections = new[]
        {
            coach.HelpCard(),
            coach.PrepCard(),
            new CoachCard("top-phrases", "Top phrases", phrases, []),
        };

        var blocks = new List<SlackBlock>();
        foreach (var card in sections)
        {
            if (blocks.Count > 0) blocks.Add(new DividerBlock());
            blocks.AddRange(SlackReplyRenderer.RenderSurfaceBlocks(card));
        }
        return new JsonObject { ["type"] = "home", ["blocks"] = SlackReplyRenderer.ToJson(blocks.Take(MaxBlocks).ToList()) };
    }
}
