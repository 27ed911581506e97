using System.CommandLine;
using CoachBot.BotFramework.Packaging;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot teams package --app-id <id> [--base-url https://...] [--out file.zip]`: the zip to upload in Teams.</summary>
public static class TeamsCommand
{
    public static Command Create(CliIo io)
    {
        var appId = new Option<string>("--app-id") { Description = "The bot's MicrosoftAppId (a GUID).", Required = true };
        var teamsAppId = new Option<string?>("--teams-app-id") { Description = "The Teams app id, if it differs from the bot's (a GUID)." };
        var baseUrl = new Option<string?>("--base-url") { Description = "The server's public https address; adds the phrase finder (/coach) as a personal tab and a meeting side panel tab." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the package.", DefaultValueFactory = _ => new FileInfo("coachbot-teams.zip") };
        var package = new Command("package", "Write the Teams app package (manifest and icons) with the bot's ids filled in.") { appId, teamsAppId, baseUrl, output };
        package.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            try
            {
                TeamsAppPackage.Write(parse.GetValue(appId)!, file.FullName, parse.GetValue(teamsAppId), parse.GetValue(baseUrl));
            }
            catch (ArgumentException e)
            {
                return io.BadArguments(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return io.BadArguments($"cannot write {file.FullName}: {e.Message}");
            }
            io.Out.WriteLine($"Wrote {file.FullName}. Upload it in Teams: Apps > Manage your apps > Upload an app.");
            return CoachBotCli.Ok;
        });

        var command = new Command("teams", "Microsoft Teams app packaging.");
        command.Subcommands.Add(package);
        return command;
    }
}
