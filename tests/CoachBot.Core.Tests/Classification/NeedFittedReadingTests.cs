using CoachBot.Core.Classification;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Classification;

/// <summary>
/// The fitted reading on hand-made vectors: what separates knowledge from behaviour in the examples is the first
/// dimension (knowledge examples lean +x, behaviour ones −x), while the statement's single nearest example is a
/// behaviour one that happens to share its second dimension. Similarity says behaviour; the fitted classifier reads the
/// statement's +x lean as knowledge.
/// </summary>
public class NeedFittedReadingTests
{
    private static readonly float[] Statement = Unit(0.1f, 0.995f, 0);

    private static float[] Unit(float x, float y, float z)
    {
        var norm = MathF.Sqrt(x * x + y * y + z * z);
        return [x / norm, y / norm, z / norm];
    }

    private static NeedClassifier Classifier(double fittedWeight)
    {
        var texts = new List<LabelledText>();
        var vectors = new List<float>();
        void Add(string need, float[] vector)
        {
            texts.Add(new(need, $"{need} {texts.Count}"));
            vectors.AddRange(vector);
        }
        Add("knowledge", Unit(0.3f, 0, 0.954f));
        Add("knowledge", Unit(0.3f, 0, -0.954f));
        Add("knowledge", Unit(0.3f, 0.2f, 0.93f));
        Add("knowledge", Unit(0.3f, -0.2f, -0.93f));
        Add("behavior", Unit(-0.05f, 0.9987f, 0));
        Add("behavior", Unit(-0.05f, -0.9987f, 0));
        Add("behavior", Unit(-0.3f, 0, 0.954f));
        Add("behavior", Unit(-0.3f, 0, -0.954f));
        var none = new SemanticIndex([], [], 3);
        var noCues = new CueReading(0, 0, 0, new Dictionary<string, double>(), null, [], false);
        var examples = new NeedExampleIndexes(new SemanticIndex(texts, [.. vectors], 3), none, none, [.. texts.Select(_ => noCues)]);
        // Hand-made similarities are far below real ones, so no reading is turned into "unclear" for a low score.
        return new NeedClassifier(new NeedCueReader(TestCoach.Playbook), examples,
            new NeedClassifier.Settings { FittedWeight = fittedWeight, MinimumScore = 0 });
    }

    [Fact]
    public void Similarity_alone_follows_the_nearest_example()
    {
        Assert.Equal(Need.Behavior, Classifier(fittedWeight: 0).Classify("alpha beta gamma", Statement).Need);
    }

    [Fact]
    public void The_fitted_reading_weighs_the_direction_that_separates_the_needs()
    {
        Assert.Equal(Need.Knowledge, Classifier(fittedWeight: 5).Classify("alpha beta gamma", Statement).Need);
    }
}
