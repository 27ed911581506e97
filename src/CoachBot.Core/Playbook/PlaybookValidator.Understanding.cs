namespace CoachBot.Core.Playbook;

/// <summary>
/// Checks on the content the coach understands wording with: look-up examples, labelled buyer statements and the
/// classifier's cue list. Examples are never shown to a seller, so they have no length or claim rules; what matters
/// is that every label names something real and no wording is taught as two different answers.
/// </summary>
internal sealed partial class PlaybookValidator
{
    public const string NoAnswer = "none";
    public const int MaxExampleChars = 300;
    /// <summary>Fewer examples than this leave an answer to its own wording: a warning, so authors add some.</summary>
    public const int MinExamplesPerAnswer = 3;
    public static readonly IReadOnlyList<string> NeedLabels = ["behavior", "knowledge", "both", "train", "unclear"];
    public static readonly IReadOnlyList<string> CueNeeds = ["knowledge", "behavior", "train", "both"];
    public static readonly IReadOnlyList<string> CueWordKinds = ["negator", "hedge", "clauseBreak", "changeWord", "dismissal", "settled", "complainer", "complaintVerb"];
    /// <summary>The dialog steps whose answers the classifier infers.</summary>
    public const string ChangeStep = "change";
    public const string DataChangedStep = "data-changed";

    private void CheckUnderstanding()
    {
        CheckLookupExamples();
        CheckLabelledStatements("needExamples", "need", _content.NeedExamples.Select(e => (e.Need, e.Statements)), [.. NeedLabels], requireAll: true);
        CheckLabelledStatements("changeExamples", "change", _content.ChangeExamples.Select(e => (e.Change, e.Statements)),
            [.. StepValues(ChangeStep), NoAnswer], requireAll: false);
        CheckLabelledStatements("dataChangedExamples", "answer", _content.DataChangedExamples.Select(e => (e.Answer, e.Statements)),
            [.. StepValues(DataChangedStep), NoAnswer], requireAll: false);
        CheckCues();
        CheckAbbreviations();
    }

    /// <summary>The longest expansion: an abbreviation stands for a term, not a sentence.</summary>
    public const int MaxAbbreviationMeaningChars = 60;

    private void CheckAbbreviations()
    {
        var seen = new Dictionary<string, YamlSite>(StringComparer.OrdinalIgnoreCase);
        foreach (var (abbreviation, site) in _content.Abbreviations.Zip(_playbook.SitesOf("abbreviations")))
        {
            var name = $"abbreviation '{abbreviation.Short}'";
            if (!Require(site, "abbreviations", "short", abbreviation.Short) | !Require(site, name, "means", abbreviation.Means)) continue;
            if (!abbreviation.Short.All(char.IsLetterOrDigit))
                _errors.Add(site.Value("short").Error($"{name}: a short form is one word of letters and digits"));
            else if (seen.TryGetValue(abbreviation.Short, out var first))
                _errors.Add(site.Value("short").Error($"{name}: already defined at line {first.Line}; keep one meaning"));
            else
                seen[abbreviation.Short] = site;
            if (abbreviation.Means.Length > MaxAbbreviationMeaningChars)
                _errors.Add(site.Value("means").Error($"{name}: the meaning has {abbreviation.Means.Length} characters; at most {MaxAbbreviationMeaningChars}, a term rather than a sentence"));
            if (string.Equals(abbreviation.Means.Trim(), abbreviation.Short, StringComparison.OrdinalIgnoreCase))
                _errors.Add(site.Value("means").Error($"{name}: the meaning repeats the short form"));
        }
    }

    private void CheckLookupExamples()
    {
        var answers = new HashSet<string>(StringComparer.Ordinal) { NoAnswer };
        answers.UnionWith(_content.Phrases.Select(p => p.Id));
        answers.UnionWith(_glossaryIds.Select(id => "glossary:" + id));
        answers.UnionWith(_content.Analogies.Select(a => "analogy:" + a.Id));

        var taught = new Dictionary<string, (string Answer, YamlSite Site)>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (example, site) in _content.LookupExamples.Zip(_playbook.SitesOf("lookupExamples")))
        {
            var name = $"look-up examples for '{example.Answer}'";
            if (!Require(site, "look-up examples", "answer", example.Answer)) continue;
            if (!answers.Contains(example.Answer))
                _errors.Add(site.Value("answer").Error(
                    $"{name}: '{example.Answer}' is not a phrase id, glossary:<term id>, analogy:<analogy id> or none"));
            else if (!seen.Add(example.Answer))
                _errors.Add(site.Value("answer").Error($"{name}: the answer already has a list of examples; keep one"));
            RequireList(site, name, "queries", example.Queries);
            counts[example.Answer] = counts.GetValueOrDefault(example.Answer) + example.Queries.Count;
            CheckWordings(name, example.Answer, example.Queries, site.Items("queries"), taught);
        }

        foreach (var answer in answers.Where(a => a != NoAnswer && counts.GetValueOrDefault(a) < MinExamplesPerAnswer))
            _warnings.Add(_playbook.ListError("lookupExamples",
                $"'{answer}' has {counts.GetValueOrDefault(answer)} look-up examples; with fewer than {MinExamplesPerAnswer} it is found only by its own wording"));
    }

    private void CheckLabelledStatements(string kind, string labelKey, IEnumerable<(string Label, IReadOnlyList<string> Statements)> lists,
        IReadOnlyList<string> labels, bool requireAll)
    {
        var taught = new Dictionary<string, (string Answer, YamlSite Site)>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ((label, statements), site) in lists.Zip(_playbook.SitesOf(kind)))
        {
            var name = $"{kind} '{label}'";
            if (!Require(site, kind, labelKey, label)) continue;
            if (!labels.Contains(label))
                _errors.Add(site.Value(labelKey).Error($"{name}: '{label}' is not one of {string.Join(", ", labels)}"));
            else if (!seen.Add(label))
                _errors.Add(site.Value(labelKey).Error($"{name}: the label already has a list of statements; keep one"));
            RequireList(site, name, "statements", statements);
            CheckWordings(name, label, statements, site.Items("statements"), taught);
        }
        if (requireAll)
            foreach (var missing in labels.Where(l => !seen.Contains(l)))
                _errors.Add(_playbook.ListError(kind, $"{kind}: no statements labelled '{missing}'; the classifier needs examples of each"));
    }

    /// <summary>A wording taught as two different answers could never be read right: the second one is an error.</summary>
    private void CheckWordings(string owner, string answer, IReadOnlyList<string> wordings, IReadOnlyList<YamlSite> sites,
        Dictionary<string, (string Answer, YamlSite Site)> taught)
    {
        foreach (var (wording, site) in wordings.Zip(sites))
        {
            var text = wording.Trim();
            if (text.Length > MaxExampleChars)
                _errors.Add(site.Error($"{owner}: an example is {text.Length} characters; keep examples under {MaxExampleChars}"));
            if (taught.TryGetValue(text, out var first) && first.Answer != answer)
                _errors.Add(site.Error($"{owner}: \"{text}\" is also an example of '{first.Answer}' ({first.Site.File}:{first.Site.Line})"));
            else
                taught.TryAdd(text, (answer, site));
        }
    }

    private void CheckCues()
    {
        var changes = StepValues(ChangeStep).ToHashSet();
        foreach (var (cue, site) in _content.NeedCues.Zip(_playbook.SitesOf("needCues")))
        {
            var name = $"need cue '{cue.Words}'";
            Require(site, "need cue", "words", cue.Words);
            Require(site, name, "reason", cue.Reason);
            if (!CueNeeds.Contains(cue.Need))
                _errors.Add(site.Value("need").Error($"{name}: need '{cue.Need}' is not one of {string.Join(", ", CueNeeds)}"));
            if (cue.Weight is <= 0 or > 5)
                _errors.Add(site.Value("weight").Error($"{name}: weight {cue.Weight} is outside (0, 5]"));
            if (cue.Change is { } change && !changes.Contains(change))
                _errors.Add(site.Value("change").Error($"{name}: change '{change}' is not a choice of step '{ChangeStep}'"));
            if (cue.Change is not null && cue.Need != "behavior")
                _errors.Add(site.Value("change").Error($"{name}: only behaviour cues name a kind of change"));
        }
        var ages = StepValues(DataChangedStep).ToHashSet();
        foreach (var (cue, site) in _content.RecencyCues.Zip(_playbook.SitesOf("recencyCues")))
        {
            Require(site, "recency cue", "words", cue.Words);
            if (!ages.Contains(cue.Answer))
                _errors.Add(site.Value("answer").Error($"recency cue '{cue.Words}': '{cue.Answer}' is not a choice of step '{DataChangedStep}'"));
        }
        foreach (var (words, site) in _content.CueWords.Zip(_playbook.SitesOf("cueWords")))
        {
            if (!CueWordKinds.Contains(words.Kind))
                _errors.Add(site.Value("kind").Error($"cue words: kind '{words.Kind}' is not one of {string.Join(", ", CueWordKinds)}"));
            RequireList(site, $"cue words '{words.Kind}'", "words", words.Words);
        }
    }

    private IEnumerable<string> StepValues(string stepId) =>
        _steps.TryGetValue(stepId, out var step) ? step.Choices.Select(c => c.Value) : [];
}
