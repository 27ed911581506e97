using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Semantics;

public class SemanticIndexTests
{
    [Fact]
    public void A_label_s_centroid_is_the_unit_vector_along_the_mean_of_its_texts()
    {
        var index = new SemanticIndex(
            [new("a", "one"), new("b", "two"), new("a", "three")],
            [1, 0, 0, /* b */ 0, 0, 1, /* a */ 0, 1, 0],
            3);

        var centroids = index.Centroids();

        Assert.Equal(["a", "b"], centroids.Labels);
        var toA = centroids.MeanOfClosest([0.7071068f, 0.7071068f, 0], 1);
        Assert.Equal(1.0, toA["a"], 3);
        Assert.Equal(0.0, toA["b"], 3);
        Assert.Equal(1.0, centroids.MeanOfClosest([0, 0, 1], 1)["b"], 3);
    }

    [Fact]
    public void An_empty_index_has_no_centroids()
    {
        var centroids = new SemanticIndex([], [], 3).Centroids();

        Assert.Empty(centroids.Labels);
        Assert.Empty(centroids.MeanOfClosest([1, 0, 0], 1));
    }

    [Fact]
    public void One_label_can_be_scored_by_fewer_closest_texts_than_the_others()
    {
        // "none" holds unrelated topics: the query is near one of them, and the mean of two would hide it.
        var index = new SemanticIndex([new("none", "gpu prices"), new("none", "weather"), new("a", "one"), new("a", "two")],
            [1, 0, 0, /**/ 0, 1, 0, /**/ 0.8f, 0.6f, 0, /**/ 0.8f, 0.6f, 0], 3);

        var even = index.MeanOfClosest([1, 0, 0], 2);
        var nearestOffTopic = index.MeanOfClosest([1, 0, 0], 2, "none", 1);

        Assert.Equal(0.5, even["none"], 3);
        Assert.Equal(1.0, nearestOffTopic["none"], 3);
        Assert.Equal(even["a"], nearestOffTopic["a"], 6);
        Assert.Equal(even, index.MeanOfClosest([1, 0, 0], 2, "absent", 1));
    }

    [Fact]
    public void One_pass_gives_the_label_scores_and_the_nearest_text_after_adjustments()
    {
        var index = new SemanticIndex([new("a", "near"), new("a", "far"), new("b", "middle")], [1, 0, 0, /**/ 0, 1, 0, /**/ 0.8f, 0.6f, 0], 3);

        var (scores, nearest) = index.MeanOfClosestAndNearest([1, 0, 0], 2, []);
        Assert.Equal("near", nearest);
        Assert.Equal(0.5, scores["a"], 3);
        Assert.Equal(0.8, scores["b"], 3);

        var (_, adjusted) = index.MeanOfClosestAndNearest([1, 0, 0], 2, [-0.5f, 0, 0]);
        Assert.Equal("middle", adjusted);
        Assert.Null(new SemanticIndex([], [], 3).MeanOfClosestAndNearest([1, 0, 0], 2, []).Nearest);
    }
}
