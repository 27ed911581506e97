using System.CommandLine;
using CoachBot.Core.Cards;
using CoachBot.Core.Rendering;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot prep`: the meeting brief.</summary>
public static class PrepCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("prep", "Print the one-page brief to read before a meeting.");
        command.SetAction(parse =>
        {
            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;
            io.Out.Write(new PlainTextRenderer().Render(new CardFactory(playbook).Prep()));
            return CoachBotCli.Ok;
        });
        return command;
    }
}
