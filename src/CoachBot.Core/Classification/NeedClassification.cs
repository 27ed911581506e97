namespace CoachBot.Core.Classification;

/// <summary>What kind of need a buyer statement describes.</summary>
public enum Need { Behavior, Knowledge, Both, Train, Unclear }

/// <summary>
/// The classifier's reading of a buyer statement: the need, how sure it is (0..1), the signals that decided it
/// (quoted words and the rule they triggered), and any dialog answers it could infer (step id -> value).
/// </summary>
public sealed record NeedClassification(
    Need Need,
    double Confidence,
    IReadOnlyList<string> Signals,
    IReadOnlyDictionary<string, string> InferredAnswers);
