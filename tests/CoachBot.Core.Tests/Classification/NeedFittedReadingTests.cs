using CoachBot.Core.Classification;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Classification;

/// <summary>
/// The fitted reading on <see cref="HandMadeVectors"/>: knowledge examples lean +x, behaviour ones −x, and the
/// statement's nearest example is a behaviour one. Similarity says behaviour; the fitted classifier reads the
/// statement's +x lean as knowledge. The kinds of change, laid out the same way, are read the same way.
/// </summary>
public class NeedFittedReadingTests
{
    private static readonly float[] Statement = HandMadeVectors.Unit(0.1f, 0.995f, 0);

    private static NeedClassifier Classifier(double fittedWeight, double changeFittedWeight = 0)
    {
        // Hand-made similarities are far below real ones, so no reading is turned into "unclear" for a low score.
        return HandMadeVectors.Classifier(HandMadeVectors.Examples("knowledge", "behavior"), HandMadeVectors.Examples("tone", "format"),
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
