using CoachBot.Core;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using CoachBot.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoachBot.TestSupport;

/// <summary>
/// The coach as the hosts build it: the shipped sentence model and the playbook's vectors, shared by every test of a
/// process (the model is 90 MB; its vectors come from the same disk cache the CLI and server use), so transcript
/// and channel tests see the same understanding a seller does.
/// </summary>
public static class TestCoach
{
    private static readonly Lazy<PlaybookContent> ShippedPlaybook = new(PlaybookLoader.LoadEmbedded);
    private static readonly Lazy<CoachUnderstanding> ShippedUnderstanding = new(() => Build(ShippedPlaybook.Value));

    public static PlaybookContent Playbook => ShippedPlaybook.Value;

    /// <summary>The shipped playbook's understanding, built once per test process.</summary>
    public static CoachUnderstanding Understanding => ShippedUnderstanding.Value;

    /// <summary>A coach on the shipped playbook, or on <paramref name="playbook"/> (embedded for it).</summary>
    public static Coach Create(PlaybookContent? playbook = null, TimeProvider? time = null, CoachOptions? options = null) =>
        playbook is null || ReferenceEquals(playbook, ShippedPlaybook.Value)
            ? new Coach(ShippedPlaybook.Value, Understanding, time, options)
            : new Coach(playbook, Build(playbook), time, options);

    public static CoachUnderstanding Build(PlaybookContent playbook) =>
        UnderstandingFactory.BuildAsync(playbook, new EmbeddingOptions(), NullLoggerFactory.Instance).GetAwaiter().GetResult();
}

public static class CoachTestExtensions
{
    /// <summary>A turn awaited in place, so a test reads as a conversation, one line per turn.</summary>
    public static Core.Conversation.TurnResult TurnSync(this Coach coach, Core.Conversation.DialogState state, Core.Conversation.Utterance utterance) =>
        coach.TurnAsync(state, utterance).GetAwaiter().GetResult();
}
