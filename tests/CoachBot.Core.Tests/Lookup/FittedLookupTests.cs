using CoachBot.Core.Lookup;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>
/// The look-up's fitted reading on hand-made vectors, the need classifier's case for answers: the texts of "cost" lean
/// +x and those of "security" −x, but the query's single nearest text is a "security" one that shares its second
/// dimension. The closest texts say security; the fitted classifier reads the +x lean as cost.
/// </summary>
public class FittedLookupTests
{
    private static readonly float[] Query = Unit(0.25f, 0.97f, 0);

    private static float[] Unit(float x, float y, float z)
    {
        var norm = MathF.Sqrt(x * x + y * y + z * z);
        return [x / norm, y / norm, z / norm];
    }

    private static string Answer(double fittedWeight)
    {
        var texts = new List<LabelledText>();
        var vectors = new List<float>();
        void Add(string label, float[] vector)
        {
            texts.Add(new(label, $"{label} {texts.Count}"));
            vectors.AddRange(vector);
        }
        Add("cost", Unit(0.3f, 0, 0.954f));
        Add("cost", Unit(0.3f, 0, -0.954f));
        Add("cost", Unit(0.3f, 0.2f, 0.93f));
        Add("cost", Unit(0.3f, -0.2f, -0.93f));
        Add("security", Unit(-0.05f, 0.9987f, 0));
        Add("security", Unit(-0.05f, -0.9987f, 0));
        Add("security", Unit(-0.3f, 0, 0.954f));
        Add("security", Unit(-0.3f, 0, -0.954f));
        var playbook = SamplePlaybook.Content();
        // One closest text per answer, and no threshold: hand-made similarities are far below real ones.
        var finder = new PhraseFinder(playbook, new PhraseIndex(playbook), new SemanticIndex(texts, [.. vectors], 3),
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
