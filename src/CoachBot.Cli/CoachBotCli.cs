using System.CommandLine;
using CoachBot.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace CoachBot.Cli;

/// <summary>
/// The `coachbot` command line. Exit codes: 0 success, 1 a broken playbook (or other failure the user must fix in
/// content), 2 bad arguments.
/// </summary>
public static class CoachBotCli
{
    public const int Ok = 0;
    public const int PlaybookBroken = 1;
    public const int BadArguments = 2;

    /// <param name="configuration">Storage settings; by default from environment variables (Storage__SqlitePath, ...).</param>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IConfiguration? configuration = null)
    {
        var io = new CliIo(stdin, stdout, stderr, configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build());
        var root = new RootCommand("CoachBot: coaching for sellers whose buyers say \u201cwe want to fine-tune a model on our data\u201d.");
        root.Options.Add(io.PlaybookOption);

        root.Subcommands.Add(ChatCommand.Create(io));
        root.Subcommands.Add(PhraseCommand.Create(io));
        root.Subcommands.Add(ClassifyCommand.Create(io));
        root.Subcommands.Add(EvalCommand.Create(io));
        root.Subcommands.Add(DiagnoseCommand.Create(io));
        root.Subcommands.Add(PrepCommand.Create(io));
        root.Subcommands.Add(PlaybookCommand.Create(io));
        root.Subcommands.Add(ReportCommand.Create(io));
        root.Subcommands.Add(TeamsCommand.Create(io));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"coachbot: {error.Message}");
            stderr.WriteLine("Run `coachbot --help` for usage.");
            return BadArguments;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
