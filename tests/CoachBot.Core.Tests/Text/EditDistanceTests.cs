using CoachBot.Core.Text;

namespace CoachBot.Core.Tests.Text;

public class EditDistanceTests
{
    [Theory]
    [InlineData("cost", "cost", 0)]
    [InlineData("fien", "fine", 1)]          // adjacent swap counts once
    [InlineData("halucinate", "hallucinate", 1)]
    [InlineData("securty", "security", 1)]
    [InlineData("latncy", "latency", 1)]
    [InlineData("halucinete", "hallucinate", 2)]
    public void Counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Bounded(a, b, 2));
    }

    [Theory]
    [InlineData("kitten", "sitting")]     // 3 edits
    [InlineData("cost", "costing")]       // length differs by 3
    public void Stops_at_the_limit(string a, string b)
    {
        Assert.Equal(3, EditDistance.Bounded(a, b, 2));
    }

    [Fact]
    public void Words_longer_than_the_maximum_are_never_close()
    {
        var longWord = new string('a', EditDistance.MaxLength + 1);

        Assert.Equal(1, EditDistance.Bounded(longWord, longWord, 0));
    }
}
