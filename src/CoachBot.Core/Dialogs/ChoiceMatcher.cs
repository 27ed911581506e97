using CoachBot.Core.Playbook;
using CoachBot.Core.Text;

namespace CoachBot.Core.Dialogs;

/// <summary>
/// Reads a typed answer to a choice prompt: the choice's number, its value, label, short label or a synonym,
/// in any case, with small typos. Returns null when nothing fits or two choices fit equally well, so the
/// caller re-prompts instead of guessing.
/// </summary>
public static class ChoiceMatcher
{
    private static readonly string[] NumberWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly HashSet<string> NumberPrefixes = ["option", "number", "choice", "no"];
    /// <summary>The score of a candidate (value, label, synonym) equal to the whole answer.</summary>
    private const double WholeAnswer = 100;

    public static StepChoice? Match(DialogStep step, string? text) => Read(step, text).Choice;

    /// <summary>
    /// The choice <paramref name="text"/> names, and whether it names it outright (its number, or the whole answer is
    /// the choice's value, label or a synonym) rather than by containing one ("mostly the tone, I think").
    /// </summary>
    public static ChoiceReading Read(DialogStep step, string? text)
    {
        var words = TextNormalizer.Words(text);
        if (words.Length == 0) return ChoiceReading.None;

        var byNumber = MatchNumber(step, words);
        if (byNumber is not null) return new ChoiceReading(byNumber, Exact: true);

        var normalized = string.Join(' ', words);
        StepChoice? best = null;
        var bestScore = 0.0;
        var tie = false;
        foreach (var choice in step.Choices)
        {
            var score = Score(choice, normalized, words);
            if (score > bestScore)
            {
                best = choice;
                bestScore = score;
                tie = false;
            }
            else if (score > 0 && Math.Abs(score - bestScore) < 1e-9)
            {
                tie = true;
            }
        }
        return tie || best is null ? ChoiceReading.None : new ChoiceReading(best, Exact: bestScore >= WholeAnswer);
    }

    private static StepChoice? MatchNumber(DialogStep step, string[] words)
    {
        // "2", "#2", "option 2", "two": only when the whole answer is the number.
        var token = words.Length switch
        {
            1 => words[0],
            2 when NumberPrefixes.Contains(words[0]) => words[1],
            _ => null,
        };
        if (token is null) return null;

        var number = int.TryParse(token, out var n) ? n : Array.IndexOf(NumberWords, token) + 1;
        var visible = step.Choices.Where(c => !c.Hidden).ToList();
        return number >= 1 && number <= visible.Count ? visible[number - 1] : null;
    }

    private static double Score(StepChoice choice, string normalized, string[] words)
    {
        var best = 0.0;
        foreach (var candidate in Candidates(choice))
        {
            if (candidate.Length == 0) continue;
            if (candidate == normalized) return WholeAnswer;

            var candidateWords = candidate.Split(' ');
            if (ContainsPhrase(words, candidateWords))
            {
                // Longer phrases are more specific: "not sure" beats "sure", "what it knows" beats "knows".
                best = Math.Max(best, 10 + candidateWords.Length);
            }
            else if (candidateWords.Length == 1)
            {
                var tolerance = Tolerance(candidate.Length);
                if (tolerance == 0) continue;
                foreach (var word in words)
                {
                    if (EditDistance.Bounded(word, candidate, tolerance) <= tolerance)
                        best = Math.Max(best, 5);
                }
            }
            else if (EditDistance.Bounded(normalized, candidate, Tolerance(candidate.Length)) <= Tolerance(candidate.Length))
            {
                best = Math.Max(best, 5 + candidateWords.Length);
            }
        }
        return best;
    }

    /// <summary>
    /// How many typos a word of this length may carry and still count as the same word. Short words get none:
    /// one letter turns "tune" into "tone" and "now" into "know".
    /// </summary>
    private static int Tolerance(int length) => length switch
    {
        < 5 => 0,
        < 8 => 1,
        _ => 2,
    };

    private static IEnumerable<string> Candidates(StepChoice choice)
    {
        yield return TextNormalizer.Normalize(choice.Value);
        yield return TextNormalizer.Normalize(choice.Short);
        yield return TextNormalizer.Normalize(choice.Label);
        foreach (var synonym in choice.Synonyms) yield return TextNormalizer.Normalize(synonym);
    }

    private static bool ContainsPhrase(string[] words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            var all = true;
            for (var k = 0; k < phrase.Length && all; k++) all = words[start + k] == phrase[k];
            if (all) return true;
        }
        return false;
    }
}

/// <summary>The choice an answer names (or null), and whether it names it outright.</summary>
public readonly record struct ChoiceReading(StepChoice? Choice, bool Exact)
{
    public static readonly ChoiceReading None = new(null, false);
}
