using System.Numerics;
using System.Runtime.CompilerServices;

namespace CoachBot.Core.Classification;

/// <summary>
/// A linear classifier fitted in closed form: ridge regression of each class's 0/1 indicator on the features, so a
/// row scores about 1 for the class it resembles and about 0 for the others. Nearest examples and centroids say
/// "close to what"; this learns which directions of the embedding separate the classes in the examples.
/// </summary>
/// <remarks>
/// Fitted when the playbook loads, for the need classifier (its examples) and the look-up (its texts). Least squares
/// rather than a logistic fit because it is one linear solve (features² × examples: about 40 ms for the 1,138 need
/// examples) where gradient descent added half a second to every start-up for the same accuracy. Each example is
/// weighted by the inverse of its class's share, so a class with few examples counts as much as one with many; the
/// intercepts are not penalised. Deterministic: the same examples always give the same weights.
/// </remarks>
internal sealed class RidgeClassifier
{
    // Classes × (features + 1), the intercept last in each row; single precision, so scoring is one vectorised dot
    // product per class (solved in double precision, the scores move by about 1e-7).
    private readonly float[] _weights;

    private RidgeClassifier(double[] weights, int features, int classes)
    {
        _weights = [.. weights.Select(w => (float)w)];
        Features = features;
        Classes = classes;
    }

    public int Features { get; }
    public int Classes { get; }

    /// <summary>
    /// Fits on <paramref name="rows"/> (one per example, all of the same length) labelled 0..classes-1, with
    /// <paramref name="penalty"/> × (number of examples) as the ridge penalty.
    /// </summary>
    internal static RidgeClassifier Fit(IReadOnlyList<float[]> rows, IReadOnlyList<int> labels, int classes, double penalty)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count != labels.Count) throw new ArgumentException($"{rows.Count} rows but {labels.Count} labels.", nameof(labels));
        if (rows.Count == 0) throw new ArgumentException("No examples to fit on.", nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(penalty);
        var features = rows[0].Length;
        if (rows.Any(row => row.Length != features)) throw new ArgumentException("Every row needs the same number of features.", nameof(rows));
        if (labels.Any(label => label < 0 || label >= classes)) throw new ArgumentOutOfRangeException(nameof(labels), $"Labels must be 0..{classes - 1}.");

        var counts = new int[classes];
        foreach (var label in labels) counts[label]++;
        var width = features + 1;

        // The normal equations (XᵀSX + λI) W = XᵀSY, S the example weights. X is kept column by column, each example
        // scaled by √S, so every entry of XᵀSX is one vectorised dot product of two columns.
        var columns = new float[width * rows.Count];
        var targets = new double[width * classes];
        for (var k = 0; k < rows.Count; k++)
        {
            var weight = (double)rows.Count / (classes * counts[labels[k]]);
            var root = (float)Math.Sqrt(weight);
            for (var i = 0; i < features; i++)
            {
                columns[i * rows.Count + k] = rows[k][i] * root;
                targets[i * classes + labels[k]] += rows[k][i] * weight;
            }
            columns[features * rows.Count + k] = root;
            targets[features * classes + labels[k]] += weight;
        }
        var gram = Gram(columns, width, rows.Count);
        var lambda = penalty * rows.Count;
        for (var i = 0; i < features; i++) gram[i * width + i] += lambda;

        CholeskyInPlace(gram, width);
        var weights = new double[classes * width];
        var solution = new double[width];
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < width; i++) solution[i] = targets[i * classes + c];
            SolveInPlace(gram, width, solution);
            solution.CopyTo(weights, c * width);
        }
        return new RidgeClassifier(weights, features, classes);
    }

    /// <summary>
    /// Scales an embedding's components (about ±0.05 each in a unit vector) to about ±1, the range of other features
    /// (cue evidence) and the one the penalty is set for.
    /// </summary>
    internal const float MeaningScale = 20;

    internal static float[] Scaled(ReadOnlySpan<float> meaning)
    {
        var scaled = new float[meaning.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(meaning, MeaningScale, scaled);
        return scaled;
    }

    /// <summary>Fits on the (scaled) vectors of <paramref name="index"/>, each text's label its class, in the order of <see cref="SemanticIndex.Labels"/>.</summary>
    internal static RidgeClassifier FitOn(Semantics.SemanticIndex index, double penalty)
    {
        var classOf = index.Labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var rows = new List<float[]>(index.Count);
        var vector = new float[index.Dimensions];
        for (var i = 0; i < index.Count; i++)
        {
            index.CopyVector(i, vector);
            rows.Add(Scaled(vector));
        }
        return Fit(rows, [.. index.Texts.Select(t => classOf[t.Label])], index.Labels.Count, penalty);
    }

    /// <summary>Each class's score for one row of features: about 1 for the class the row resembles, about 0 otherwise.</summary>
    internal double[] Scores(ReadOnlySpan<float> features)
    {
        if (features.Length != Features) throw new ArgumentException($"Expected {Features} features, got {features.Length}.", nameof(features));
        var width = Features + 1;
        var scores = new double[Classes];
        for (var c = 0; c < Classes; c++)
        {
            var weights = _weights.AsSpan(c * width, width);
            var score = weights[Features] + System.Numerics.Tensors.TensorPrimitives.Dot(weights[..Features], features);
            scores[c] = score;
        }
        return scores;
    }

    /// <summary>The lower triangle of the columns' pairwise dot products.</summary>
    /// <remarks>
    /// Fitting runs once per start-up, so these loops would otherwise run as unoptimised first-tier code: 120 ms
    /// instead of 20 for a thousand examples. Hence compiled optimised straight away.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Gram(float[] columns, int width, int length)
    {
        var gram = new double[width * width];
        for (var i = 0; i < width; i++)
        {
            var column = columns.AsSpan(i * length, length);
            for (var j = 0; j <= i; j++)
                gram[i * width + j] = Dot(column, columns.AsSpan(j * length, length));
        }
        return gram;
    }

    /// <summary>
    /// A dot product in its own optimised loop: TensorPrimitives' generic one also starts as first-tier code, and the
    /// fit calls it some 75,000 times within a tenth of a second.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, INumber<T>
    {
        var sum = Vector<T>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
            sum += new Vector<T>(a[i..]) * new Vector<T>(b[i..]);
        var total = double.CreateTruncating(Vector.Sum(sum));
        for (; i < a.Length; i++) total += double.CreateTruncating(a[i] * b[i]);
        return total;
    }

    /// <summary>Replaces the lower triangle of the symmetric positive definite <paramref name="matrix"/> by L, where LLᵀ is the matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CholeskyInPlace(double[] matrix, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = matrix.AsSpan(j * n, j);
            var diagonal = matrix[j * n + j] - Dot(rowJ, rowJ);
            // The penalty keeps the matrix positive definite; only a constant, unpenalised column could break it.
            if (diagonal <= 0) throw new InvalidOperationException("The examples' features are degenerate (a constant column?).");
            var root = Math.Sqrt(diagonal);
            matrix[j * n + j] = root;
            for (var i = j + 1; i < n; i++)
                matrix[i * n + j] = (matrix[i * n + j] - Dot(matrix.AsSpan(i * n, j), rowJ)) / root;
        }
    }

    /// <summary>Solves LLᵀx = b for x in place of b, with L from <see cref="CholeskyInPlace"/>.</summary>
    private static void SolveInPlace(double[] lower, int n, double[] b)
    {
        for (var i = 0; i < n; i++)
            b[i] = (b[i] - Dot(lower.AsSpan(i * n, i), b.AsSpan(0, i))) / lower[i * n + i];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++) sum -= lower[k * n + i] * b[k];
            b[i] = sum / lower[i * n + i];
        }
    }
}
