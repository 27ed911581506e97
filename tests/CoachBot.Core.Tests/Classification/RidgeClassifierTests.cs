using CoachBot.Core.Classification;

namespace CoachBot.Core.Tests.Classification;

public class RidgeClassifierTests
{
    /// <summary>Three classes in two dimensions, each a small cloud around its own corner.</summary>
    private static (List<float[]> Rows, List<int> Labels) Clouds(int perClass, params int[] counts)
    {
        float[][] corners = [[1, 0], [0, 1], [-1, -1]];
        var random = new Random(7);
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (var c = 0; c < corners.Length; c++)
        {
            var count = counts.Length > c ? counts[c] : perClass;
            for (var i = 0; i < count; i++)
            {
                rows.Add([corners[c][0] + (float)(random.NextDouble() - 0.5) * 0.4f, corners[c][1] + (float)(random.NextDouble() - 0.5) * 0.4f]);
                labels.Add(c);
            }
        }
        return (rows, labels);
    }

    private static int Best(double[] scores) => Array.IndexOf(scores, scores.Max());

    [Fact]
    public void Each_class_scores_highest_near_its_own_examples()
    {
        var (rows, labels) = Clouds(20);
        var model = RidgeClassifier.Fit(rows, labels, 3, penalty: 0.01);

        Assert.Equal(0, Best(model.Scores([0.9f, 0.1f])));
        Assert.Equal(1, Best(model.Scores([0.1f, 0.9f])));
        Assert.Equal(2, Best(model.Scores([-0.8f, -1.1f])));
        // Scores are near the 0/1 indicators they were fitted to.
        Assert.InRange(model.Scores([1, 0])[0], 0.7, 1.3);
        Assert.InRange(model.Scores([1, 0])[1], -0.3, 0.3);
    }

    [Fact]
    public void A_class_with_few_examples_counts_as_much_as_a_large_one()
    {
        // Two examples of class 1 against forty of each other class: unweighted, least squares would pull the
        // boundary towards class 1 and lose its own corner.
        var (rows, labels) = Clouds(40, 40, 2, 40);
        var model = RidgeClassifier.Fit(rows, labels, 3, penalty: 0.01);

        Assert.Equal(1, Best(model.Scores([0.05f, 0.95f])));
    }

    [Fact]
    public void A_larger_penalty_shrinks_the_scores_towards_each_other()
    {
        var (rows, labels) = Clouds(20);
        var spread = (double penalty) =>
        {
            var scores = RidgeClassifier.Fit(rows, labels, 3, penalty).Scores([1, 0]);
            return scores.Max() - scores.Min();
        };

        Assert.True(spread(10) < spread(0.01) / 2, $"{spread(10)} vs {spread(0.01)}");
    }

    [Fact]
    public void The_same_examples_give_the_same_scores()
    {
        var (rows, labels) = Clouds(15);

        Assert.Equal(RidgeClassifier.Fit(rows, labels, 3, 0.01).Scores([0.3f, 0.2f]), RidgeClassifier.Fit(rows, labels, 3, 0.01).Scores([0.3f, 0.2f]));
    }

    [Fact]
    public void Mismatched_or_empty_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit([[1f, 0f]], [0, 1], 2, 0.01));
        Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit([], [], 2, 0.01));
        Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit([[1f, 0f], [1f]], [0, 1], 2, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeClassifier.Fit([[1f, 0f], [0f, 1f]], [0, 2], 2, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeClassifier.Fit([[1f, 0f], [0f, 1f]], [0, 1], 2, 0));
        var model = RidgeClassifier.Fit([[1f, 0f], [0f, 1f]], [0, 1], 2, 0.01);
        Assert.Throws<ArgumentException>(() => model.Scores([1f, 0f, 0f]));
    }
}
