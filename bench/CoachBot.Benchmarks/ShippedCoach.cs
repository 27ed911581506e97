using CoachBot.Core;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using CoachBot.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.Benchmarks;

/// <summary>The coach as the server builds it: the shipped playbook, read with the shipped sentence model.</summary>
internal static class ShippedCoach
{
    public static Coach Create()
    {
        var playbook = PlaybookLoader.LoadEmbedded();
        return new Coach(playbook, Understanding(playbook));
    }

    /// <summary>The shipped playbook's understanding, its vectors from the disk cache as the server reads them.</summary>
    public static CoachUnderstanding Understanding(PlaybookContent? playbook = null) =>
        UnderstandingFactory.BuildAsync(playbook ?? PlaybookLoader.LoadEmbedded(), new EmbeddingOptions(), NullLoggerFactory.Instance).GetAwaiter().GetResult();
}
