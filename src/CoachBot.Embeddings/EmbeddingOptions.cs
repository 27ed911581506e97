using Microsoft.Extensions.Configuration;

namespace CoachBot.Embeddings;

/// <summary>Where embeddings come from: the model shipped in the build, an OpenAI-compatible endpoint, or none.</summary>
public enum EmbeddingProvider { Local, OpenAI, None }

/// <summary>Settings under <c>Embeddings:</c> (environment variables <c>Embeddings__Provider</c>, ...).</summary>
public sealed record EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>Local (default): the sentence model inside the build. OpenAI: an OpenAI-compatible endpoint (OpenAI, Azure OpenAI, a gateway). None: words alone.</summary>
    public EmbeddingProvider Provider { get; init; } = EmbeddingProvider.Local;
    /// <summary>OpenAI: the endpoint's base URL (e.g. https://api.openai.com/v1, or an Azure OpenAI resource's /openai/v1).</summary>
    public string? Endpoint { get; init; }
    /// <summary>OpenAI: the key. From configuration or the environment only; never logged.</summary>
    public string? ApiKey { get; init; }
    /// <summary>OpenAI: the embedding model or deployment name, e.g. text-embedding-3-small.</summary>
    public string? Model { get; init; }
    /// <summary>
    /// Folder for the playbook's vectors, so a restart does not embed it again, and for the local model's file (written
    /// out of its package once). Default: CoachBot/embeddings in the user's local data folder. An empty value keeps
    /// vectors in memory only (the model file then goes to the temporary folder).
    /// </summary>
    public string? CachePath { get; init; }

    public string? ResolvedCachePath => CachePath switch
    {
        null => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "CoachBot", "embeddings"),
        "" => null,
        var path => path,
    };

    /// <summary>Reads the Embeddings section; an unknown provider or model is refused naming the key.</summary>
    public static EmbeddingOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        try
        {
            return section.Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new EmbeddingSetupException(
                $"{SectionName} settings cannot be read: {e.GetBaseException().Message} (Provider is Local, OpenAI or None).", e);
        }
    }
}

/// <summary>The embedding model cannot be used as configured; the message says what to change.</summary>
public sealed class EmbeddingSetupException(string message, Exception? inner = null) : Exception(message, inner);
