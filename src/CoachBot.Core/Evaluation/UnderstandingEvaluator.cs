using CoachBot.Core.Classification;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Evaluation;

/// <summary>A look-up whose first answer was not the labelled one.</summary>
public sealed record LookupMiss(string Query, string Expected, IReadOnlyList<string> Answers);

/// <summary>
/// How a look-up did on a labelled set, reading the answers in the order the card shows them: the analogy or glossary
/// term that leads, the phrase matches listed under it, then the related answers ("See also"). Top-1: the first answer
/// is the labelled one. Top-3: it is among the first three the seller sees (for a query labelled none: the answer is
/// "no match"); a related answer counts only when fewer than three answers come before it. No-match precision: of the queries answered with "no
/// match", the share labelled none (a wrong "no match" hides a line the seller needed); no-match recall: of the
/// queries labelled none, the share answered with "no match" (a miss shows a confident wrong line).
/// </summary>
public sealed record LookupScore(int Count, int Top1, int Top3, int AnsweredNone, int CorrectNone, int LabelledNone, IReadOnlyList<LookupMiss> Misses)
{
    public double Top1Rate => Rate(Top1, Count);
    public double Top3Rate => Rate(Top3, Count);
    public double NoMatchPrecision => Rate(CorrectNone, AnsweredNone);
    public double NoMatchRecall => Rate(CorrectNone, LabelledNone);

    internal static double Rate(int part, int whole) => whole == 0 ? 1.0 : (double)part / whole;
}

/// <summary>How the need classifier did on a labelled set, with the confusion matrix (labelled row, read column).</summary>
public sealed record ClassifierScore(
    int Count,
    int Correct,
    IReadOnlyDictionary<(string Labelled, string Read), int> Confusion,
    int ChangeLabelled, int ChangeCorrect,
    int DataChangedLabelled, int DataChangedCorrect,
    int WrongInferences,
    IReadOnlyList<(string Text, string Labelled, string Read)> Misses)
{
    /// <summary>
    /// The answers inferred wrongly, each with its statement, the dialog step it would skip ("change", "data-changed"),
    /// the labelled answer (null when the statement says nothing of it) and the inferred one.
    /// </summary>
    public IReadOnlyList<(string Text, string Step, string? Labelled, string Inferred)> WrongInferenceList { get; init; } = [];

    public static readonly IReadOnlyList<string> Needs = ["behavior", "knowledge", "both", "train", "unclear"];

    public double Accuracy => LookupScore.Rate(Correct, Count);
    /// <summary>Of the statements labelled with a kind of change, the share read with that kind.</summary>
    public double ChangeAccuracy => LookupScore.Rate(ChangeCorrect, ChangeLabelled);
    /// <summary>Of the statements labelled with a data age, the share read with that age.</summary>
    public double DataChangedAccuracy => LookupScore.Rate(DataChangedCorrect, DataChangedLabelled);
}

/// <summary>Scores the coach's understanding against labelled sets: the same code for `coachbot eval` and the tests.</summary>
public static class UnderstandingEvaluator
{
    /// <summary>
    /// The answers of a look-up as labels, in the order its card shows them (<see cref="LookupResult.ShownLabels"/>: the
    /// analogy or glossary term that leads, the phrase matches, then the related answers); for "no match", ["none"]
    /// followed by the closest answers it offers.
    /// </summary>
    public static IReadOnlyList<string> Answers(LookupResult result)
    {
        // "No match" leads its card; the closest answers it offers follow it.
        if (result.IsNoMatch) return [PlaybookValidator.NoAnswer, .. result.Related.Select(r => r.Label)];
        return [.. result.ShownLabels()];
    }

    public static LookupScore Score(IEnumerable<LabelledQuery> queries, Func<string, LookupResult> lookup)
    {
        int count = 0, top1 = 0, top3 = 0, answeredNone = 0, correctNone = 0, labelledNone = 0;
        var misses = new List<LookupMiss>();
        foreach (var query in queries)
        {
            count++;
            var answers = Answers(lookup(query.Query));
            var first = answers[0];
            if (first == query.Expect) top1++;
            else misses.Add(new LookupMiss(query.Query, query.Expect, [.. answers.Take(3)]));
            if (answers.Take(3).Contains(query.Expect)) top3++;
            if (query.Expect == "none") labelledNone++;
            if (first == "none")
            {
                answeredNone++;
                if (query.Expect == "none") correctNone++;
            }
        }
        return new LookupScore(count, top1, top3, answeredNone, correctNone, labelledNone, misses);
    }

    public static ClassifierScore Score(IEnumerable<LabelledStatement> statements, Func<string, NeedClassification> classify)
    {
        int count = 0, correct = 0, changeLabelled = 0, changeCorrect = 0, ageLabelled = 0, ageCorrect = 0;
        var confusion = new Dictionary<(string, string), int>();
        var misses = new List<(string, string, string)>();
        var wrong = new List<(string, string, string?, string)>();
        foreach (var statement in statements)
        {
            count++;
            var reading = classify(statement.Text);
            var read = reading.Need.ToString().ToLowerInvariant();
            confusion[(statement.Need, read)] = confusion.GetValueOrDefault((statement.Need, read)) + 1;
            if (read == statement.Need) correct++;
            else misses.Add((statement.Text, statement.Need, read));

            var inferredChange = reading.InferredAnswers.GetValueOrDefault("change");
            // A behaviour need's stated change rate is the behavior-changes answer; read it back as the labelled age.
            var inferredAge = reading.InferredAnswers.GetValueOrDefault("data-changed")
                ?? (reading.InferredAnswers.GetValueOrDefault(NeedClassifier.BehaviorChangesStep) is { } rate && statement.DataChanged is { } labelled
                    && NeedClassifier.BehaviorChangeFor(labelled) == rate ? labelled : reading.InferredAnswers.GetValueOrDefault(NeedClassifier.BehaviorChangesStep));
            if (statement.Change is not null)
            {
                changeLabelled++;
                if (inferredChange == statement.Change) changeCorrect++;
            }
            if (statement.DataChanged is not null)
            {
                ageLabelled++;
                if (inferredAge == statement.DataChanged) ageCorrect++;
            }
            // An answer inferred where the statement says nothing, or a different one, skips a question wrongly.
            if (inferredChange is not null && inferredChange != statement.Change) wrong.Add((statement.Text, "change", statement.Change, inferredChange));
            if (inferredAge is not null && inferredAge != statement.DataChanged) wrong.Add((statement.Text, "data-changed", statement.DataChanged, inferredAge));
        }
        return new ClassifierScore(count, correct, confusion, changeLabelled, changeCorrect, ageLabelled, ageCorrect, wrong.Count, misses)
        {
            WrongInferenceList = wrong,
        };
    }
}
