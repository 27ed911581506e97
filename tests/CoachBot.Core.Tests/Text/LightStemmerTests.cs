using CoachBot.Core.Text;

namespace CoachBot.Core.Tests.Text;

public class LightStemmerTests
{
    private static string Stem(string word)
    {
        var buffer = word.ToCharArray();
        return new string(buffer, 0, LightStemmer.Stem(buffer));
    }

    [Theory]
    [InlineData("tuning", "tune")]
    [InlineData("tuned", "tunes")]
    [InlineData("finetuning", "finetune")]
    [InlineData("finetuned", "finetune")]
    [InlineData("costs", "cost")]
    [InlineData("costly", "cost")]
    [InlineData("policies", "policy")]
    [InlineData("security", "secure")]
    [InlineData("weekly", "week")]
    [InlineData("quarterly", "quarters")]
    [InlineData("embedding", "embedded")]
    [InlineData("portability", "portable")]
    [InlineData("processes", "process")]
    [InlineData("hallucinated", "hallucinate")]
    [InlineData("applied", "apply")]
    public void Forms_of_one_word_share_a_stem(string a, string b)
    {
        Assert.Equal(Stem(a), Stem(b));
    }

    [Theory]
    [InlineData("customer", "custom")]
    [InlineData("policy", "police")]
    [InlineData("need", "ne")]
    public void Different_words_stay_apart(string a, string b)
    {
        Assert.NotEqual(Stem(a), Stem(b));
    }

    [Theory]
    [InlineData("rag")]
    [InlineData("sql")]
    [InlineData("128k")]
    [InlineData("status")]
    [InlineData("analysis")]
    public void Short_words_numbers_and_latin_endings_are_left_alone(string word)
    {
        Assert.Equal(word, Stem(word));
    }
}
