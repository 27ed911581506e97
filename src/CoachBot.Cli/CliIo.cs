using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using CoachBot.Embeddings;
using CoachBot.Storage;
using Microsoft.Extensions.Configuration;

namespace CoachBot.Cli;

/// <summary>The streams a command writes to, and the shared playbook option, so commands run the same in tests.</summary>
public sealed class CliIo(TextReader stdin, TextWriter stdout, TextWriter stderr, IConfiguration configuration)
{
    // One instance per run: a System.CommandLine symbol belongs to one command tree.
    public Option<DirectoryInfo?> PlaybookOption { get; } = new("--playbook")
    {
        Description = "Use the playbook in this folder instead of the one shipped inside coachbot.",
        Recursive = true,
    };

    public static JsonSerializerOptions Json => CoachBot.Core.Json.CoachJson.Options;

    public TextReader In { get; } = stdin;
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>Loads the playbook, or reports why it cannot be loaded and returns null (exit code 1).</summary>
    public PlaybookContent? LoadPlaybook(ParseResult parse)
    {
        var folder = parse.GetValue(PlaybookOption);
        try
        {
            return folder is null ? PlaybookLoader.LoadEmbedded() : PlaybookLoader.LoadDirectory(folder.FullName);
        }
        catch (PlaybookValidationException e)
        {
            Error.WriteLine($"coachbot: the playbook{(folder is null ? "" : $" in {folder.FullName}")} has errors:");
            foreach (var error in e.Errors) Error.WriteLine($"  {error}");
            return null;
        }
    }

    /// <summary>
    /// How the coach understands wording, as the server builds it (Embeddings__Provider, ... from the environment):
    /// the sentence model shipped in the build unless configured otherwise. Null after reporting why it cannot load.
    /// </summary>
    public CoachUnderstanding? LoadUnderstanding(PlaybookContent playbook)
    {
        try
        {
            return UnderstandingFactory.BuildAsync(playbook, EmbeddingOptions.FromConfiguration(configuration),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).GetAwaiter().GetResult();
        }
        catch (EmbeddingSetupException e)
        {
            Error.WriteLine($"coachbot: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Opens the store the server would use, configured the same way from environment variables
    /// (Storage__Provider, Storage__SqlitePath, ConnectionStrings__Postgres); by default the SQLite file in the
    /// user's data folder. Returns null after reporting an unusable setting.
    /// </summary>
    public CoachBotStorage? OpenStorage()
    {
        try
        {
            return CoachBotStorage.Create(StorageOptions.FromConfiguration(configuration), TimeProvider.System);
        }
        catch (StorageConfigurationException e)
        {
            Error.WriteLine($"coachbot: {e.Message}");
            return null;
        }
    }

    public void WriteJsonLine<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Reports a usage problem found after parsing (e.g. an option that only applies with another).</summary>
    public int BadArguments(string message)
    {
        Error.WriteLine($"coachbot: {message}");
        return CoachBotCli.BadArguments;
    }
}
