using System.CommandLine;
using CoachBot.Core.Playbook;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot playbook validate [dir]`: for content editors, every problem with file and line.</summary>
public static class PlaybookCommand
{
    public static Command Create(CliIo io)
    {
        var directory = new Argument<DirectoryInfo?>("dir") { Description = "The playbook folder (default: ./dialogs).", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Check a playbook folder and list every problem with its file and line.") { directory };
        validate.SetAction(parse =>
        {
            var folder = parse.GetValue(directory) ?? new DirectoryInfo("dialogs");
            if (!folder.Exists) return io.BadArguments($"no such folder: {folder.FullName}");

            var report = PlaybookLoader.Validate(folder.FullName);
            foreach (var warning in report.Warnings) io.Out.WriteLine($"warning: {warning}");
            foreach (var error in report.Errors) io.Error.WriteLine($"error: {error}");
            if (report.Errors.Count > 0)
            {
                io.Error.WriteLine($"{report.Errors.Count} error(s) in {folder.FullName}.");
                return CoachBotCli.PlaybookBroken;
            }
            io.Out.WriteLine($"Playbook OK: {folder.FullName}{(report.Warnings.Count > 0 ? $" ({report.Warnings.Count} warning(s))" : "")}.");
            return CoachBotCli.Ok;
        });

        var command = new Command("playbook", "Work with playbook content.");
        command.Subcommands.Add(validate);
        return command;
    }
}
