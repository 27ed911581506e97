namespace CoachBot.Core.Text;

/// <summary>A word found by <see cref="Tokenizer"/>: a slice of the lowercased text.</summary>
/// <param name="Start">Offset in the lowercased buffer.</param>
/// <param name="Length">Length in the lowercased buffer.</param>
/// <param name="HyphenToNext">True when a hyphen joins this word to the next ("fine-tuning", "lock-in").</param>
internal readonly record struct WordSpan(int Start, int Length, bool HyphenToNext);

/// <summary>
/// Splits text into lowercase words without allocating: letters and digits form words, apostrophes inside a
/// word vanish (it's -> its, agency's -> agencys), a hyphen between two words is remembered so compounds can
/// be rejoined, and every other character separates.
/// </summary>
internal static class Tokenizer
{
    /// <summary>
    /// Writes the lowercased words of <paramref name="text"/> into <paramref name="buffer"/> and their positions
    /// into <paramref name="words"/>; stops when either is full. Returns the number of words.
    /// </summary>
    public static int Tokenize(ReadOnlySpan<char> text, Span<char> buffer, Span<WordSpan> words)
    {
        var count = 0;
        var written = 0;
        var start = -1;
        for (var i = 0; i < text.Length && count < words.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (written == buffer.Length)
                    break;
                if (start < 0)
                    start = written;
                buffer[written++] = char.ToLowerInvariant(c);
                continue;
            }
            if (start >= 0 && IsApostrophe(c) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                continue;
            if (start >= 0)
            {
                var hyphen = IsHyphen(c) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
                words[count++] = new WordSpan(start, written - start, hyphen);
                start = -1;
            }
        }
        if (start >= 0 && count < words.Length)
            words[count++] = new WordSpan(start, written - start, false);
        return count;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`';

    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';
}
