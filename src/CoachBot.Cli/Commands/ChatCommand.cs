using System.CommandLine;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using Spectre.Console;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot chat`: the coach in a terminal, through the same engine the Teams and Slack channels use.</summary>
public static class ChatCommand
{
    public static Command Create(CliIo io)
    {
        var plain = new Option<bool>("--plain") { Description = "No colours or box drawing (for screen readers and logs)." };
        var command = new Command("chat", "Talk to the coach in this terminal.") { plain };
        command.SetAction(parse =>
        {
            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(io.Out),
                Ansi = parse.GetValue(plain) || Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
                ColorSystem = parse.GetValue(plain) || Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                Interactive = InteractionSupport.No,
            });
            new ChatSession(new Coach(playbook), new SpectreReplyWriter(console), io.In, console).Run();
            return CoachBotCli.Ok;
        });
        return command;
    }
}

/// <summary>
/// The terminal conversation: numbers answer questions (as in Teams and Slack), letters press the buttons of the
/// last card, anything else is typed text. State lives for the session only.
/// </summary>
public sealed class ChatSession(Coach coach, SpectreReplyWriter writer, TextReader input, IAnsiConsole console)
{
    private static readonly HashSet<string> ExitWords = ["/quit", "/exit", "/q"];

    public void Run()
    {
        var state = DialogState.Empty;
        writer.Write(new CardReply(coach.WelcomeCard()));
        var actions = writer.LastActions;
        console.MarkupLine("[grey]Type[/] qualify[grey], [/]phrase cost[grey], [/]coach: <buyer's words>[grey], [/]prep[grey] or [/]help[grey]. [/]/quit[grey] leaves.[/]");

        while (true)
        {
            console.Markup("[bold]> [/]");
            var line = input.ReadLine();
            if (line is null || ExitWords.Contains(line.Trim().ToLowerInvariant())) break;
            if (line.Trim().Length == 0) continue;

            var utterance = ActionFor(line.Trim(), actions) is { } action ? Utterance.FromAction(action.Data) : Utterance.FromText(line);
            var result = coach.Turn(state, utterance);
            state = result.State;
            foreach (var reply in result.Replies) writer.Write(reply);
            actions = writer.LastActions;
        }
        console.MarkupLine("[grey]Bye. Good luck in the meeting.[/]");
    }

    private static CardAction? ActionFor(string line, IReadOnlyList<CardAction> actions)
    {
        if (line.Length != 1 || !char.IsAsciiLetterLower(char.ToLowerInvariant(line[0]))) return null;
        var index = char.ToLowerInvariant(line[0]) - 'a';
        return index < actions.Count ? actions[index] : null;
    }
}
