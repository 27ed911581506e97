using CoachBot.Core.Classification;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Classification;

/// <summary>
/// The fitted reading on hand-made vectors: what separates knowledge from behaviour in the examples is the first
/// dimension (knowledge examples lean +x, behaviour ones −x), while the statement's single nearest example is a
/// behaviour one that happens to share its second dimension. Similarity says behaviour; the fitted classifier reads the
/// statement's +x lean as knowledge. The kinds of change, laid out the same way, are read the same way.
/// </summary>
public class NeedFittedReadingTests
{
    private static readonly float[] Statement = Unit(0.1f, 0.995f, 0);

    private static float[] Unit(float x, float y, float z)
    {
        var norm = MathF.Sqrt(x * x + y * y + z * z);
        return [x / norm, y / norm, z / norm];
    }

    /// <summary>Labelled unit vectors: the first label leans +x, the second −x, and one text of the second shares the statement's y.</summary>
    private static SemanticIndex Examples(string leansPlusX, string nearest)
    {
        var texts = new List<LabelledText>();
        var vectors = new List<float>();
        void Add(string label, float[] vector)
        {
            texts.Add(new(label, $"{label} {texts.Count}"));
            vectors.AddRange(vector);
        }
        Add(leansPlusX, Unit(0.3f, 0, 0.954f));
        Add(leansPlusX, Unit(0.3f, 0, -0.954f));
        Add(leansPlusX, Unit(0.3f, 0.2f, 0.93f));
        Add(leansPlusX, Unit(0.3f, -0.2f, -0.93f));
        Add(nearest, Unit(-0.05f, 0.9987f, 0));
        Add(nearest, Unit(-0.05f, -0.9987f, 0));
        Add(nearest, Unit(-0.3f, 0, 0.954f));
        Add(nearest, Unit(-0.3f, 0, -0.954f));
        return new SemanticIndex(texts, [.. vectors], 3);
    }

    private static NeedClassifier Classifier(double fittedWeight, double changeFittedWeight = 0)
    {
        var needs = Examples("knowledge", "behavior");
        var noCues = new CueReading(0, 0, 0, new Dictionary<string, double>(), null, [], false);
        var examples = new NeedExampleIndexes(needs, Examples("tone", "format"), new SemanticIndex([], [], 3), [.. needs.Texts.Select(_ => noCues)]);
        // Hand-made similarities are far below real ones, so no reading is turned into "unclear" for a low score.
        return new NeedClassifier(new NeedCueReader(TestCoach.Playbook), examples,
            new NeedClassifier.Settings { FittedWeight = fittedWeight, ChangeFittedWeight = changeFittedWeight, MinimumScore = 0 });
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

    [Fact]
    public void The_kind_of_change_is_read_the_same_way()
    {
        // Behaviour by similarity, as above; the kinds of change are laid out like the needs, tone leaning +x.
        Assert.Equal("format", Classifier(0, changeFittedWeight: 0).Classify("alpha beta gamma", Statement).InferredAnswers["change"]);
        Assert.Equal("tone", Classifier(0, changeFittedWeight: 5).Classify("alpha beta gamma", Statement).InferredAnswers["change"]);
    }
}
