using System.Numerics.Tensors;
using CoachBot.Core.Semantics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace CoachBot.Embeddings.Tests;

/// <summary>The sentence model shipped in the build: loaded from the package, offline, one instance per process.</summary>
public class LocalModelTests
{
    [Fact]
    public async Task The_shipped_model_embeds_offline_into_384_unit_dimensions_and_reads_meaning()
    {
        var embedder = new TextEmbedder(LocalSentenceEmbeddingGenerator.Shared);

        var hallucination = await embedder.EmbedAsync("the model keeps making up facts");
        var paraphrase = await embedder.EmbedAsync("it invents answers that are not true");
        var unrelated = await embedder.EmbedAsync("book a flight to Denver next Tuesday");

        Assert.Equal(384, hallucination.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(hallucination), 3);
        Assert.True(TensorPrimitives.Dot(hallucination, paraphrase) > TensorPrimitives.Dot(hallucination, unrelated) + 0.2f);
        Assert.Contains(LocalSentenceEmbeddingGenerator.ModelId, embedder.ModelId);
    }

    [Fact]
    public async Task A_query_and_its_repair_embedded_together_are_embedded_as_each_alone_and_remembered()
    {
        const string typed = "cio wants to teach the AI our SOPs";
        const string repaired = "cio wants to teach the AI our standard operating procedures";
        var together = new TextEmbedder(LocalSentenceEmbeddingGenerator.Shared);
        var alone = new TextEmbedder(LocalSentenceEmbeddingGenerator.Shared);

        var (first, second) = await together.EmbedPairAsync(typed, repaired);

        // One batch pads the shorter text; the model's pooling ignores the padding, so the vectors are the same.
        var typedAlone = await alone.EmbedAsync(typed);
        var repairedAlone = await alone.EmbedAsync(repaired);
        Assert.True(TensorPrimitives.Dot(first, typedAlone) > 0.9999f);
        Assert.True(TensorPrimitives.Dot(second, repairedAlone) > 0.9999f);
        Assert.Same(first, await together.EmbedAsync(typed));
        Assert.Same(second, await together.EmbedAsync(repaired));
    }

    [Fact]
    public void The_shipped_model_names_the_whole_words_it_reads()
    {
        var words = new TextEmbedder(LocalSentenceEmbeddingGenerator.Shared).KnownWords;

        Assert.NotNull(words);
        Assert.True(words.Count > 15_000, $"{words.Count} words");
        Assert.Contains("inference", words);
        Assert.Contains("brand", words);
        Assert.DoesNotContain("infrence", words);
        Assert.DoesNotContain("##ing", words);
        Assert.DoesNotContain("[CLS]", words);
    }

    [Fact]
    public async Task One_instance_serves_the_process_and_an_empty_batch_is_empty()
    {
        Assert.Same(LocalSentenceEmbeddingGenerator.Shared, LocalSentenceEmbeddingGenerator.Shared);

        var none = await LocalSentenceEmbeddingGenerator.Shared.GenerateAsync([]);

        Assert.Empty(none);
        Assert.Equal(LocalSentenceEmbeddingGenerator.ModelId, LocalSentenceEmbeddingGenerator.Shared.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void Unknown_settings_are_refused_naming_the_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:Provider"] = "Telepathy" }).Build();

        var error = Assert.Throws<EmbeddingSetupException>(() => EmbeddingOptions.FromConfiguration(configuration));

        Assert.Contains("Embeddings", error.Message);
        Assert.Contains("Local, OpenAI or None", error.Message);
    }
}
