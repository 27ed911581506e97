namespace CoachBot.Core.Playbook;

/// <summary>
/// Proves the decision table total and free of dead rows by trying every combination of answers a seller can
/// give: each combination must reach a rule, and each rule must be the first match for at least one of them.
/// Steps are taken in dialog order and skipped when their own <c>when</c> does not hold, exactly as the dialog
/// would skip them; coaching choices (unsure) are not answers, they lead to the question being asked again.
/// </summary>
internal static class RuleCoverage
{
    /// <summary>Beyond this the table is too large to check, and far too large to maintain by hand.</summary>
    public const long MaxCombinations = 1_000_000;
    private const string FreeText = "(text)";

    public static IReadOnlyList<PlaybookError> Check(LocatedPlaybook playbook)
    {
        var rules = playbook.Content.Rules;
        var ruleSites = playbook.SitesOf("rules");
        var steps = DecidingSteps(playbook.Content);
        var errors = new List<PlaybookError>();

        var combinations = steps.Aggregate(1L, (n, step) => Math.Min(n * (Answers(step).Count + 1), MaxCombinations + 1));
        if (combinations > MaxCombinations)
        {
            errors.Add(playbook.ListError("rules", $"the rules depend on more than {MaxCombinations:N0} answer combinations; too many to check"));
            return errors;
        }

        var firstHits = new int[rules.Count];
        var shadowedBy = rules.Select(_ => new SortedSet<string>(StringComparer.Ordinal)).ToArray();
        var uncovered = new List<string>();
        var unansweredPlaceholders = new Dictionary<(int Rule, string Step), string>();
        var askedAgain = new Dictionary<int, string>();
        foreach (var answers in Combinations(steps, 0, new Dictionary<string, string>()))
        {
            var matching = Enumerable.Range(0, rules.Count).Where(i => Matches(rules[i], answers)).ToList();
            if (matching.Count == 0)
            {
                uncovered.Add(Describe(steps, answers));
                continue;
            }
            var first = matching[0];
            firstHits[first]++;
            foreach (var later in matching.Skip(1))
                shadowedBy[later].Add(rules[first].Id);
            foreach (var step in PlaceholderSteps(rules[first]).Where(s => steps.Any(d => d.Id == s) && !answers.ContainsKey(s)))
                unansweredPlaceholders.TryAdd((first, step), Describe(steps, answers));
            if (playbook.Content.Questions.FirstOrDefault(q => q.Id == rules[first].NextQuestion) is { } next
                && playbook.Content.IsAnswered(next, answers))
                askedAgain.TryAdd(first, Describe(steps, answers));
        }

        if (uncovered.Count > 0)
            errors.Add(playbook.ListError("rules",
                $"no rule covers {uncovered.Count} answer combination(s), e.g. {string.Join("; ", uncovered.Take(3))}"));
        for (var i = 0; i < rules.Count; i++)
        {
            if (firstHits[i] > 0)
                continue;
            var reason = shadowedBy[i].Count == 0
                ? "no possible combination of answers matches its when"
                : $"every combination it matches is caught first by {string.Join(", ", shadowedBy[i].Select(id => $"'{id}'"))}";
            errors.Add(ruleSites[i].Error($"rule '{rules[i].Id}' can never fire: {reason}"));
        }
        foreach (var (rule, example) in askedAgain)
            errors.Add(ruleSites[rule].Value("nextQuestion").Error(
                $"rule '{rules[rule].Id}' asks next '{rules[rule].NextQuestion}', which the dialog has already answered when it fires ({example}); ask what the answers leave open"));
        foreach (var ((rule, step), example) in unansweredPlaceholders)
            errors.Add(ruleSites[rule].Error(
                $"rule '{rules[rule].Id}' shows {{answer:{step}}} but fires when '{step}' is not answered ({example})"));
        return errors;
    }

    /// <summary>
    /// The steps whose answers decide which rule fires, or what its card may ask next, in dialog order, with the
    /// steps their conditions read.
    /// </summary>
    private static IReadOnlyList<DialogStep> DecidingSteps(PlaybookContent content)
    {
        var ordered = content.Dialogs.SelectMany(d => d.Steps).DistinctBy(s => s.Id).ToList();
        var byId = ordered.ToDictionary(s => s.Id);
        var nextQuestions = content.Rules.Select(r => r.NextQuestion).ToHashSet();
        var askingNext = ordered.Where(s => s.Question is { } q && nextQuestions.Contains(q)).Select(s => s.Id)
            .Concat(content.Questions.Where(q => nextQuestions.Contains(q.Id)).SelectMany(q => q.Asks));
        var pending = new Stack<string>(content.Rules.SelectMany(r => r.When.Keys.Concat(PlaceholderSteps(r))).Concat(askingNext));
        var needed = new HashSet<string>();
        while (pending.TryPop(out var id))
            if (byId.TryGetValue(id, out var step) && needed.Add(id))
                foreach (var dependency in step.When.Keys)
                    pending.Push(dependency);
        return ordered.Where(s => needed.Contains(s.Id)).ToList();
    }

    private static IEnumerable<IReadOnlyDictionary<string, string>> Combinations(
        IReadOnlyList<DialogStep> steps, int index, Dictionary<string, string> answers)
    {
        if (index == steps.Count)
        {
            yield return new Dictionary<string, string>(answers);
            yield break;
        }
        var step = steps[index];
        if (!Applies(step.When, answers))
        {
            foreach (var combination in Combinations(steps, index + 1, answers))
                yield return combination;
            yield break;
        }
        foreach (var answer in Answers(step))
        {
            answers[step.Id] = answer;
            foreach (var combination in Combinations(steps, index + 1, answers))
                yield return combination;
            answers.Remove(step.Id);
        }
    }

    private static IReadOnlyList<string> Answers(DialogStep step) =>
        step.Kind == "choice" ? step.Choices.Where(c => !c.Coach).Select(c => c.Value).Distinct().ToList() : [FreeText];

    private static bool Matches(DecisionRule rule, IReadOnlyDictionary<string, string> answers) => Applies(rule.When, answers);

    private static bool Applies(IReadOnlyDictionary<string, IReadOnlyList<string>> when, IReadOnlyDictionary<string, string> answers) =>
        when.All(condition => answers.TryGetValue(condition.Key, out var answer) && condition.Value.Contains(answer));

    private static IEnumerable<string> PlaceholderSteps(DecisionRule rule) =>
        new[] { rule.Why, rule.AlsoConsider, rule.Caveat, rule.TradeOff }
            .OfType<string>()
            .SelectMany(text => PlaybookValidator.AnswerPlaceholder().Matches(text))
            .Select(match => match.Groups[1].Value)
            .Distinct();

    /// <summary>The answers of one way through the dialog, in step order; steps not asked on it are left out.</summary>
    private static string Describe(IReadOnlyList<DialogStep> steps, IReadOnlyDictionary<string, string> answers) =>
        string.Join(", ", steps.Where(s => answers.ContainsKey(s.Id)).Select(s => $"{s.Id}={answers[s.Id]}"));
}
