using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using CoachBot.Core.Cards;

namespace CoachBot.Slack.Rendering.BlockKit;

/// <summary>
/// The one speed-up the Slack rendering path keeps: each phrase's blocks, and their JSON, are made once and reused by
/// every later message that shows the same phrase (a look-up shows three). A phrase is the same when it is equal in
/// value (id and texts), whoever made it; anything else renders afresh.
/// </summary>
/// <remarks>
/// Why it stays: a slash command's answer is three phrases, and under `bash bench/slack-load/run.sh` rendering and
/// writing them afresh for every request is the largest piece of our own per-request work; the README's Slack load
/// row (Performance) gives the figures this keeps. Values, not string identities, are the key, so the card factory
/// owes this cache nothing; the table stops growing at <see cref="MaxPhrases"/>.
/// </remarks>
internal static class PhraseRenderings
{
    /// <summary>How many phrases keep their rendering; the shipped playbook has a few dozen.</summary>
    internal const int MaxPhrases = 4096;

    private static readonly ConcurrentDictionary<PhraseBlock, SlackBlock[]> Rendered = new(SamePhrase.Instance);

    // The JSON of exactly those block instances (no others are added), which SlackBlock.WriteTo copies.
    private static readonly ConcurrentDictionary<SlackBlock, byte[]> Written = new(ReferenceEqualityComparer.Instance);

    public static SlackBlock[] GetOrRender(PhraseBlock phrase, Func<PhraseBlock, SlackBlock[]> render)
    {
        if (Rendered.TryGetValue(phrase, out var blocks)) return blocks;
        blocks = render(phrase);
        if (Rendered.Count < MaxPhrases && Rendered.TryAdd(phrase, blocks))
        {
            foreach (var block in blocks)
            {
                var json = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(json, BlockKitJson.WriterOptions)) block.WriteTo(writer);
                Written.TryAdd(block, json.WrittenSpan.ToArray());
            }
        }
        return blocks;
    }

    /// <summary>The JSON of a block this class made, or null for any other block.</summary>
    public static byte[]? JsonOf(SlackBlock block) => Written.GetValueOrDefault(block);

    /// <summary>Equal phrases in value; hashed by id alone, which is short and tells phrases apart.</summary>
    private sealed class SamePhrase : IEqualityComparer<PhraseBlock>
    {
        public static readonly SamePhrase Instance = new();

        public bool Equals(PhraseBlock? x, PhraseBlock? y) => x == y;

        public int GetHashCode(PhraseBlock phrase) => phrase.PhraseId.GetHashCode();
    }
}
