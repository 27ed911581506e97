using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;

namespace CoachBot.Core.Semantics;

/// <summary>
/// Turns text into unit vectors through the configured <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> (the
/// sentence model shipped in the CoachBot.Embeddings package, or an OpenAI-compatible endpoint). Recent queries are
/// remembered, so a seller repeating a look-up, or a turn re-run after a concurrent save, embeds nothing again.
/// </summary>
public sealed class TextEmbedder : IDisposable
{
    /// <summary>Texts are embedded in batches of this many, shortest first, so padding stays small.</summary>
    private const int BatchSize = 32;
    /// <summary>A look-up or statement longer than this is cut before embedding (the models read ~256 words at most).</summary>
    public const int MaxTextChars = 2_000;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly MemoryCache _recent;

    public TextEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, int rememberedQueries = 4_096)
    {
        _generator = generator;
        _recent = new MemoryCache(new MemoryCacheOptions { SizeLimit = rememberedQueries });
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        ModelId = $"{metadata?.ProviderName ?? generator.GetType().Name}/{metadata?.DefaultModelId ?? "default"}";
        KnownWords = generator.GetService<ModelWords>()?.Words;
    }

    /// <summary>The whole words the model reads (<see cref="ModelWords"/>), or null when the generator does not say.</summary>
    public IReadOnlySet<string>? KnownWords { get; }

    /// <summary>Names the model: vectors from two models are never mixed (the disk cache is keyed on it).</summary>
    public string ModelId { get; }

    /// <summary>One text's unit vector; the same text asked again is answered from memory.</summary>
    public async ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        var key = Clean(text);
        if (_recent.TryGetValue(key, out float[]? known) && known is not null) return known;
        var generated = await _generator.GenerateAsync([key], cancellationToken: cancellationToken);
        var vector = Normalized(generated[0].Vector.Span);
        _recent.Set(key, vector, new MemoryCacheEntryOptions { Size = 1 });
        return vector;
    }

    /// <summary>
    /// Two texts' unit vectors (a query as typed and as repaired), in one call to the model when neither is remembered:
    /// a batch of two costs the model much less than two calls.
    /// </summary>
    public async ValueTask<(float[] First, float[] Second)> EmbedPairAsync(string first, string second, CancellationToken cancellationToken = default)
    {
        var (firstKey, secondKey) = (Clean(first), Clean(second));
        if (_recent.TryGetValue(firstKey, out float[]? knownFirst) && knownFirst is not null)
            return (knownFirst, await EmbedAsync(second, cancellationToken));
        if (_recent.TryGetValue(secondKey, out float[]? knownSecond) && knownSecond is not null)
            return (await EmbedAsync(first, cancellationToken), knownSecond);
        var generated = await _generator.GenerateAsync([firstKey, secondKey], cancellationToken: cancellationToken);
        var (one, two) = (Normalized(generated[0].Vector.Span), Normalized(generated[1].Vector.Span));
        _recent.Set(firstKey, one, new MemoryCacheEntryOptions { Size = 1 });
        _recent.Set(secondKey, two, new MemoryCacheEntryOptions { Size = 1 });
        return (one, two);
    }

    /// <summary>Many texts' unit vectors, back to back (<paramref name="texts"/>.Count × dimensions floats).</summary>
    public async Task<(float[] Vectors, int Dimensions)> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (texts.Count == 0) return ([], 0);
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        float[]? vectors = null;
        var dimensions = 0;
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            var generated = await _generator.GenerateAsync(batch.Select(i => Clean(texts[i])), cancellationToken: cancellationToken);
            for (var k = 0; k < batch.Length; k++)
            {
                var vector = generated[k].Vector.Span;
                if (vectors is null)
                {
                    dimensions = vector.Length;
                    vectors = new float[texts.Count * dimensions];
                }
                if (vector.Length != dimensions)
                    throw new InvalidOperationException($"The embedding model returned vectors of {vector.Length} and {dimensions} dimensions.");
                Normalize(vector, vectors.AsSpan(batch[k] * dimensions, dimensions));
            }
        }
        return (vectors!, dimensions);
    }

    public void Dispose() => _recent.Dispose();

    /// <summary>One line of at most <see cref="MaxTextChars"/> characters: models treat tabs and newlines inconsistently.</summary>
    private static string Clean(string text)
    {
        var cut = text.Length > MaxTextChars ? text[..MaxTextChars] : text;
        return string.Join(' ', cut.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var result = new float[vector.Length];
        Normalize(vector, result);
        return result;
    }

    private static void Normalize(ReadOnlySpan<float> vector, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, destination);
        else vector.CopyTo(destination);
    }
}
