using System.Buffers;
using System.Numerics.Tensors;

namespace CoachBot.Core.Semantics;

/// <summary>A text the index holds and the label it stands for.</summary>
public readonly record struct LabelledText(string Label, string Text);

/// <summary>
/// Texts grouped under labels, as unit vectors, compared with a query by cosine similarity. The playbook holds a
/// few thousand texts, so every vector is compared (tens of microseconds); no approximate index is needed.
/// </summary>
/// <remarks>
/// The vectors are kept in half precision: a playbook of 5,000 texts takes 4 MB instead of 8 MB against the server's
/// idle memory target, and a similarity moves by about 0.0001 (thresholds and margins are in hundredths). They are
/// widened back to single precision a block at a time for the dot products.
/// </remarks>
public sealed class SemanticIndex
{
    private readonly LabelledText[] _texts;
    /// <summary>Texts compared per block: their single-precision copy (96 KB for 384 dimensions) stays in the CPU cache.</summary>
    private const int BlockTexts = 64;
    private readonly Half[] _vectors;
    private readonly int[] _labelOf;

    /// <param name="texts">The texts, in the order of <paramref name="vectors"/>.</param>
    /// <param name="vectors">One unit vector per text, all of <paramref name="dimensions"/> floats, back to back.</param>
    public SemanticIndex(IReadOnlyList<LabelledText> texts, float[] vectors, int dimensions)
    {
        if (texts.Count > 0) ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (vectors.Length != texts.Count * dimensions)
            throw new ArgumentException($"{texts.Count} texts need {texts.Count * dimensions} floats, got {vectors.Length}.", nameof(vectors));
        Dimensions = dimensions;
        _texts = [.. texts];
        _vectors = new Half[vectors.Length];
        TensorPrimitives.ConvertToHalf(vectors, _vectors);
        var labels = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        _labelOf = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            if (!index.TryGetValue(texts[i].Label, out var id))
            {
                id = labels.Count;
                index[texts[i].Label] = id;
                labels.Add(texts[i].Label);
            }
            _labelOf[i] = id;
        }
        Labels = labels;
    }

    public int Dimensions { get; }

    /// <summary>The distinct labels, in order of first appearance.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int Count => _texts.Length;

    /// <summary>Each text's cosine similarity to <paramref name="query"/> (a unit vector), in index order.</summary>
    public float[] Similarities(ReadOnlySpan<float> query)
    {
        var similarities = new float[_texts.Length];
        if (_texts.Length == 0) return similarities;
        if (query.Length != Dimensions)
            throw new ArgumentException($"The query has {query.Length} dimensions, the index {Dimensions}.", nameof(query));
        var block = ArrayPool<float>.Shared.Rent(BlockTexts * Dimensions);
        try
        {
            for (var first = 0; first < _texts.Length; first += BlockTexts)
            {
                var count = Math.Min(BlockTexts, _texts.Length - first);
                var widened = block.AsSpan(0, count * Dimensions);
                TensorPrimitives.ConvertToSingle(_vectors.AsSpan(first * Dimensions, count * Dimensions), widened);
                for (var i = 0; i < count; i++)
                    similarities[first + i] = TensorPrimitives.Dot(query, widened.Slice(i * Dimensions, Dimensions));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(block);
        }
        return similarities;
    }

    /// <summary>
    /// Each label's score: the mean similarity of its <paramref name="closest"/> nearest texts (fewer when it has
    /// fewer). One text of a label can be near anything by chance; several near ones mean the label fits.
    /// </summary>
    public Dictionary<string, double> MeanOfClosest(ReadOnlySpan<float> query, int closest) => MeanOfClosest(query, closest, []);

    /// <summary>
    /// As <see cref="MeanOfClosest(ReadOnlySpan{float}, int)"/>, but <paramref name="label"/>'s score is the mean of its
    /// <paramref name="labelClosest"/> closest texts: a label whose texts are many unrelated topics (what the playbook
    /// does not answer) is as near as its one nearest topic, which the mean of several would water down.
    /// </summary>
    public Dictionary<string, double> MeanOfClosest(ReadOnlySpan<float> query, int closest, string label, int labelClosest)
    {
        var index = 0;
        while (index < Labels.Count && Labels[index] != label) index++;
        return Scores(Similarities(query), closest, (index, labelClosest));
    }

    /// <summary>
    /// As <see cref="MeanOfClosest(ReadOnlySpan{float}, int)"/>, with <paramref name="adjustments"/> (one per text, or
    /// empty) added to each text's similarity first.
    /// </summary>
    public Dictionary<string, double> MeanOfClosest(ReadOnlySpan<float> query, int closest, ReadOnlySpan<float> adjustments) =>
        Scores(Adjusted(query, adjustments), closest);

    /// <summary>
    /// <see cref="MeanOfClosest(ReadOnlySpan{float}, int, ReadOnlySpan{float})"/> and the single nearest text (null when
    /// the index is empty), from one pass over the vectors.
    /// </summary>
    public (Dictionary<string, double> Scores, string? Nearest) MeanOfClosestAndNearest(ReadOnlySpan<float> query, int closest,
        ReadOnlySpan<float> adjustments)
    {
        var similarities = Adjusted(query, adjustments);
        if (similarities.Length == 0) return (Scores(similarities, closest), null);
        var best = 0;
        for (var i = 1; i < similarities.Length; i++)
            if (similarities[i] > similarities[best]) best = i;
        return (Scores(similarities, closest), _texts[best].Text);
    }

    private float[] Adjusted(ReadOnlySpan<float> query, ReadOnlySpan<float> adjustments)
    {
        var similarities = Similarities(query);
        if (!adjustments.IsEmpty)
            for (var i = 0; i < similarities.Length; i++) similarities[i] += adjustments[i];
        return similarities;
    }

    /// <param name="exception">A label (by index; none when out of range) scored by its own count of closest texts.</param>
    private Dictionary<string, double> Scores(float[] similarities, int closest, (int Label, int Closest) exception = default)
    {
        var perLabel = new List<float>[Labels.Count];
        for (var i = 0; i < similarities.Length; i++)
            (perLabel[_labelOf[i]] ??= []).Add(similarities[i]);
        var scores = new Dictionary<string, double>(Labels.Count, StringComparer.Ordinal);
        for (var label = 0; label < Labels.Count; label++)
        {
            var list = perLabel[label];
            if (list is null) continue;
            list.Sort((a, b) => b.CompareTo(a));
            var take = Math.Min(label == exception.Label && exception.Closest > 0 ? exception.Closest : closest, list.Count);
            var sum = 0.0;
            for (var k = 0; k < take; k++) sum += list[k];
            scores[Labels[label]] = sum / take;
        }
        return scores;
    }

    /// <summary>
    /// One text per label, standing for the mean direction of its texts (a unit vector): how near a query is to a
    /// label as a whole, whatever the topic of its single closest texts.
    /// </summary>
    public SemanticIndex Centroids()
    {
        var centroids = new float[Labels.Count * Dimensions];
        var vector = new float[Dimensions];
        for (var i = 0; i < _texts.Length; i++)
        {
            TensorPrimitives.ConvertToSingle(_vectors.AsSpan(i * Dimensions, Dimensions), vector);
            var sum = centroids.AsSpan(_labelOf[i] * Dimensions, Dimensions);
            TensorPrimitives.Add(sum, vector, sum);
        }
        for (var label = 0; label < Labels.Count; label++)
        {
            var centroid = centroids.AsSpan(label * Dimensions, Dimensions);
            var norm = TensorPrimitives.Norm(centroid);
            if (norm > 0) TensorPrimitives.Divide(centroid, norm, centroid);
        }
        return new SemanticIndex([.. Labels.Select(label => new LabelledText(label, label))], centroids, Dimensions);
    }

    /// <summary>Widens text <paramref name="index"/>'s stored vector into <paramref name="into"/> (<see cref="Dimensions"/> floats).</summary>
    public void CopyVector(int index, Span<float> into) =>
        TensorPrimitives.ConvertToSingle(_vectors.AsSpan(index * Dimensions, Dimensions), into[..Dimensions]);

    /// <summary>The texts, in index order.</summary>
    public IReadOnlyList<LabelledText> Texts => _texts;

}
