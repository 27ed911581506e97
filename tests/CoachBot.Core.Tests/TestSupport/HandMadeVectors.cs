using CoachBot.Core.Classification;
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

    /// <summary>A classifier over hand-made need examples (and kinds of change), none of which carries a cue.</summary>
    public static NeedClassifier Classifier(SemanticIndex needs, SemanticIndex? changes, NeedClassifier.Settings settings)
    {
        var none = new SemanticIndex([], [], needs.Dimensions);
        var noCues = new CueReading(0, 0, 0, new Dictionary<string, double>(), null, [], false);
        var examples = new NeedExampleIndexes(needs, changes ?? none, none, [.. needs.Texts.Select(_ => noCues)]);
        return new NeedClassifier(new NeedCueReader(TestCoach.Playbook), examples, settings);
    }
}
