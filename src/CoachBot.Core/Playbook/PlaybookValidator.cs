using System.Text.RegularExpressions;
using CoachBot.Core.Cards;

namespace CoachBot.Core.Playbook;

/// <summary>
/// The semantic checks on a parsed playbook: ids, references, required text, channel limits, claims kept
/// with their caveats, and a decision table that covers every answer combination exactly once.
/// </summary>
internal sealed partial class PlaybookValidator
{
    public const int MinTags = 3;
    public const int MaxTags = 8;
    public const int MinPrepLines = 3;
    public const int MaxPrepLines = 6;

    /// <summary>Dialogs the coach starts by id, so the playbook must define them.</summary>
    public static readonly IReadOnlyList<string> RequiredDialogs = ["qualify"];
    public static readonly IReadOnlyList<string> StepKinds = ["choice", "text"];

    private readonly LocatedPlaybook _playbook;
    private readonly PlaybookContent _content;
    private readonly DateOnly _today;
    private readonly List<PlaybookError> _errors = [];
    private readonly List<PlaybookError> _warnings = [];

    private readonly HashSet<string> _sourceIds;
    private readonly HashSet<string> _approachIds;
    private readonly HashSet<string> _questionIds;
    private readonly HashSet<string> _glossaryIds;
    private readonly HashSet<string> _claimIds;
    private readonly HashSet<string> _disagreementIds;
    private readonly Dictionary<string, DialogStep> _steps;

    private PlaybookValidator(LocatedPlaybook playbook, DateOnly today)
    {
        _playbook = playbook;
        _content = playbook.Content;
        _today = today;
        _sourceIds = [.. _content.Sources.Select(s => s.Id)];
        _approachIds = [.. _content.Approaches.Select(a => a.Id)];
        _questionIds = [.. _content.Questions.Select(q => q.Id)];
        _glossaryIds = [.. _content.Glossary.Select(g => g.Id)];
        _claimIds = [.. _content.Claims.Select(c => c.Id)];
        _disagreementIds = [.. _content.Disagreements.Select(d => d.Id)];
        _steps = [];
        foreach (var step in _content.Dialogs.SelectMany(d => d.Steps))
            _steps.TryAdd(step.Id, step);
    }

    public static (IReadOnlyList<PlaybookError> Errors, IReadOnlyList<PlaybookError> Warnings) Check(
        LocatedPlaybook playbook, DateOnly today)
    {
        var validator = new PlaybookValidator(playbook, today);
        validator.CheckAll();
        var byPlace = (PlaybookError e) => (e.File, e.Line);
        return ([.. validator._errors.OrderBy(byPlace)], [.. validator._warnings.OrderBy(byPlace)]);
    }

    private void CheckAll()
    {
        CheckSources();
        CheckApproaches();
        CheckAnalogies();
        CheckPhrases();
        CheckQuestions();
        CheckGlossary();
        CheckClaims();
        CheckDisagreements();
        var errorsBefore = _errors.Count;
        CheckDialogs();
        CheckRules();
        // Coverage is only meaningful once every rule and step names real steps and values.
        if (_errors.Count == errorsBefore)
            _errors.AddRange(RuleCoverage.Check(_playbook));
        CheckTexts();
        CheckUnderstanding();
    }

    private void CheckSources()
    {
        var sites = _playbook.SitesOf("sources");
        CheckIds("source", _content.Sources.Select(s => s.Id), sites);
        foreach (var (source, site) in _content.Sources.Zip(sites))
        {
            var name = $"source '{source.Id}'";
            Require(site, name, "file", source.File);
            Require(site, name, "title", source.Title);
        }
    }

    private void CheckApproaches()
    {
        var sites = _playbook.SitesOf("approaches");
        CheckIds("approach", _content.Approaches.Select(a => a.Id), sites);
        foreach (var (approach, site) in _content.Approaches.Zip(sites))
        {
            var name = $"approach '{approach.Id}'";
            Require(site, name, "name", approach.Name);
            Require(site, name, "headline", approach.Headline);
            Require(site, name, "whatItIs", approach.WhatItIs);
            Require(site, name, "whatChanges", approach.WhatChanges);
            Require(site, name, "whoDoesIt", approach.WhoDoesIt);
            var cost = site.Value("cost");
            Require(cost, name, "cost.summary", approach.Cost.Summary, "summary");
            Require(cost, name, "cost.ongoing", approach.Cost.Ongoing, "ongoing");
            foreach (var (figure, figureSite) in approach.Cost.Figures.Zip(cost.Items("figures")))
            {
                Require(figureSite, name, "cost figure", figure.Figure, "figure");
                Require(figureSite, name, "cost figure basis", figure.Basis, "basis");
                ResolveSource(figureSite.Value("source"), name, figure.Source);
            }
            RequireList(site, name, "rightWhen", approach.RightWhen);
            RequireList(site, name, "wrongWhen", approach.WrongWhen);
            ResolveSources(site, name, approach.Sources);
            if (approach.Headline.Length > ContentLimits.Headline)
                _errors.Add(site.Value("headline").Error(
                    $"{name}: headline is {approach.Headline.Length} characters; cards allow {ContentLimits.Headline}"));

            var analogies = _content.Analogies.Count(a => a.Approach == approach.Id);
            if (analogies == 0)
                _errors.Add(site.Error($"{name} has no analogy; every recommendation needs exactly one"));
        }
    }

    private void CheckAnalogies()
    {
        var sites = _playbook.SitesOf("analogies");
        CheckIds("analogy", _content.Analogies.Select(a => a.Id), sites);
        var explained = new HashSet<string>();
        foreach (var (analogy, site) in _content.Analogies.Zip(sites))
        {
            var name = $"analogy '{analogy.Id}'";
            if (Require(site, name, "approach", analogy.Approach)
                && !_approachIds.Contains(analogy.Approach) && !_glossaryIds.Contains(analogy.Approach))
                _errors.Add(site.Value("approach").Error(
                    $"{name}: approach '{analogy.Approach}' is neither an approach id nor a glossary term id"));
            else if (analogy.Approach != "" && !explained.Add(analogy.Approach))
                _errors.Add(site.Value("approach").Error(
                    $"{name}: '{analogy.Approach}' already has an analogy; each needs exactly one"));
            Require(site, name, "concept", analogy.Concept);
            Require(site, name, "mapping", analogy.Mapping);
            Require(site, name, "holds", analogy.Holds);
            Require(site, name, "breaks", analogy.Breaks);
            if (Require(site, name, "buyerLine", analogy.BuyerLine) && AdviceAboutTheBuyer().IsMatch(analogy.BuyerLine))
                _errors.Add(site.Value("buyerLine").Error(
                    $"{name}: buyerLine is said to the buyer; write it as words to them, not as advice about them"));
            ResolveSources(site, name, analogy.Sources);
        }
    }

    private void CheckPhrases()
    {
        var sites = _playbook.SitesOf("phrases");
        CheckIds("phrase", _content.Phrases.Select(p => p.Id), sites);
        foreach (var (phrase, site) in _content.Phrases.Zip(sites))
        {
            var name = $"phrase '{phrase.Id}'";
            Require(site, name, "dontSay", phrase.DontSay);
            Require(site, name, "doSay", phrase.DoSay);
            Require(site, name, "why", phrase.Why);
            Require(site, name, "owner", phrase.Owner);
            if (phrase.Tags.Count is < MinTags or > MaxTags)
                _errors.Add(site.Value("tags").Error(
                    $"{name}: has {phrase.Tags.Count} tags; give {MinTags} to {MaxTags} single words"));
            foreach (var (tag, tagSite) in phrase.Tags.Zip(site.Items("tags")))
                if (tag.Any(char.IsWhiteSpace))
                    _errors.Add(tagSite.Error($"{name}: tag '{tag}' is not a single word; put phrases in synonyms"));
            foreach (var (approach, approachSite) in phrase.Approaches.Zip(site.Items("approaches")))
                Resolve(approachSite, name, "approach", approach, _approachIds);
            foreach (var (step, stepSite) in phrase.Asks.Zip(site.Items("asks")))
                Resolve(stepSite, name, "dialog step", step, _steps.Keys.ToHashSet());
            ResolveSource(site.Value("source"), name, phrase.Source);

            if (phrase.ReviewBy == default)
                _errors.Add(site.Error($"{name}: reviewBy is missing (an ISO date such as 2027-03-31)"));
            else if (phrase.ReviewBy < _today)
                _warnings.Add(site.Value("reviewBy").Error(
                    $"{name}: review was due {phrase.ReviewBy:yyyy-MM-dd}; ask {phrase.Owner} to review it"));
            if (phrase.Prep && phrase.Asks.Count > 0)
                _errors.Add(site.Value("prep").Error($"{name}: a line for the prep brief asks a question; the brief asks its questions separately"));
        }
        var prep = _content.Phrases.Count(p => p.Prep);
        if (_content.Phrases.Count > 0 && prep is < MinPrepLines or > MaxPrepLines)
            _errors.Add(_playbook.ListError("phrases", $"{prep} phrases have prep: true; the prep brief's \u201cLines to use\u201d needs {MinPrepLines} to {MaxPrepLines}"));
    }

    private void CheckQuestions()
    {
        var sites = _playbook.SitesOf("questions");
        CheckIds("question", _content.Questions.Select(q => q.Id), sites);
        foreach (var (question, site) in _content.Questions.Zip(sites))
        {
            var name = $"question '{question.Id}'";
            Require(site, name, "askTheBuyer", question.AskTheBuyer);
            Require(site, name, "whyItMatters", question.WhyItMatters);
            ResolveSources(site, name, question.Sources);
            foreach (var (step, stepSite) in question.Asks.Zip(site.Items("asks")))
                Resolve(stepSite, name, "dialog step", step, _steps.Keys.ToHashSet());

            // A question asked by a dialog step hears that step's choices; any other question hears a
            // recommendation (or a choice of some step) its answer points to.
            var askingSteps = _content.Dialogs.SelectMany(d => d.Steps).Where(s => s.Question == question.Id).ToList();
            var answers = askingSteps.Count > 0
                ? askingSteps.SelectMany(s => s.Choices).Select(c => c.Value).ToHashSet()
                : _approachIds.Concat(_steps.Values.SelectMany(s => s.Choices).Select(c => c.Value)).ToHashSet();
            var answerKind = askingSteps.Count > 0
                ? $"choice of step {string.Join("/", askingSteps.Select(s => $"'{s.Id}'"))}"
                : "approach id or choice value";
            foreach (var (listen, listenSite) in question.ListenFor.Zip(site.Items("listenFor")))
            {
                Require(listenSite, name, "listenFor soundsLike", listen.SoundsLike, "soundsLike");
                if (Require(listenSite, name, "listenFor answer", listen.Answer, "answer") && !answers.Contains(listen.Answer))
                    _errors.Add(listenSite.Value("answer").Error(
                        $"{name}: listenFor answer '{listen.Answer}' is not a {answerKind}"));
            }
        }
    }

    private void CheckGlossary()
    {
        var sites = _playbook.SitesOf("glossary");
        CheckIds("glossary term", _content.Glossary.Select(g => g.Id), sites);
        foreach (var (term, site) in _content.Glossary.Zip(sites))
        {
            var name = $"glossary term '{term.Id}'";
            Require(site, name, "term", term.Term);
            Require(site, name, "definition", term.Definition);
            ResolveSources(site, name, term.Sources);
        }
    }

    private void CheckClaims()
    {
        var sites = _playbook.SitesOf("claims");
        CheckIds("claim", _content.Claims.Select(c => c.Id), sites);
        foreach (var (claim, site) in _content.Claims.Zip(sites))
        {
            var name = $"claim '{claim.Id}'";
            Require(site, name, "text", claim.Text);
            Require(site, name, "attributedTo", claim.AttributedTo);
            if (!claim.Verified)
                Require(site, name, "caveat", claim.Caveat);
            ResolveSource(site.Value("source"), name, claim.Source);
            RequireList(site, name, "markers", claim.Markers);
            foreach (var (marker, markerSite) in claim.Markers.Zip(site.Items("markers")))
                if (!claim.Text.Contains(marker, StringComparison.OrdinalIgnoreCase)
                    && !claim.AttributedTo.Contains(marker, StringComparison.OrdinalIgnoreCase))
                    _errors.Add(markerSite.Error($"{name}: marker '{marker}' appears in neither its text nor attributedTo"));
        }
    }

    private void CheckDisagreements()
    {
        var sites = _playbook.SitesOf("disagreements");
        CheckIds("disagreement", _content.Disagreements.Select(d => d.Id), sites);
        foreach (var (disagreement, site) in _content.Disagreements.Zip(sites))
        {
            var name = $"disagreement '{disagreement.Id}'";
            Require(site, name, "topic", disagreement.Topic);
            if (disagreement.Views.Count < 2)
                _errors.Add(site.Value("views").Error($"{name}: give at least two views, each with the article it comes from"));
            var seen = new HashSet<string>();
            foreach (var (view, viewSite) in disagreement.Views.Zip(site.Items("views")))
            {
                Require(viewSite, name, "view", view.View);
                ResolveSource(viewSite.Value("source"), name, view.Source);
                if (view.Source != "" && !seen.Add(view.Source))
                    _errors.Add(viewSite.Value("source").Error($"{name}: '{view.Source}' already has a view here; one view per article"));
            }
            RequireList(site, name, "markers", disagreement.Markers);
            foreach (var (marker, markerSite) in disagreement.Markers.Zip(site.Items("markers")))
                if (!disagreement.Views.Any(v => v.View.Contains(marker, StringComparison.OrdinalIgnoreCase)))
                    _errors.Add(markerSite.Error($"{name}: marker '{marker}' appears in none of its views"));
        }
    }

    private void CheckDialogs()
    {
        var sites = _playbook.SitesOf("dialogs");
        CheckIds("dialog", _content.Dialogs.Select(d => d.Id), sites);
        foreach (var required in RequiredDialogs.Where(id => _content.Dialogs.All(d => d.Id != id)))
            _errors.Add(_playbook.ListError("dialogs", $"dialog '{required}' is missing; the coach starts it by id"));

        var stepOwners = new Dictionary<string, string>();
        foreach (var (dialog, site) in _content.Dialogs.Zip(sites))
        {
            var stepSites = site.Items("steps");
            if (dialog.Steps.Count == 0)
                _errors.Add(site.Error($"dialog '{dialog.Id}' has no steps"));
            CheckIds($"step of dialog '{dialog.Id}'", dialog.Steps.Select(s => s.Id), stepSites);
            var earlier = new Dictionary<string, DialogStep>();
            foreach (var (step, stepSite) in dialog.Steps.Zip(stepSites))
            {
                var name = $"step '{step.Id}'";
                if (step.Id != "" && stepOwners.TryGetValue(step.Id, out var owner) && owner != dialog.Id)
                    _errors.Add(stepSite.Error(
                        $"{name} is also a step of dialog '{owner}'; rules and answers could not tell them apart"));
                stepOwners.TryAdd(step.Id, dialog.Id);
                CheckStep(step, stepSite, name, earlier);
                earlier.TryAdd(step.Id, step);
            }
        }
    }

    private void CheckStep(DialogStep step, YamlSite site, string name, IReadOnlyDictionary<string, DialogStep> earlier)
    {
        Require(site, name, "label", step.Label);
        Require(site, name, "prompt", step.Prompt);
        Require(site, name, "retryPrompt", step.RetryPrompt);
        if (!StepKinds.Contains(step.Kind))
            _errors.Add(site.Value("kind").Error($"{name}: kind '{step.Kind}' is not one of {string.Join(", ", StepKinds)}"));
        if (step.Question is { } question)
            Resolve(site.Value("question"), name, "question", question, _questionIds);

        var choiceSites = site.Items("choices");
        if (step.Kind == "choice" && step.Choices.Count == 0)
            _errors.Add(site.Error($"{name} is a choice step with no choices"));
        CheckIds($"choice value of step '{step.Id}'", step.Choices.Select(c => c.Value), choiceSites);
        foreach (var (choice, choiceSite) in step.Choices.Zip(choiceSites))
        {
            var choiceName = $"{name} choice '{choice.Value}'";
            Require(choiceSite, choiceName, "label", choice.Label);
            Require(choiceSite, choiceName, "short", choice.Short);
            foreach (var (field, text) in new[] { ("label", choice.Label), ("short", choice.Short) })
                if (text.Length > ContentLimits.ButtonText)
                    _errors.Add(choiceSite.Value(field).Error(
                        $"{choiceName}: {field} is {text.Length} characters; buttons allow {ContentLimits.ButtonText}"));
        }

        // A typed answer must name one choice; a word shared by two choices could never be understood.
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (choice, choiceSite) in step.Choices.Zip(choiceSites))
        {
            owners.TryAdd(choice.Value.Trim(), choice.Value);
            foreach (var (synonym, synonymSite) in choice.Synonyms.Zip(choiceSite.Items("synonyms")))
                if (!owners.TryAdd(synonym.Trim(), choice.Value) && owners[synonym.Trim()] != choice.Value)
                    _errors.Add(synonymSite.Error(
                        $"{name} choice '{choice.Value}': synonym '{synonym}' already means '{owners[synonym.Trim()]}'"));
        }

        // A condition can only look back: the step it names must already have been asked.
        var when = site.Value("when");
        foreach (var (key, values) in step.When)
        {
            if (!earlier.TryGetValue(key, out var condition))
            {
                _errors.Add(when.Error($"{name}: when names '{key}', which is not an earlier step of this dialog"));
                continue;
            }
            CheckValues(when.Value(key), name, condition, values);
        }
    }

    private void CheckRules()
    {
        var sites = _playbook.SitesOf("rules");
        CheckIds("rule", _content.Rules.Select(r => r.Id), sites);
        foreach (var (rule, site) in _content.Rules.Zip(sites))
        {
            var name = $"rule '{rule.Id}'";
            if (Require(site, name, "recommend", rule.Recommend))
                Resolve(site.Value("recommend"), name, "recommendation", rule.Recommend, _approachIds);
            if (rule.Alongside is { } alongside)
            {
                if (alongside == rule.Recommend)
                    _errors.Add(site.Value("alongside").Error($"{name}: alongside repeats the recommendation '{alongside}'"));
                else
                    Resolve(site.Value("alongside"), name, "approach", alongside, _approachIds);
            }
            Require(site, name, "why", rule.Why);
            if (Require(site, name, "nextQuestion", rule.NextQuestion))
                Resolve(site.Value("nextQuestion"), name, "question", rule.NextQuestion, _questionIds);
            foreach (var (claim, claimSite) in rule.Claims.Zip(site.Items("claims")))
                Resolve(claimSite, name, "claim", claim, _claimIds);
            foreach (var (disagreement, disagreementSite) in rule.Disagreements.Zip(site.Items("disagreements")))
                Resolve(disagreementSite, name, "disagreement", disagreement, _disagreementIds);

            var when = site.Value("when");
            foreach (var (key, values) in rule.When)
            {
                if (!_steps.TryGetValue(key, out var step))
                    _errors.Add(when.Error($"{name}: when names '{key}', which is not a dialog step"));
                else if (step.Kind != "choice")
                    _errors.Add(when.Value(key).Error($"{name}: when names '{key}', a free-text step rules cannot match"));
                else
                    CheckValues(when.Value(key), name, step, values);
            }
        }
    }

    private void CheckValues(YamlSite site, string owner, DialogStep step, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            _errors.Add(site.Error($"{owner}: when lists no values for '{step.Id}'"));
        var known = step.Choices.Select(c => c.Value).ToHashSet();
        foreach (var (value, valueSite) in values.Zip(site.Items()))
            if (!known.Contains(value))
                _errors.Add(valueSite.Error($"{owner}: '{value}' is not a choice of step '{step.Id}'"));
    }

    /// <summary>Every text a reader sees: lengths, stray claim markers and answer placeholders are checked here.</summary>
    private void CheckTexts()
    {
        var claimMarkers = _content.Claims.SelectMany(c => c.Markers.Select(m => (Id: c.Id, Marker: m)))
            .Where(m => m.Marker.Trim().Length > 0).ToList();
        var viewMarkers = _content.Disagreements.SelectMany(d => d.Markers.Select(m => (Id: d.Id, Marker: m)))
            .Where(m => m.Marker.Trim().Length > 0).ToList();
        foreach (var text in TextFields())
        {
            if (text.Value.Length > ContentLimits.Text)
                _errors.Add(text.Site.Error($"{text.Owner}: {text.Field} is {text.Value.Length} characters; cards allow {ContentLimits.Text}"));
            if (!text.IsClaim)
                foreach (var (claim, marker) in claimMarkers)
                    if (text.Value.Contains(marker, StringComparison.OrdinalIgnoreCase))
                        _errors.Add(text.Site.Error(
                            $"{text.Owner}: {text.Field} quotes '{marker}' from unverified claim '{claim}'; cite the claim from a rule instead"));
            foreach (var (disagreement, marker) in viewMarkers)
                if (text.Disagreement != disagreement && text.Value.Contains(marker, StringComparison.OrdinalIgnoreCase))
                    _errors.Add(text.Site.Error(
                        $"{text.Owner}: {text.Field} states '{marker}', one side of disagreement '{disagreement}'; show the disagreement from a rule instead"));
            if (SourceId().Match(text.Value) is { Success: true } sourceId)
                _errors.Add(text.Site.Error(
                    $"{text.Owner}: {text.Field} names '{sourceId.Value}'; sellers see articles by title, so name the article (sources.yaml) or say \"the article\""));
            foreach (Match placeholder in AnswerPlaceholder().Matches(text.Value))
            {
                var step = placeholder.Groups[1].Value;
                if (!_steps.ContainsKey(step))
                    _errors.Add(text.Site.Error($"{text.Owner}: {placeholder.Value} names no dialog step"));
                else if (!text.IsRule)
                    _errors.Add(text.Site.Error(
                        $"{text.Owner}: {placeholder.Value} is only filled in rule why, alsoConsider, caveat and tradeOff"));
            }
        }
    }

    [GeneratedRegex(@"\{answer:([^}]*)\}")]
    internal static partial Regex AnswerPlaceholder();

    /// <summary>A source id as the playbook's files use it ("seed-004"), which means nothing to a seller.</summary>
    [GeneratedRegex(@"\bseed-\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex SourceId();

    /// <summary>A line about the buyer rather than to them: "the buyer", "a buyer", or an instruction to the seller ("Ask ...").</summary>
    [GeneratedRegex(@"\b(the|a|your) buyers?\b|^\s*(Ask|Tell|Say)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AdviceAboutTheBuyer();

    private sealed record TextField(YamlSite Site, string Owner, string Field, string Value, bool IsClaim = false, bool IsRule = false,
        string? Disagreement = null);

    private IEnumerable<TextField> TextFields()
    {
        foreach (var (s, site) in _content.Sources.Zip(_playbook.SitesOf("sources")))
            yield return new(site.Value("title"), $"source '{s.Id}'", "title", s.Title);

        foreach (var (a, site) in _content.Approaches.Zip(_playbook.SitesOf("approaches")))
        {
            var owner = $"approach '{a.Id}'";
            foreach (var (field, value) in new[]
                     {
                         ("name", a.Name), ("headline", a.Headline), ("whatItIs", a.WhatItIs),
                         ("whatChanges", a.WhatChanges), ("whoDoesIt", a.WhoDoesIt),
                     })
                yield return new(site.Value(field), owner, field, value);
            var cost = site.Value("cost");
            yield return new(cost.Value("summary"), owner, "cost.summary", a.Cost.Summary);
            yield return new(cost.Value("ongoing"), owner, "cost.ongoing", a.Cost.Ongoing);
            foreach (var (f, figureSite) in a.Cost.Figures.Zip(cost.Items("figures")))
            {
                yield return new(figureSite.Value("figure"), owner, "cost figure", f.Figure);
                yield return new(figureSite.Value("basis"), owner, "cost figure basis", f.Basis);
            }
            foreach (var item in ListItems(site, owner, "rightWhen", a.RightWhen)) yield return item;
            foreach (var item in ListItems(site, owner, "wrongWhen", a.WrongWhen)) yield return item;
        }

        foreach (var (a, site) in _content.Analogies.Zip(_playbook.SitesOf("analogies")))
            foreach (var (field, value) in new[]
                     {
                         ("concept", a.Concept), ("mapping", a.Mapping), ("holds", a.Holds),
                         ("breaks", a.Breaks), ("buyerLine", a.BuyerLine),
                     })
                yield return new(site.Value(field), $"analogy '{a.Id}'", field, value);

        foreach (var (p, site) in _content.Phrases.Zip(_playbook.SitesOf("phrases")))
        {
            var owner = $"phrase '{p.Id}'";
            foreach (var (field, value) in new[] { ("dontSay", p.DontSay), ("doSay", p.DoSay), ("why", p.Why), ("owner", p.Owner) })
                yield return new(site.Value(field), owner, field, value);
            foreach (var item in ListItems(site, owner, "tags", p.Tags)) yield return item;
            foreach (var item in ListItems(site, owner, "synonyms", p.Synonyms)) yield return item;
        }

        foreach (var (q, site) in _content.Questions.Zip(_playbook.SitesOf("questions")))
        {
            var owner = $"question '{q.Id}'";
            yield return new(site.Value("askTheBuyer"), owner, "askTheBuyer", q.AskTheBuyer);
            yield return new(site.Value("whyItMatters"), owner, "whyItMatters", q.WhyItMatters);
            foreach (var (l, listenSite) in q.ListenFor.Zip(site.Items("listenFor")))
                yield return new(listenSite.Value("soundsLike"), owner, "listenFor soundsLike", l.SoundsLike);
        }

        foreach (var (g, site) in _content.Glossary.Zip(_playbook.SitesOf("glossary")))
        {
            var owner = $"glossary term '{g.Id}'";
            yield return new(site.Value("term"), owner, "term", g.Term);
            yield return new(site.Value("definition"), owner, "definition", g.Definition);
            foreach (var item in ListItems(site, owner, "aliases", g.Aliases)) yield return item;
        }

        foreach (var (c, site) in _content.Claims.Zip(_playbook.SitesOf("claims")))
        {
            var owner = $"claim '{c.Id}'";
            yield return new(site.Value("text"), owner, "text", c.Text, IsClaim: true);
            yield return new(site.Value("attributedTo"), owner, "attributedTo", c.AttributedTo, IsClaim: true);
            yield return new(site.Value("caveat"), owner, "caveat", c.Caveat, IsClaim: true);
        }

        foreach (var (d, site) in _content.Disagreements.Zip(_playbook.SitesOf("disagreements")))
        {
            var owner = $"disagreement '{d.Id}'";
            yield return new(site.Value("topic"), owner, "topic", d.Topic, Disagreement: d.Id);
            foreach (var (view, viewSite) in d.Views.Zip(site.Items("views")))
                yield return new(viewSite.Value("view"), owner, "view", view.View, Disagreement: d.Id);
            if (d.Advice is not null)
                yield return new(site.Value("advice"), owner, "advice", d.Advice, Disagreement: d.Id);
        }

        foreach (var (r, site) in _content.Rules.Zip(_playbook.SitesOf("rules")))
            foreach (var (field, value) in new[] { ("why", r.Why), ("alsoConsider", r.AlsoConsider), ("caveat", r.Caveat), ("tradeOff", r.TradeOff) })
                if (value is not null)
                    yield return new(site.Value(field), $"rule '{r.Id}'", field, value, IsRule: true);

        foreach (var (d, site) in _content.Dialogs.Zip(_playbook.SitesOf("dialogs")))
            foreach (var (step, stepSite) in d.Steps.Zip(site.Items("steps")))
            {
                var owner = $"step '{step.Id}'";
                yield return new(stepSite.Value("label"), owner, "label", step.Label);
                yield return new(stepSite.Value("prompt"), owner, "prompt", step.Prompt);
                yield return new(stepSite.Value("retryPrompt"), owner, "retryPrompt", step.RetryPrompt);
                foreach (var (choice, choiceSite) in step.Choices.Zip(stepSite.Items("choices")))
                {
                    var choiceOwner = $"{owner} choice '{choice.Value}'";
                    yield return new(choiceSite.Value("label"), choiceOwner, "label", choice.Label);
                    yield return new(choiceSite.Value("short"), choiceOwner, "short", choice.Short);
                    if (choice.Asked is not null)
                        yield return new(choiceSite.Value("asked"), choiceOwner, "asked", choice.Asked);
                    foreach (var item in ListItems(choiceSite, choiceOwner, "synonyms", choice.Synonyms)) yield return item;
                }
            }
    }

    private static IEnumerable<TextField> ListItems(YamlSite site, string owner, string field, IReadOnlyList<string> items) =>
        items.Zip(site.Items(field)).Select(pair => new TextField(pair.Second, owner, field, pair.First));

    private void CheckIds(string kind, IEnumerable<string> ids, IReadOnlyList<YamlSite> sites)
    {
        var seen = new Dictionary<string, YamlSite>();
        foreach (var (id, site) in ids.Zip(sites))
        {
            if (string.IsNullOrWhiteSpace(id))
                _errors.Add(site.Error($"a {kind} has no id"));
            else if (seen.TryGetValue(id, out var first))
                _errors.Add(site.Value("id").Error($"duplicate {kind} id '{id}' (first at {first.File}:{first.Line})"));
            else
                seen[id] = site;
        }
    }

    /// <summary>Reports an empty required text; returns whether the text is present.</summary>
    private bool Require(YamlSite site, string owner, string field, string? value, string? key = null)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return true;
        _errors.Add(site.Value(key ?? field).Error($"{owner}: {field} is missing"));
        return false;
    }

    private void RequireList(YamlSite site, string owner, string field, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            _errors.Add(site.Value(field).Error($"{owner}: {field} is empty"));
    }

    private void Resolve(YamlSite site, string owner, string kind, string id, IReadOnlySet<string> known)
    {
        if (!known.Contains(id))
            _errors.Add(site.Error($"{owner}: '{id}' is not a known {kind} id"));
    }

    private void ResolveSource(YamlSite site, string owner, string id)
    {
        if (string.IsNullOrWhiteSpace(id))
            _errors.Add(site.Error($"{owner}: source is missing"));
        else
            Resolve(site, owner, "source", id, _sourceIds);
    }

    private void ResolveSources(YamlSite site, string owner, IReadOnlyList<string> ids)
    {
        RequireList(site, owner, "sources", ids);
        foreach (var (id, idSite) in ids.Zip(site.Items("sources")))
            Resolve(idSite, owner, "source", id, _sourceIds);
    }
}
