using CoachBot.Core.Text;

namespace CoachBot.Core.Tests.Text;

public class TokenizerTests
{
    private static (string Word, bool Hyphen)[] Tokenize(string text, int maxWords = 64)
    {
        var buffer = new char[text.Length];
        var words = new WordSpan[maxWords];
        var count = Tokenizer.Tokenize(text, buffer, words);
        return [.. words.Take(count).Select(w => (new string(buffer, w.Start, w.Length), w.HyphenToNext))];
    }

    [Fact]
    public void Words_are_lowercased_apostrophes_dropped_and_hyphens_remembered()
    {
        Assert.Equal(
            [("its", false), ("fine", true), ("tuning", false), ("isnt", false), ("it", false)],
            Tokenize("It's FINE-tuning, isn\u2019t it?"));
    }

    [Fact]
    public void Letters_beyond_ascii_are_kept_and_symbols_separate()
    {
        Assert.Equal([("café", false), ("q", false), ("a", false), ("128k", false)], Tokenize("Café Q&A — 128k 💰"));
    }

    [Fact]
    public void A_hyphen_before_a_space_is_not_a_compound()
    {
        Assert.Equal([("pre", false), ("post", false)], Tokenize("pre- post"));
    }

    [Fact]
    public void Tokenizing_stops_when_the_word_list_is_full()
    {
        Assert.Equal(3, Tokenize("one two three four five", maxWords: 3).Length);
    }
}
