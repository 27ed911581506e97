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
}
