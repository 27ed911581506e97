namespace CoachBot.Server;

/// <summary>
/// The server's arguments are configuration keys (<c>--urls http://…</c>, <c>--Slack:CommandName=/ask</c>), read by
/// the host's command-line provider. That provider silently skips what it cannot read (a bare word, <c>-x</c>, a
/// last <c>--key</c> without a value), so a mistyped flag would start the server as if it were not there; this
/// answers <c>--help</c> and refuses those arguments before the host is built.
/// </summary>
public static class ServerCommandLine
{
    public const int Usage = 2;

    public const string HelpText = """
        CoachBot.Server: the coach for Microsoft Teams and other Bot Framework channels (POST /api/messages), for
        Slack (POST /api/slack/events) and in a browser or a Teams tab (GET /coach), with GET /healthz and GET /readyz.

        usage: dotnet CoachBot.Server.dll [--key value | --key=value]...

        Every argument is a configuration key; the same keys are read from environment variables (':' written as
        '__') and from the appsettings.json beside the server. With none set, the server listens on
        http://localhost:3978, accepts unauthenticated Bot Framework requests from loopback only, keeps Slack off
        and stores state in SQLite in the user's data folder.

          --urls http://127.0.0.1:3978       where to listen
          --MicrosoftAppId <id>              the bot's Entra app (with MicrosoftAppPassword, a secret: use the
                                             environment); without it, local development mode
          --Slack:SigningSecret <secret>     turns on the Slack endpoint (a secret: use the environment)
          --TabSignIn:ClientId <id>          signs sellers in to /coach with Teams SSO (with an app id, /coach is
                                             otherwise off; without one it is open to loopback like the bot)
          --Storage:Provider <name>          sqlite (default), postgres (ConnectionStrings:Postgres) or memory
          --Storage:SqlitePath <file>        where SQLite keeps its database
          --contentRoot <folder>             where appsettings.json is read from (default: the server's folder)

        Every setting: README.md (Teams, the phrase finder page, Slack, Storage) and src/CoachBot.Storage/README.md.
        """;

    /// <summary>
    /// What to print and the exit code when the arguments do not start the server (help, or an argument the host
    /// would ignore); null when they do.
    /// </summary>
    public static (int ExitCode, string Text)? Check(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?" or "/?" or "/help" or "help") return (0, HelpText);
            if (arg.Contains('=', StringComparison.Ordinal)) continue;
            var isKey = arg.StartsWith("--", StringComparison.Ordinal) || (arg.StartsWith('/') && arg.Length > 1);
            if (!isKey) return (Usage, $"Unknown argument '{arg}': give settings as --key value or --key=value.\n\n{HelpText}");
            if (i + 1 >= args.Count) return (Usage, $"'{arg}' needs a value: {arg} <value> or {arg}=<value>.\n\n{HelpText}");
            i++; // the key's value, whatever it looks like (a path may start with '/')
        }
        return null;
    }
}
