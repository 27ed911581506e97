using CoachBot.Core.Classification;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Classification;

public class NaiveBayesClassifierTests
{
    private static readonly string[] Labels = ["knowledge", "behavior"];

    // Three knowledge examples against one behaviour example: the counts are balanced per class.
    private static readonly LabelledText[] Texts =
    [
        new("knowledge", "it quotes the wrong fees"),
        new("knowledge", "the dates it gives are wrong"),
        new("knowledge", "answers must match the current rulebook"),
        new("behavior", "it should sound warmer and less stiff"),
    ];

    private static NaiveBayesClassifier Fit(double evidenceScale = 1) => NaiveBayesClassifier.Fit(Texts, Labels, 1, evidenceScale);

    [Fact]
    public void The_words_of_a_class_read_as_that_class()
    {
        var classifier = Fit();

        Assert.True(classifier.Posterior("the fees are wrong")[0] > 0.5);
        Assert.True(classifier.Posterior("make it sound less stiff")[1] > 0.5);
    }

    [Fact]
    public void Unknown_words_read_as_every_class_alike_however_many_examples_each_has()
    {
        var posterior = Fit().Posterior("zebra quantum lantern");

        Assert.Equal(0.5, posterior[0], 9);
        Assert.Equal(0.5, posterior[1], 9);
    }

    [Fact]
    public void Terms_fewer_texts_use_than_the_minimum_say_nothing()
    {
        // "fees" is in one text, "wrong" in two: with a minimum of two texts only "wrong" is heard.
        var all = NaiveBayesClassifier.Fit(Texts, Labels, 1, minTexts: 1);
        var common = NaiveBayesClassifier.Fit(Texts, Labels, 1, minTexts: 2);

        Assert.True(all.Posterior("fees")[0] > 0.5);
        Assert.Equal(0.5, common.Posterior("fees")[0], 9);
        Assert.True(common.Posterior("wrong")[0] > 0.5);
    }

    [Fact]
    public void A_smaller_evidence_scale_is_less_certain_of_the_same_class()
    {
        var full = Fit(1).Posterior("the fees are wrong");
        var half = Fit(0.5).Posterior("the fees are wrong");

        Assert.True(half[0] > 0.5);
        Assert.True(half[0] < full[0]);
    }

    [Fact]
    public void Ignored_words_say_nothing()
    {
        var classifier = Fit();

        Assert.True(classifier.Posterior("warmer please")[1] > 0.5);
        var posterior = classifier.Posterior("warmer please", new HashSet<string> { "warmer" });
        Assert.Equal(0.5, posterior[1], 9);
    }

    [Fact]
    public void The_leaning_words_are_quoted_as_written_without_function_words()
    {
        var leaning = Fit().Leaning("It quotes wrong fees", 0, 5);

        Assert.Contains("wrong", leaning);
        Assert.Contains("quotes", leaning);
        Assert.Contains("wrong fees", leaning);
        Assert.DoesNotContain("it", leaning);
        Assert.DoesNotContain("it quotes", leaning);
        Assert.DoesNotContain(leaning, w => w.StartsWith("quot", StringComparison.Ordinal) && w != "quotes");
        Assert.Empty(Fit().Leaning("It quotes wrong fees", 1, 5));
    }

    [Fact]
    public void Texts_of_other_labels_are_skipped_and_bad_settings_refused()
    {
        var classifier = NaiveBayesClassifier.Fit([.. Texts, new("train", "own the weights")], Labels, 1);

        Assert.Equal(2, classifier.Classes);
        Assert.Equal(0.5, classifier.Posterior("own weights")[0], 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => NaiveBayesClassifier.Fit(Texts, Labels, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NaiveBayesClassifier.Fit(Texts, Labels, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NaiveBayesClassifier.Fit(Texts, Labels, 1, minTexts: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit().Leaning("wrong", 2, 3));
    }
}
