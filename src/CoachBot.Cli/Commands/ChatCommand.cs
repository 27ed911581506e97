using System.CommandLine;
using CoachBot.Cli.Chat;
using CoachBot.Core;
using CoachBot.Core.Hosting;
using CoachBot.Core.State;
using CoachBot.Storage;
using Microsoft.Extensions.DependencyInjection;
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
                if (io.LoadUnderstanding(playbook) is not { } understanding) return CoachBotCli.PlaybookBroken;
                // The same composition the server's channels use (AddCoachBotCore), over the terminal's store.
                using var services = new ServiceCollection()
                    .AddSingleton(new Coach(playbook, understanding))
                    .AddSingleton(storage.States)
                    .AddSingleton(storage.AnalyticsSink)
                    .AddCoachBotCore()
                    .BuildServiceProvider();
                var coach = services.GetRequiredService<Coach>();
                var runner = services.GetRequiredService<ConversationTurnRunner>();
                var key = new ConversationKey($"cli:{Environment.UserName}");
                var terminal = ReferenceEquals(io.In, Console.In) && !Console.IsInputRedirected;
                var input = terminal ? TerminalChatInput.ForConsole(console) : (IChatInput)new TextChatInput(io.In, console);
                // At a terminal Ctrl-C arrives as a key, so the chat can leave a clean line instead of being killed mid-write.
                var controlC = terminal && Console.TreatControlCAsInput;
                if (terminal) Console.TreatControlCAsInput = true;
                try
                {
                    new ChatSession(coach, runner, key, storage.States, new SpectreReplyWriter(console, parse.GetValue(plain)), input, console).Run();
                }
                finally
                {
                    if (terminal) Console.TreatControlCAsInput = controlC;
                }
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
