using CoachBot.Core.Playbook;

namespace CoachBot.Core.Dialogs;

/// <summary>The one way `when` conditions (steps and rules) are evaluated: every listed key answered with a listed value.</summary>
public static class Conditions
{
    public static bool Match(IReadOnlyDictionary<string, IReadOnlyList<string>> when, IReadOnlyDictionary<string, string> answers)
    {
        foreach (var (key, accepted) in when)
        {
            if (!answers.TryGetValue(key, out var value) || !accepted.Contains(value)) return false;
        }
        return true;
    }

    /// <summary>The first step still to ask: unanswered, with its condition met.</summary>
    public static DialogStep? NextStep(DialogDefinition dialog, IReadOnlyDictionary<string, string> answers) =>
        dialog.Steps.FirstOrDefault(s => !answers.ContainsKey(s.Id) && Match(s.When, answers));

    /// <summary>Drops answers to steps whose condition no longer holds (after a correction), in step order.</summary>
    public static Dictionary<string, string> Prune(DialogDefinition dialog, IReadOnlyDictionary<string, string> answers)
    {
        var kept = new Dictionary<string, string>(answers);
        foreach (var step in dialog.Steps)
        {
            if (kept.ContainsKey(step.Id) && !Match(step.When, kept)) kept.Remove(step.Id);
        }
        return kept;
    }

    /// <summary>The first rule whose conditions hold (the decision table: first match wins).</summary>
    public static DecisionRule? Decide(IReadOnlyList<DecisionRule> rules, IReadOnlyDictionary<string, string> answers) =>
        rules.FirstOrDefault(r => Match(r.When, answers));
}
