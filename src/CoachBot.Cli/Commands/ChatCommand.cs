using System.CommandLine;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot chat`: the coach in a terminal, through the same engine the Teams and Slack channels use.</summary>
public static class ChatCommand
{
    public static Command Create(CliIo io)
    {
        var plain = new Option<bool>("--plain") { Description = "No colors, plain ASCII borders (for screen readers and logs)." };
        var ephemeral = new Option<bool>("--ephemeral") { Description = "Keep nothing: no conversation state or analytics written to the store." };
        var command = new Command("chat", "Talk to the coach in this terminal.") { plain, ephemeral };
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
            var storage = parse.GetValue(ephemeral) ? CoachBotStorage.Create(new StorageOptions { Provider = StorageProvider.Memory }, TimeProvider.System) : io.OpenStorage();
            if (storage is null) return CoachBotCli.BadArguments;
            try
            {
                var coach = new Coach(playbook);
                var runner = new ConversationTurnRunner(coach.Turn, storage.States, storage.AnalyticsSink, TimeProvider.System, NullLogger<ConversationTurnRunner>.Instance);
                var key = new ConversationKey($"cli:{Environment.UserName}");
                new ChatSession(coach, runner, key, storage.States, new SpectreReplyWriter(console, parse.GetValue(plain)), io.In, console).Run();
                return CoachBotCli.Ok;
            }
            finally
            {
                storage.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
        return command;
    }
}

/// <summary>
/// The terminal conversation: numbers answer questions (as in Teams and Slack), letters press the buttons of the
/// last card, anything else is typed text. The conversation is kept in the store like any channel's, so a dialog
/// left half-way resumes next time, and look-ups count in `coachbot report`.
/// </summary>
public sealed class ChatSession(
    Coach coach, ConversationTurnRunner runner, ConversationKey key, IConversationStateStore states,
    SpectreReplyWriter writer, TextReader input, IAnsiConsole console)
{
    private static readonly HashSet<string> ExitWords = ["/quit", "/exit", "/q"];

    public void Run()
    {
        writer.Write(new CardReply(coach.WelcomeCard()));
        var actions = writer.LastActions;
        console.MarkupLine("[grey]Type[/] qualify[grey], [/]phrase cost[grey], [/]coach: <buyer's words>[grey], [/]prep[grey] or [/]help[grey]. [/]/quit[grey] leaves.[/]");
        if (Resumable())
            console.MarkupLine("[grey]You were in the middle of a question last time: answer it, or say[/] start over[grey].[/]");

        while (true)
        {
            console.Markup("[bold]> [/]");
            var line = input.ReadLine();
            if (line is null || ExitWords.Contains(line.Trim().ToLowerInvariant())) break;
            if (line.Trim().Length == 0) continue;

            var utterance = ActionFor(line.Trim(), actions) is { } action ? Utterance.FromAction(action.Data) : Utterance.FromText(line);
            var result = runner.RunAsync(key, utterance).GetAwaiter().GetResult();
            foreach (var reply in result.Replies) writer.Write(reply);
            actions = writer.LastActions;
        }
        console.MarkupLine("[grey]Bye. Good luck in the meeting.[/]");
    }

    private bool Resumable()
    {
        try
        {
            return states.LoadAsync(key).GetAwaiter().GetResult() is { State.IsIdle: false };
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException)
        {
            // The runner reports an unreachable store on the first turn; nothing to resume meanwhile.
            return false;
        }
    }

    private static CardAction? ActionFor(string line, IReadOnlyList<CardAction> actions)
    {
        if (line.Length != 1 || !char.IsAsciiLetterLower(char.ToLowerInvariant(line[0]))) return null;
        var index = char.ToLowerInvariant(line[0]) - 'a';
        return index < actions.Count ? actions[index] : null;
    }
}
