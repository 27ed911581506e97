using Microsoft.Extensions.Configuration;

namespace CoachBot.Cli.Tests;

/// <summary>Runs `coachbot` in-process with captured streams and a throwaway SQLite file.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coachbot-cli-").FullName;

    public string DatabasePath => Path.Combine(_folder, "coachbot.db");

    public CliResult RunWithInput(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = DatabasePath })
            .Build();
        var code = CoachBotCli.Run(args, new StringReader(stdin), stdout, stderr, configuration);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public CliResult Run(params string[] args) => RunWithInput("", args);


    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error);
