using System.ClientModel;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace CoachBot.Embeddings;

/// <summary>Builds the coach's understanding of a playbook with the configured embedding model: one way for every host.</summary>
public static partial class UnderstandingFactory
{
    /// <summary>
    /// The configured generator, or null for <see cref="EmbeddingProvider.None"/>.
    /// </summary>
    /// <exception cref="EmbeddingSetupException">The model cannot be loaded or the endpoint is not configured; the message says how to fix it.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>>? CreateGenerator(EmbeddingOptions options) => options.Provider switch
    {
        EmbeddingProvider.None => null,
        EmbeddingProvider.OpenAI => OpenAICompatible(options),
        _ => LocalSentenceEmbeddingGenerator.Load(options.ResolvedCachePath),
    };

    /// <summary>
    /// Loads the local model now, so that a host can read and check its playbook on another thread meanwhile and a later
    /// <see cref="BuildAsync"/> finds the model loaded. Other providers load nothing ahead.
    /// </summary>
    /// <exception cref="EmbeddingSetupException">As <see cref="CreateGenerator"/>.</exception>
    public static void PreloadModel(EmbeddingOptions options)
    {
        if (options.Provider == EmbeddingProvider.Local) LocalSentenceEmbeddingGenerator.Load(options.ResolvedCachePath);
    }

    /// <summary>Loads the model, embeds the playbook (or reads its vectors from the cache) and builds the look-up and classifier.</summary>
    /// <exception cref="EmbeddingSetupException">As <see cref="CreateGenerator"/>.</exception>
    public static async Task<CoachUnderstanding> BuildAsync(PlaybookContent playbook, EmbeddingOptions options, ILoggerFactory loggers,
        CancellationToken cancellationToken = default)
    {
        var logger = loggers.CreateLogger(typeof(UnderstandingFactory).FullName!);
        var generator = CreateGenerator(options);
        if (generator is null)
        {
            LogWordsOnly(logger);
            return CoachUnderstanding.Lexical(playbook);
        }
        var embedder = new TextEmbedder(generator);
        var cache = new EmbeddingCache(options.ResolvedCachePath, loggers.CreateLogger<EmbeddingCache>());
        try
        {
            var understanding = await CoachUnderstanding.BuildAsync(playbook, embedder, cache, cancellationToken: cancellationToken);
            LogReady(logger, understanding.Description, (generator as LocalSentenceEmbeddingGenerator)?.Source ?? options.Endpoint ?? "");
            ReturnLoadingMemory();
            return understanding;
        }
        catch (Exception e) when (options.Provider == EmbeddingProvider.OpenAI && e is ClientResultException or HttpRequestException)
        {
            throw new EmbeddingSetupException(
                $"The embedding endpoint {options.Endpoint} failed while embedding the playbook ({e.Message}). Check Embeddings:Endpoint, " +
                "Embeddings:Model and Embeddings:ApiKey, or set Embeddings:Provider=Local to use the model shipped in the build.", e);
        }
    }

    /// <summary>
    /// Building leaves garbage behind that an idle host would keep: the vectors file read whole and cut into slices
    /// (megabytes, in the large object heap, which the GC compacts only when asked) and the C heap ONNX Runtime parsed
    /// the model in. Measured on the server: about 50 MB of the idle RSS.
    /// </summary>
    private static void ReturnLoadingMemory()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.ReturnFreedToSystem();
    }

    private static IEmbeddingGenerator<string, Embedding<float>> OpenAICompatible(EmbeddingOptions options)
    {
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
            throw new EmbeddingSetupException("Embeddings:Provider=OpenAI needs Embeddings:Endpoint, the absolute http(s) URL of an OpenAI-compatible API.");
        if (string.IsNullOrWhiteSpace(options.Model))
            throw new EmbeddingSetupException("Embeddings:Provider=OpenAI needs Embeddings:Model, the embedding model or deployment name.");
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            throw new EmbeddingSetupException("Embeddings:Provider=OpenAI needs Embeddings:ApiKey (from the environment or a secret store, never a committed file).");
        var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey), new OpenAIClientOptions { Endpoint = endpoint });
        return client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embeddings:Provider is None: the coach reads sellers' words without an embedding model, and understands unseen wording much less well")]
    private static partial void LogWordsOnly(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Understanding ready: {Description}; model read from {Source}")]
    private static partial void LogReady(ILogger logger, string description, string source);
}
