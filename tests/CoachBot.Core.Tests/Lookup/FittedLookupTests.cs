using CoachBot.Core.Lookup;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>
/// The look-up's fitted reading on <see cref="HandMadeVectors"/>: the texts of "cost" lean +x and those of "security"
/// −x, but the query's nearest text is a "security" one. The closest texts say security; the fitted classifier reads
/// the +x lean as cost.
/// </summary>
public class FittedLookupTests
{
    private static readonly float[] Query = HandMadeVectors.Unit(0.25f, 0.97f, 0);

    private static string Answer(double fittedWeight)
    {
        var playbook = SamplePlaybook.Content();
        // One closest text per answer, and no threshold: hand-made similarities are far below real ones.
        var finder = new PhraseFinder(playbook, new PhraseIndex(playbook), HandMadeVectors.Examples("cost", "security"),
            new PhraseFinder.Settings { FittedWeight = fittedWeight, Neighbours = 1, Threshold = 0, ClosestFloor = 0 });

        var result = finder.Search("zzzz", Query);
        return Assert.Single(result.Matches.Take(1)).Phrase.Id;
    }

    [Fact]
    public void Similarity_alone_follows_the_nearest_text()
    {
        Assert.Equal("security", Answer(fittedWeight: 0));
    }

    [Fact]
    public void The_fitted_reading_weighs_the_direction_that_separates_the_answers()
    {
        Assert.Equal("cost", Answer(fittedWeight: 5));
    }
}
