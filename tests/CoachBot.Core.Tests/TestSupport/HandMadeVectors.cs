using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests;

/// <summary>
/// Three-dimensional examples where the nearest text and the direction that separates two labels disagree: the texts
/// of one label lean +x and those of the other −x, but one text of the second shares the query's large y. Similarity
/// follows that nearest text; a classifier fitted on the examples reads the query's +x lean.
/// </summary>
internal static class HandMadeVectors
{
    public static float[] Unit(float x, float y, float z)
    {
        var norm = MathF.Sqrt(x * x + y * y + z * z);
        return [x / norm, y / norm, z / norm];
    }

    public static SemanticIndex Examples(string leansPlusX, string nearest)
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
}
