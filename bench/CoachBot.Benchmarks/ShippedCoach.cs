using CoachBot.Core;
using CoachBot.Core.Playbook;
using CoachBot.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Benchmarks;

/// <summary>The coach as the server builds it: the shipped playbook, read with the shipped sentence model.</summary>
internal static class ShippedCoach
{
    public static Coach Create()
    {
        var playbook = PlaybookLoader.LoadEmbedded();
        return new Coach(playbook, UnderstandingFactory.BuildAsync(playbook, new EmbeddingOptions(), NullLoggerFactory.Instance).GetAwaiter().GetResult());
    }
}
