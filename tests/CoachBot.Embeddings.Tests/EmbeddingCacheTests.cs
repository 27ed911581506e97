using CoachBot.Core.Semantics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Embeddings.Tests;

public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coachbot-vectors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_second_build_reads_the_vectors_from_disk_instead_of_embedding_again()
    {
        var generator = new CountingGenerator("model-a");
        var cache = new EmbeddingCache(_folder, NullLogger.Instance);
        string[] texts = ["alpha", "beta", "gamma"];

        var first = await cache.GetOrEmbedAsync(texts, new TextEmbedder(generator));
        var second = await cache.GetOrEmbedAsync(texts, new TextEmbedder(generator));

        Assert.False(first.FromDisk);
        Assert.True(second.FromDisk);
        Assert.Equal(3, generator.Embedded);
        Assert.Equal(first.Vectors, second.Vectors);
        Assert.Single(Directory.GetFiles(_folder, "*.vectors"));
    }

    [Fact]
    public async Task Changed_content_or_another_model_misses_the_cache()
    {
        var cache = new EmbeddingCache(_folder, NullLogger.Instance);
        await cache.GetOrEmbedAsync(["alpha", "beta"], new TextEmbedder(new CountingGenerator("model-a")));

        var edited = await cache.GetOrEmbedAsync(["alpha", "beta, edited"], new TextEmbedder(new CountingGenerator("model-a")));
        var otherModel = await cache.GetOrEmbedAsync(["alpha", "beta"], new TextEmbedder(new CountingGenerator("model-b")));

        Assert.False(edited.FromDisk);
        Assert.False(otherModel.FromDisk);
    }

    [Fact]
    public async Task A_damaged_cache_file_is_discarded_and_the_texts_embedded_again()
    {
        var generator = new CountingGenerator("model-a");
        var cache = new EmbeddingCache(_folder, NullLogger.Instance);
        await cache.GetOrEmbedAsync(["alpha"], new TextEmbedder(generator));
        var file = Directory.GetFiles(_folder, "*.vectors").Single();
        await File.WriteAllBytesAsync(file, [1, 2, 3]);

        var again = await cache.GetOrEmbedAsync(["alpha"], new TextEmbedder(generator));

        Assert.False(again.FromDisk);
        Assert.Equal(2, generator.Embedded);
        Assert.True(new FileInfo(file).Length > 3);
    }

    [Fact]
    public async Task An_unwritable_folder_keeps_the_vectors_in_memory()
    {
        var blocker = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(blocker, "in the way");
        var cache = new EmbeddingCache(Path.Combine(blocker, "vectors"), NullLogger.Instance);

        var result = await cache.GetOrEmbedAsync(["alpha"], new TextEmbedder(new CountingGenerator("model-a")));

        Assert.Equal(4, result.Dimensions);
        Assert.False(result.FromDisk);
    }

    /// <summary>A stand-in model: a 4-float vector from the text's length and first letter, counting what it embeds.</summary>
    private sealed class CountingGenerator(string modelId) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Embedded { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var value in values)
            {
                Embedded++;
                result.Add(new Embedding<float>(new float[] { value.Length, value[0], 1, 2 }));
            }
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", defaultModelId: modelId) : null;

        public void Dispose() { }
    }
}
