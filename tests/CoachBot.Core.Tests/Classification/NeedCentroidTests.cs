using CoachBot.Core.Classification;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Classification;

/// <summary>
/// The centroid reading on hand-made vectors: two knowledge examples sit right beside the statement (another sector's
/// wording, say) while most knowledge examples are far from it; every behaviour example is fairly near. The closest
/// examples alone say knowledge; the needs as a whole say behaviour.
/// </summary>
public class NeedCentroidTests
{
    private static readonly float[] Statement = [1, 0, 0];

    private static NeedClassifier Classifier(double centroidWeight)
    {
        var texts = new List<LabelledText>();
        var vectors = new List<float>();
        void Add(string need, params float[] vector)
        {
            texts.Add(new(need, $"{need} {texts.Count}"));
            vectors.AddRange(vector);
        }
        Add("knowledge", 0.95f, 0.3122499f, 0);
        Add("knowledge", 0.95f, -0.3122499f, 0);
        for (var i = 0; i < 4; i++) Add("knowledge", 0, 0, 1);
        Add("behavior", 0.8f, 0.6f, 0);
        Add("behavior", 0.8f, -0.6f, 0);
        Add("behavior", 0.8f, 0, 0.6f);
        Add("behavior", 0.8f, 0, -0.6f);
        // The fitted and words readings are left out: this is about the two similarity readings.
        return HandMadeVectors.Classifier(new SemanticIndex(texts, [.. vectors], 3), null,
            new NeedClassifier.Settings { CentroidWeight = centroidWeight, FittedWeight = 0, WordsWeight = 0 });
    }

    [Fact]
    public void The_closest_examples_alone_follow_the_two_near_ones()
    {
        Assert.Equal(Need.Knowledge, Classifier(centroidWeight: 0).Classify("alpha beta gamma", Statement).Need);
    }

    [Fact]
    public void The_centroid_reads_the_need_the_examples_share()
    {
        Assert.Equal(Need.Behavior, Classifier(centroidWeight: 1).Classify("alpha beta gamma", Statement).Need);
    }
}
