using CoachBot.Core.Text;

namespace CoachBot.Core.Tests.Text;

public class VocabularyTests
{
    private static Vocabulary Build(params string[] words)
    {
        var vocabulary = new Vocabulary();
        foreach (var word in words)
            vocabulary.Add(word, word);
        return vocabulary;
    }

    [Theory]
    [InlineData("halucinate", "hallucinate", 1)]
    [InlineData("hallucinnatte", "hallucinate", 2)]
    [InlineData("securty", "security", 1)]
    [InlineData("cots", "cost", 1)]
    public void Corrects_a_word_within_its_typo_limit(string typed, string expected, int distance)
    {
        var vocabulary = Build("hallucinate", "security", "cost");

        Assert.True(vocabulary.TryCorrect(typed, out var term, out var found, out var surface));
        Assert.Equal(expected, surface);
        Assert.Equal(vocabulary.Find(expected), term);
        Assert.Equal(distance, found);
    }

    [Theory]
    [InlineData("cst")]        // too short to correct
    [InlineData("csot2")]      // two edits in a five-letter word
    [InlineData("xyzzy")]
    public void Leaves_words_outside_the_limit_alone(string typed)
    {
        Assert.False(Build("cost", "security").TryCorrect(typed, out _, out _, out _));
    }

    [Fact]
    public void Prefers_the_more_used_word_when_two_are_equally_close()
    {
        var vocabulary = Build("cart", "card", "card");

        Assert.True(vocabulary.TryCorrect("carx", out _, out _, out var surface));
        Assert.Equal("card", surface);
    }
}
