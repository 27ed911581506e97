using CoachBot.Core.Text;

namespace CoachBot.Core.Lookup;

/// <summary>One meaningful unit of analysed text: a known stem (or -1), where it stood and how it was found.</summary>
internal struct AnalyzedToken
{
    /// <summary>Vocabulary id of the stem, or -1 when the word is unknown.</summary>
    public int TermId;
    /// <summary>Words covered: 2 when two words were rejoined into a compound ("fine tune" -> finetun).</summary>
    public byte Width;
    /// <summary>Typo edits needed to recognise it (0 = exact).</summary>
    public byte Distance;
    public WordRole Role;
    /// <summary>A part of a hyphenated compound, emitted next to the compound at index time only.</summary>
    public bool IsPart;
}

/// <summary>Scratch arrays for one analysis at a time; reused so queries do not allocate.</summary>
internal sealed class AnalysisBuffers(int maxChars, int maxWords)
{
    public readonly char[] Lower = new char[maxChars];
    public readonly char[] Work = new char[maxChars * 2 + 2];
    public readonly WordSpan[] Words = new WordSpan[maxWords];
    public readonly int[] Terms = new int[maxWords];
    public readonly byte[] Distances = new byte[maxWords];
    public readonly WordRole[] Roles = new WordRole[maxWords];
    public readonly string?[] Corrected = new string?[maxWords];
    public readonly bool[] MergedWithNext = new bool[maxWords];
}

/// <summary>
/// Turns text into vocabulary terms the same way for the playbook and for queries: lowercase words, light
/// stems, and compounds rejoined whenever the joined word is known, so "fine-tuning", "fine tuning",
/// "finetune" and "fine-tuned" all become one term. Queries also get typo correction.
/// </summary>
internal sealed class TextAnalyzer(Vocabulary vocabulary)
{
    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>
    /// First pass over playbook text: registers every content word and every hyphenated compound, so the
    /// second pass (and queries) can rejoin split compounds.
    /// </summary>
    public void Register(string text)
    {
        var buffers = new AnalysisBuffers(text.Length, Math.Max(1, text.Length));
        var lower = buffers.Lower;
        var count = Tokenizer.Tokenize(text, lower, buffers.Words);
        for (var i = 0; i < count; i++)
        {
            var word = buffers.Words[i];
            var surface = lower.AsSpan(word.Start, word.Length);
            if (LookupWords.RoleOf(surface) is WordRole.Content or WordRole.IdentityCue)
                Vocabulary.Add(surface, Stem(surface, buffers.Work));
            if (word.HyphenToNext && i + 1 < count)
            {
                var joined = Join(surface, Surface(buffers, i + 1), buffers.Work);
                var copy = joined.ToArray();
                Vocabulary.Add(copy, Stem(copy, buffers.Work));
            }
        }
    }

    /// <summary>Analyses playbook text (after <see cref="Register"/>); allocates its own buffers.</summary>
    public List<AnalyzedToken> AnalyzeContent(string text)
    {
        var buffers = new AnalysisBuffers(text.Length, Math.Max(1, text.Length));
        var tokens = new AnalyzedToken[Math.Max(1, text.Length * 2)];
        var count = Analyze(text, buffers, correctTypos: false, emitHyphenParts: true, tokens);
        return [.. tokens.AsSpan(0, count)];
    }

    /// <summary>
    /// Analyses <paramref name="text"/> (cut to the buffers' size) into <paramref name="output"/> and returns
    /// the token count. Stop words are kept (with their role) so callers can read intent from them.
    /// </summary>
    public int Analyze(ReadOnlySpan<char> text, AnalysisBuffers buffers, bool correctTypos, bool emitHyphenParts,
        Span<AnalyzedToken> output)
    {
        var count = Tokenizer.Tokenize(text, buffers.Lower, buffers.Words);
        for (var i = 0; i < count; i++)
        {
            buffers.Corrected[i] = null;
            buffers.Distances[i] = 0;
            buffers.MergedWithNext[i] = false;
            var surface = Surface(buffers, i);
            buffers.Roles[i] = LookupWords.RoleOf(surface);
            buffers.Terms[i] = Vocabulary.Find(Stem(surface, buffers.Work));
        }

        for (var i = 0; i + 1 < count; i++)
        {
            if (TryMerge(buffers, i))
                i++;
        }

        if (correctTypos)
            CorrectTypos(buffers, count);

        var written = 0;
        for (var i = 0; i < count && written < output.Length; i++)
        {
            if (buffers.MergedWithNext[i])
            {
                output[written++] = new AnalyzedToken
                {
                    TermId = buffers.Terms[i],
                    Width = 2,
                    Distance = (byte)(buffers.Distances[i] + buffers.Distances[i + 1]),
                    // "okta-land", "identity-world": a compound of an identity word still names the identity side.
                    Role = buffers.Roles[i] == WordRole.IdentityCue || buffers.Roles[i + 1] == WordRole.IdentityCue
                        ? WordRole.IdentityCue
                        : WordRole.Content,
                };
                if (emitHyphenParts && buffers.Words[i].HyphenToNext)
                {
                    written = EmitPart(buffers, i, output, written);
                    written = EmitPart(buffers, i + 1, output, written);
                }
                i++;
                continue;
            }
            output[written++] = new AnalyzedToken
            {
                TermId = buffers.Terms[i],
                Width = 1,
                Distance = buffers.Distances[i],
                Role = buffers.Roles[i],
            };
        }
        return written;
    }

    /// <summary>
    /// <paramref name="text"/> as the sentence model should also read it: each short form in
    /// <paramref name="expansions"/> (keys compared without regard to case) written out, and each content word the
    /// playbook does not know replaced by the known word it nearly is ("infrence" -> "inference", "finetunning" ->
    /// "finetuning") unless <paramref name="ordinaryWords"/> has it (without that list, no word is corrected);
    /// everything else as typed. Null when nothing changes, so most queries cost nothing more.
    /// </summary>
    public string? Repair(string text, IReadOnlyDictionary<string, string> expansions, IReadOnlySet<string>? ordinaryWords)
    {
        System.Text.StringBuilder? repaired = null;
        var copied = 0;
        Span<char> word = stackalloc char[EditDistance.MaxLength + 1];
        for (var start = 0; start < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[start])) { start++; continue; }
            var end = start;
            var length = 0;
            var hasDigit = false;
            var hasApostrophe = false;
            // The tokenizer's words: letters and digits, an apostrophe inside a word dropped (it's -> its).
            while (end < text.Length && (char.IsLetterOrDigit(text[end])
                || (IsApostrophe(text[end]) && end + 1 < text.Length && char.IsLetter(text[end + 1]) && end > start)))
            {
                if (char.IsLetterOrDigit(text[end]))
                {
                    if (length < word.Length) word[length] = char.ToLowerInvariant(text[end]);
                    length++;
                    hasDigit |= char.IsDigit(text[end]);
                }
                else hasApostrophe = true;
                end++;
            }
            var replacement = length <= EditDistance.MaxLength ? Replacement(word[..length], hasDigit, hasApostrophe, expansions, ordinaryWords) : null;
            if (replacement is not null)
            {
                repaired ??= new System.Text.StringBuilder(text.Length + 32);
                repaired.Append(text, copied, start - copied).Append(replacement);
                copied = end;
            }
            start = end;
        }
        return repaired?.Append(text, copied, text.Length - copied).ToString();
    }

    private string? Replacement(ReadOnlySpan<char> word, bool hasDigit, bool hasApostrophe, IReadOnlyDictionary<string, string> expansions,
        IReadOnlySet<string>? ordinaryWords)
    {
        var text = word.ToString();
        if (expansions.GetValueOrDefault(text) is { } expansion)
            return expansion;
        if (ordinaryWords is null || hasDigit || hasApostrophe || LookupWords.RoleOf(word) != WordRole.Content)
            return null;
        // The playbook's examples hold misspellings on purpose, so its vocabulary alone cannot tell a typo: a word is
        // left alone when the model reads it (or its stem) whole, or the playbook uses it often. A correction must be a
        // word the playbook uses often; a join of two words the model reads is written apart ("finetunning" ->
        // "fine-tuning"), and a playbook word the model reads only in pieces ("hallucination") is still a correction.
        // A misspelling that several writers share ("halucination", 4 uses) is still a misspelling when a word one or
        // two letters away is used at least twice as often ("hallucination", 8).
        var stems = OrdinaryStems(ordinaryWords);
        if (IsOrdinary(text, stems))
            return null;
        var uses = Vocabulary.Uses(text);
        var correctionUses = uses >= CommonUses ? uses * SharedMisspellingRatio : CommonUses;
        return Vocabulary.TryCorrect(word, candidate => Vocabulary.Uses(candidate) >= correctionUses
                    && (Readably(candidate, stems) is not null || (candidate.Length >= MinPiecewiseCorrection && !expansions.ContainsKey(candidate))),
                out _, out _, out var surface)
            ? Readably(surface, stems) ?? surface
            : null;
    }

    /// <summary>
    /// The shortest correction the model may read only in pieces: long ones are the playbook's terms ("hallucination");
    /// short ones are mostly short forms ("sft"), which would turn an ordinary word ("soft") into jargon.
    /// </summary>
    private const int MinPiecewiseCorrection = 8;

    /// <summary>A playbook word used this often is a word, not a misspelling kept in an example...</summary>
    private const int CommonUses = 3;

    /// <summary>...unless a word a letter or two away is used at least this many times as often.</summary>
    private const int SharedMisspellingRatio = 2;

    private (IReadOnlySet<string> Words, HashSet<string> Stems)? _ordinaryStems;

    /// <summary>Stems the model's whole words now (about 20 ms), so the first query does not wait for it.</summary>
    public void PrepareRepair(IReadOnlySet<string> ordinaryWords) => OrdinaryStems(ordinaryWords);

    /// <summary>The stems of the model's whole words, so "prompts" and "manuals" count as read whole.</summary>
    private HashSet<string> OrdinaryStems(IReadOnlySet<string> words)
    {
        if (_ordinaryStems is { } known && ReferenceEquals(known.Words, words)) return known.Stems;
        var stems = new HashSet<string>(words.Count, StringComparer.Ordinal);
        Span<char> work = stackalloc char[EditDistance.MaxLength + 1];
        foreach (var word in words)
            if (word.Length <= EditDistance.MaxLength) stems.Add(Stem(word, work).ToString());
        _ordinaryStems = (words, stems);
        return stems;
    }

    private static bool IsOrdinary(string word, HashSet<string> stems)
    {
        Span<char> work = stackalloc char[EditDistance.MaxLength + 1];
        return stems.Contains(Stem(word, work).ToString());
    }

    /// <summary><paramref name="word"/> as words the model reads whole: itself, or two of them hyphenated; null when neither.</summary>
    private static string? Readably(string word, HashSet<string> stems)
    {
        if (IsOrdinary(word, stems)) return word;
        for (var split = 3; split <= word.Length - 3; split++)
            if (IsOrdinary(word[..split], stems) && IsOrdinary(word[split..], stems))
                return word[..split] + "-" + word[split..];
        return null;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`';

    private static int EmitPart(AnalysisBuffers buffers, int word, Span<AnalyzedToken> output, int written)
    {
        if (written >= output.Length || buffers.Roles[word] is WordRole.Stop or WordRole.Negator or WordRole.ComparisonCue)
            return written;
        output[written] = new AnalyzedToken
        {
            TermId = buffers.Terms[word],
            Width = 1,
            Role = buffers.Roles[word],
            IsPart = true,
        };
        return written + 1;
    }

    private void CorrectTypos(AnalysisBuffers buffers, int count)
    {
        var corrected = false;
        for (var i = 0; i < count; i++)
        {
            if (buffers.Terms[i] >= 0 || buffers.Roles[i] != WordRole.Content || IsMerged(buffers, i))
                continue;
            if (Vocabulary.TryCorrect(Surface(buffers, i), out var term, out var distance, out var surface))
            {
                buffers.Terms[i] = term;
                buffers.Distances[i] = (byte)distance;
                buffers.Corrected[i] = surface;
                corrected = true;
            }
        }
        if (!corrected)
            return;
        // A corrected word may now rejoin its neighbour: "fien tuning" -> "fine tuning" -> finetun.
        for (var i = 0; i + 1 < count; i++)
        {
            if (IsMerged(buffers, i) || IsMerged(buffers, i + 1))
                continue;
            if ((buffers.Corrected[i] is not null || buffers.Corrected[i + 1] is not null) && TryMerge(buffers, i))
                i++;
        }
    }

    private static bool IsMerged(AnalysisBuffers buffers, int i) =>
        buffers.MergedWithNext[i] || (i > 0 && buffers.MergedWithNext[i - 1]);

    private bool TryMerge(AnalysisBuffers buffers, int i)
    {
        var first = Surface(buffers, i);
        var second = Surface(buffers, i + 1);
        if (first.Length + second.Length > EditDistance.MaxLength)
            return false;
        Span<char> joined = stackalloc char[first.Length + second.Length];
        first.CopyTo(joined);
        second.CopyTo(joined[first.Length..]);
        var term = Vocabulary.Find(joined[..LightStemmer.Stem(joined)]);
        if (term < 0)
            return false;
        buffers.MergedWithNext[i] = true;
        buffers.Terms[i] = term;
        return true;
    }

    private static ReadOnlySpan<char> Surface(AnalysisBuffers buffers, int i)
    {
        if (buffers.Corrected[i] is { } corrected)
            return corrected;
        var word = buffers.Words[i];
        return buffers.Lower.AsSpan(word.Start, word.Length);
    }

    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> surface, Span<char> work)
    {
        var copy = work[..surface.Length];
        surface.CopyTo(copy);
        return copy[..LightStemmer.Stem(copy)];
    }

    private static ReadOnlySpan<char> Join(ReadOnlySpan<char> first, ReadOnlySpan<char> second, Span<char> work)
    {
        first.CopyTo(work);
        second.CopyTo(work[first.Length..]);
        return work[..(first.Length + second.Length)];
    }
}
