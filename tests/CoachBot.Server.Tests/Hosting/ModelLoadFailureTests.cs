using CoachBot.Embeddings;
using CoachBot.Server.Tests.Durability;

namespace CoachBot.Server.Tests.Hosting;

/// <summary>
/// The coach is built in the background while the server listens, but a sentence model that cannot load still stops
/// the server, with a message that names the package and the fix, never a silent start on a worse reading.
/// </summary>
public sealed class ModelLoadFailureTests : IDisposable
{
    private readonly string _embeddings = Path.Combine(Path.GetTempPath(), "coachbot-model-failure-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_model_file_that_does_not_load_stops_the_server_naming_the_package_and_the_fix()
    {
        // The model as written out of the package, damaged in place: a graph and a weights file, neither of them a model's.
        var modelFile = PackagedModelFile.PathIn(_embeddings);
        var weightsFile = PackagedModelFile.WeightsPathOf(modelFile);
        Directory.CreateDirectory(_embeddings);
        await using (var file = File.Create(modelFile)) file.SetLength(4096);
        await using (var file = File.Create(weightsFile)) file.SetLength(PackagedModelFile.Length);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(new Dictionary<string, string?> { ["Embeddings:CachePath"] = _embeddings });

        Assert.Equal(1, exitCode);
        Assert.Contains(LocalSentenceEmbeddingGenerator.Package, output);
        Assert.Contains($"delete {modelFile} and {weightsFile}", output);
        Assert.Contains("Embeddings:Provider=None", output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_embeddings)) Directory.Delete(_embeddings, recursive: true);
    }
}
