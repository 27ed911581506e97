using System.CommandLine;
using CoachBot.Core.Cards;
using CoachBot.Core.Rendering;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot prep [--markdown]`: the one-page brief to read before a meeting.</summary>
public static class PrepCommand
{
    public static Command Create(CliIo io)
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print Markdown, to paste into meeting notes." };
        var command = new Command("prep", "Print the one-page brief to read before a meeting.") { markdown };
        command.SetAction(parse =>
        {
            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;
            // A document, not a chat turn: the card's buttons ("Qualify a need", "Help") have no place in it.
            var brief = new CardFactory(playbook).Prep() with { Actions = [] };
            io.Out.Write(parse.GetValue(markdown) ? MarkdownRenderer.Render(brief) : new PlainTextRenderer().Render(brief) + "\n");
            return CoachBotCli.Ok;
        });
        return command;
    }
}
