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

/// <summary>
/// The words reading on the same hand-made examples, whose texts are named after their label ("knowledge 0"): the
/// statement's vector is nearest a behaviour example, its words are those of the knowledge examples.
/// </summary>
public class NeedWordsReadingTests
{
    private static readonly float[] Statement = HandMadeVectors.Unit(0.1f, 0.995f, 0);

    private static NeedClassifier Classifier(double wordsWeight) =>
        HandMadeVectors.Classifier(HandMadeVectors.Examples("knowledge", "behavior"), null,
            new NeedClassifier.Settings { FittedWeight = 0, WordsWeight = wordsWeight, MinimumScore = 0 });

    [Fact]
    public void Without_the_words_reading_similarity_decides()
    {
        Assert.Equal(Need.Behavior, Classifier(wordsWeight: 0).Classify("a knowledge thing", Statement).Need);
    }

    [Fact]
    public void The_words_the_examples_of_a_need_use_decide_and_are_named()
    {
        var reading = Classifier(wordsWeight: 5).Classify("a knowledge thing", Statement);

        Assert.Equal(Need.Knowledge, reading.Need);
        Assert.Contains("words that lean to knowledge in the examples: \u201cknowledge\u201d", reading.Signals);
    }

    [Fact]
    public void Words_no_example_uses_change_nothing()
    {
        Assert.Equal(Need.Behavior, Classifier(wordsWeight: 5).Classify("alpha beta gamma", Statement).Need);
    }
}
