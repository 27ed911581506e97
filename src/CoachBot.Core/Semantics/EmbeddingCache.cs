using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CoachBot.Core.Semantics;

/// <summary>
/// The playbook's vectors on disk, so a restart does not embed a thousand texts again (seconds on two cores). A file is
/// named by a SHA-256 of the model and every text, in order: edited content or another model simply misses and is
/// embedded afresh. Without a folder, or when it cannot be written, vectors are computed and kept in memory only.
/// </summary>
public sealed partial class EmbeddingCache(string? folder, ILogger logger)
{
    private const int KeptFiles = 8;
    private static readonly byte[] Magic = "CBVEC001"u8.ToArray();

    public string? Folder { get; } = folder;

    /// <summary>The vectors of <paramref name="texts"/>, from disk when this model embedded exactly these texts before.</summary>
    public async Task<(float[] Vectors, int Dimensions, bool FromDisk)> GetOrEmbedAsync(
        IReadOnlyList<string> texts, TextEmbedder embedder, CancellationToken cancellationToken = default)
    {
        var path = Folder is null ? null : Path.Combine(Folder, Key(embedder.ModelId, texts) + ".vectors");
        if (path is not null && TryRead(path, texts.Count) is { } cached)
            return (cached.Vectors, cached.Dimensions, true);

        var (vectors, dimensions) = await embedder.EmbedManyAsync(texts, cancellationToken);
        if (path is not null) TryWrite(path, vectors, texts.Count, dimensions);
        return (vectors, dimensions, false);
    }

    internal static string Key(string modelId, IReadOnlyList<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(modelId));
        foreach (var text in texts)
        {
            hash.AppendData("\n"u8);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private (float[] Vectors, int Dimensions)? TryRead(string path, int count)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < Magic.Length + 8 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return Discard(path);
            var storedCount = BitConverter.ToInt32(bytes, Magic.Length);
            var dimensions = BitConverter.ToInt32(bytes, Magic.Length + 4);
            var header = Magic.Length + 8;
            if (storedCount != count || dimensions < 1 || bytes.Length != header + (long)count * dimensions * sizeof(float)) return Discard(path);
            var vectors = new float[count * dimensions];
            Buffer.BlockCopy(bytes, header, vectors, 0, vectors.Length * sizeof(float));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return (vectors, dimensions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(path, e.Message);
            return null;
        }
    }

    private (float[], int)? Discard(string path)
    {
        LogCorrupt(path);
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    private void TryWrite(string path, float[] vectors, int count, int dimensions)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var file = File.Create(temporary))
            {
                file.Write(Magic);
                file.Write(BitConverter.GetBytes(count));
                file.Write(BitConverter.GetBytes(dimensions));
                var bytes = new byte[vectors.Length * sizeof(float)];
                Buffer.BlockCopy(vectors, 0, bytes, 0, bytes.Length);
                file.Write(bytes);
            }
            // A reader sees the old file or the whole new one, never half of it.
            File.Move(temporary, path, overwrite: true);
            Prune(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnwritable(path, e.Message);
        }
    }

    /// <summary>Old playbooks' vectors are dropped once more than a few are kept.</summary>
    private static void Prune(string folder)
    {
        foreach (var stale in new DirectoryInfo(folder).GetFiles("*.vectors").OrderByDescending(f => f.LastWriteTimeUtc).Skip(KeptFiles))
        {
            try { stale.Delete(); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding cache {Path} cannot be read ({Error}); embedding the playbook again")]
    private partial void LogUnreadable(string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding cache {Path} was damaged and has been discarded")]
    private partial void LogCorrupt(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding cache {Path} cannot be written ({Error}); vectors are kept in memory only")]
    private partial void LogUnwritable(string path, string error);
}
