using CoachBot.Core.Classification;
using CoachBot.Core.Dialogs;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;
using CoachBot.Core.Text;

namespace CoachBot.Core.Cards;

/// <summary>Builds every card the coach shows from the playbook. Wording of the cards' own chrome lives here; content comes from YAML.</summary>
public sealed class CardFactory(PlaybookContent playbook)
{
    /// <summary>The playbook the cards are made from.</summary>
    public PlaybookContent Playbook => playbook;

    public const int MaxPhrasesOnRecommendation = 3;
    public const string AskedLabel = "Buyer asked for";
    private const string QualifyDialog = "qualify";

    public const string ShowDetailsTitle = "Show details";

    /// <summary>
    /// The recommendation, compact first so that it can be read during a call: the headline, one line of why, the
    /// question to ask next, one line to say and the analogy in a sentence. Everything else (the answers, the full
    /// reasoning, caveats, the analogy's limits, more lines, cost and the articles' disagreements) is its details.
    /// </summary>
    public CoachCard Recommendation(DecisionRule rule, IReadOnlyDictionary<string, string> answers, string? buyerWords)
    {
        var approach = playbook.Approach(rule.Recommend);
        var alongside = rule.Alongside is null ? null : playbook.Approach(rule.Alongside);
        var why = FillAnswers(rule.Why, answers);
        var next = playbook.Question(rule.NextQuestion);
        var analogy = playbook.AnalogyFor(approach.Id);
        var phrases = PhrasesFor(approach.Id).Concat(alongside is null ? [] : PhrasesFor(alongside.Id))
            .Distinct().Where(p => !p.Asks.Any(answers.ContainsKey)).Take(MaxPhrasesOnRecommendation).ToList();

        var compact = new List<CardBlock>();
        if (alongside is not null)
            compact.Add(new TextBlock($"Together with {alongside.Headline}", TextStyle.Emphasis));
        compact.Add(new TextBlock(Sentences.First(why)));
        compact.Add(new TextBlock($"Ask next: \u201c{next.AskTheBuyer}\u201d", TextStyle.Emphasis));
        if (phrases.Count > 0)
            compact.Add(new TextBlock($"{CardLabels.DoSay}: \u201c{phrases[0].DoSay}\u201d"));
        if (analogy is not null)
            compact.Add(new TextBlock($"Okta analogy: {Sentences.First(analogy.Mapping)}{(analogy.Own ? $" ({OwnAnalogyShortLabel})" : "")}", TextStyle.Subtle));

        var details = new List<CardBlock>();
        if (!string.IsNullOrWhiteSpace(buyerWords))
            details.Add(new TextBlock($"Buyer said: \u201c{buyerWords}\u201d", TextStyle.Subtle));
        details.Add(new FactsBlock(AnswerFacts(answers)));
        details.Add(new HeadingBlock("Why"));
        details.Add(new TextBlock(why));
        if (!string.IsNullOrWhiteSpace(rule.Caveat))
            details.Add(new NoteBlock(FillAnswers(rule.Caveat, answers), NoteTone.Caution));
        if (!string.IsNullOrWhiteSpace(rule.AlsoConsider))
            details.Add(new TextBlock(FillAnswers(rule.AlsoConsider, answers), TextStyle.Emphasis));
        details.Add(new TextBlock($"Why ask \u201c{next.AskTheBuyer}\u201d: {next.WhyItMatters}", TextStyle.Subtle));

        AddAnalogy(details, analogy);

        if (phrases.Count > 0)
        {
            details.Add(new HeadingBlock("Say it this way"));
            details.AddRange(phrases.Select(p => new PhraseBlock(p.Id, p.DontSay, p.DoSay, null)));
        }

        details.Add(new HeadingBlock("Cost"));
        var cost = CostFacts(approach.Cost);
        if (alongside is not null) cost.Add(new Fact($"{alongside.Name}, up front", alongside.Cost.Summary));
        if (!string.IsNullOrWhiteSpace(rule.TradeOff)) cost.Add(new Fact("Trade-off", FillAnswers(rule.TradeOff, answers)));
        details.Add(new FactsBlock(cost));

        AddDisagreements(details, rule.Disagreements);
        AddClaims(details, rule.Claims);

        return new CoachCard("recommendation", approach.Headline, compact,
        [
            new CardAction("Post summary to deal channel", new CardCommand.PostSummary(approach.Id), ActionStyle.Primary),
            new CardAction("Start over", new CardCommand.StartOver()),
            new CardAction("More phrases", new CardCommand.MorePhrases(approach.Id)),
        ])
        {
            Summary = $"{approach.Headline}: {why}",
            Details = new CardDetails(details, new CardAction(ShowDetailsTitle, new CardCommand.ShowDetails(approach.Id))),
        };
    }

    /// <summary>"Fine-tuning, together with Retrieval (RAG)": what a rule recommends, by name.</summary>
    public string RecommendationName(string recommendationId, DecisionRule? rule) =>
        rule?.Alongside is { } alongside && rule.Recommend == recommendationId
            ? $"{playbook.Approach(recommendationId).Name}, together with {playbook.Approach(alongside).Name}"
            : playbook.Approach(recommendationId).Name;

    /// <summary>How a rule's recommendation is counted in analytics: its id, or "fine-tuning + rag" with a second approach.</summary>
    public static string RecommendationSubject(DecisionRule rule) =>
        rule.Alongside is null ? rule.Recommend : $"{rule.Recommend} + {rule.Alongside}";

    public CoachCard DealSummary(string accountName, string recommendationId, DecisionRule? rule,
        IReadOnlyDictionary<string, string> answers, string? buyerWords)
    {
        var approach = playbook.Approach(recommendationId);
        var analogy = playbook.AnalogyFor(approach.Id);
        var diagnosis = AnswerFacts(answers).Where(f => f.Label != AskedLabel).ToList();
        var facts = new List<Fact> { new("Account", accountName) };
        if (AskedFor(answers) is { } asked) facts.Add(new Fact(AskedLabel, asked));
        facts.Add(new Fact("Buyer said", string.IsNullOrWhiteSpace(buyerWords) ? "Not recorded" : buyerWords));
        facts.Add(new Fact("Diagnosis", diagnosis.Count == 0 ? "Not recorded" : string.Join("; ", diagnosis.Select(f => $"{f.Label}: {f.Value}"))));
        facts.Add(new Fact("Recommendation", RecommendationName(recommendationId, rule)));
        if (analogy is not null) facts.Add(new Fact("Analogy", analogy.Own ? $"{analogy.BuyerLine} ({OwnAnalogyLabel})" : analogy.BuyerLine));

        var blocks = new List<CardBlock> { new FactsBlock(facts) };
        if (rule is not null) blocks.Add(new TextBlock(FillAnswers(rule.Why, answers)));

        // The rule's next question first, then the discovery questions the dialog has not already answered.
        var questionIds = new List<string>();
        if (rule is not null) questionIds.Add(rule.NextQuestion);
        questionIds.AddRange(["style-or-accuracy", "data-access", "data-changed", "need"]);
        var questions = questionIds.Distinct()
            .Select(id => playbook.Questions.FirstOrDefault(q => q.Id == id))
            .OfType<Question>()
            .Where(q => !playbook.IsAnswered(q, answers))
            .Take(3)
            .Select(q => q.AskTheBuyer)
            .ToList();
        blocks.Add(new HeadingBlock("Next questions"));
        blocks.Add(new BulletsBlock(questions));
        if (rule is not null && !string.IsNullOrWhiteSpace(rule.Caveat))
            blocks.Add(new NoteBlock(FillAnswers(rule.Caveat, answers), NoteTone.Caution));

        return new CoachCard("deal-summary", $"Deal summary: {accountName}", blocks, [])
        {
            Summary = $"{accountName}: recommend {approach.Name}",
        };
    }

    public const string FineTuningRightHeading = "When fine-tuning IS the right answer";

    /// <summary>
    /// The brief to read before a meeting, one page: the three questions, the approaches in a line each, the lines
    /// the playbook picks for a meeting (prep: true), every analogy with its line to use and where it breaks, and
    /// when fine-tuning is the right answer after all, with the articles it comes from.
    /// </summary>
    public CoachCard Prep()
    {
        var blocks = new List<CardBlock> { new HeadingBlock("Three questions that surface the real need") };
        blocks.Add(new BulletsBlock(new[] { "need", "data-changed", "style-or-accuracy" }
            .Select(id => playbook.Questions.FirstOrDefault(q => q.Id == id))
            .OfType<Question>()
            .Select(q => $"\u201c{q.AskTheBuyer}\u201d {Sentences.First(q.WhyItMatters)}")
            .ToList()));

        blocks.Add(new HeadingBlock("The approaches in a line each"));
        blocks.Add(new FactsBlock(playbook.Approaches
            .Select(a => new Fact(a.Name, $"Changes: {InAWord(a.WhatChanges)}. Up front: {a.Cost.Summary}. Ongoing: {InAWord(a.Cost.Ongoing)}."))
            .ToList()));

        blocks.Add(new HeadingBlock("Lines to use"));
        blocks.Add(new BulletsBlock(playbook.Phrases.Where(p => p.Prep).Select(p => p.DoSay).ToList()));

        blocks.Add(new HeadingBlock("Okta analogies: the line to use, and where it breaks"));
        blocks.Add(new BulletsBlock(playbook.Analogies.Select(analogy =>
            $"{AnalogySubject(analogy)} \u2192 {analogy.Concept}{(analogy.Own ? $" ({OwnAnalogyLabel})" : "")}. " +
            $"Say to the buyer: \u201c{analogy.BuyerLine}\u201d Where it breaks: {analogy.Breaks}").ToList()));

        var fineTuning = playbook.Approaches.FirstOrDefault(a => a.Id == "fine-tuning");
        if (fineTuning is not null && fineTuning.RightWhen.Count > 0)
        {
            blocks.Add(new HeadingBlock(FineTuningRightHeading));
            blocks.Add(new BulletsBlock(fineTuning.RightWhen));
            blocks.Add(new TextBlock($"From {string.Join(", ", fineTuning.Sources.Select(s => Quoted(playbook.SourceTitle(s))))}.", TextStyle.Subtle));
        }

        return new CoachCard("prep", "Meeting prep: when the buyer says \u201cfine-tune\u201d", blocks,
        [
            new CardAction("Qualify a need", new CardCommand.Qualify(), ActionStyle.Primary),
            new CardAction("Help", new CardCommand.Help()),
        ]);
    }

    /// <summary>
    /// "Significant: a new run whenever..." -> "Significant": what a text says before its colon when that is short,
    /// else its first sentence.
    /// </summary>
    private static string InAWord(string text)
    {
        var colon = text.IndexOf(':');
        return colon is > 0 and <= 30 ? text[..colon] : Sentences.First(text).TrimEnd('.');
    }

    public CoachCard Phrases(LookupResult result)
    {
        var blocks = new List<CardBlock>();
        if (result.Term is { } term)
        {
            blocks.Add(new HeadingBlock(term.Term));
            blocks.Add(new TextBlock(term.Definition));
        }
        if (result.Analogy is { } analogy) AddAnalogy(blocks, analogy);
        blocks.AddRange(result.Matches.Select(m => new PhraseBlock(m.Phrase.Id, m.Phrase.DontSay, m.Phrase.DoSay, m.Phrase.Why)));
        if (result.IsNoMatch)
        {
            blocks.Add(new TextBlock($"No phrase matches \u201c{result.Query}\u201d."));
            if (result.Suggestions.Count > 0)
                blocks.Add(new TextBlock($"Try: {string.Join(", ", result.Suggestions)}", TextStyle.Subtle));
        }
        // Related answers: one short "See also" row of buttons, each showing exactly that answer.
        var seeAlso = result.Related.Select(r => new CardAction(AnswerTitle(r), new CardCommand.ShowAnswer(r.Label, result.Query))).ToList();
        if (seeAlso.Count > 0) blocks.Add(new TextBlock(result.IsNoMatch ? ClosestLabel : SeeAlsoLabel, TextStyle.Subtle));
        var title = result.IsNoMatch ? "No match" : $"For \u201c{result.Query}\u201d";
        return new CoachCard("phrases", title, blocks, seeAlso) { Summary = result.Matches.Count > 0 ? result.Matches[0].Phrase.DoSay : title };
    }

    public const string SeeAlsoLabel = "See also";

    /// <summary>Heads the answers a "no match" still offers: near, but not a match.</summary>
    public const string ClosestLabel = "Closest, though not a match";

    /// <summary>
    /// An answer's name on a button, a few words long: a phrase's first synonym (how sellers ask for it, e.g. "Too
    /// expensive"), a glossary term's name, "Okta analogy: " and what an analogy explains.
    /// </summary>
    public string AnswerTitle(RelatedAnswer answer) => answer switch
    {
        { Phrase: { } phrase } => Capitalized(phrase.Synonyms.FirstOrDefault() ?? phrase.Tags.FirstOrDefault() ?? phrase.Id),
        { Term: { } term } => term.Term,
        { Analogy: { } analogy } => $"Okta analogy: {AnalogySubject(analogy)}",
        _ => answer.Label,
    };

    private static string Capitalized(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    public CoachCard MorePhrases(string? recommendationId)
    {
        var phrases = recommendationId is null ? playbook.Phrases : PhrasesFor(recommendationId).ToList();
        var blocks = phrases.Select(p => (CardBlock)new PhraseBlock(p.Id, p.DontSay, p.DoSay, p.Why)).ToList();
        var title = recommendationId is null ? "Phrases" : $"Phrases for {playbook.Approach(recommendationId).Name}";
        return new CoachCard("phrases", title, blocks, []);
    }

    public CoachCard Understood(NeedClassification classification, string buyerWords)
    {
        var blocks = new List<CardBlock>
        {
            new TextBlock($"Buyer said: \u201c{buyerWords}\u201d", TextStyle.Subtle),
            new FactsBlock(AnswerFacts(classification.InferredAnswers).Prepend(new Fact("Confidence", $"{classification.Confidence:P0}")).ToList()),
        };
        if (classification.Signals.Count > 0)
        {
            blocks.Add(new HeadingBlock("Because"));
            blocks.Add(new BulletsBlock(classification.Signals.Take(6).ToList()));
        }
        blocks.Add(new TextBlock("Not right? Choose \u201cAsk me instead\u201d, or say \u201cback\u201d at the next question.", TextStyle.Subtle));
        return new CoachCard("understood", "Here is what I understood", blocks,
        [
            new CardAction("Ask me instead", new CardCommand.Correct()),
        ]);
    }

    /// <summary>A conversation left half-way: what was answered, and a way to start over on purpose.</summary>
    public CoachCard Resume(IReadOnlyDictionary<string, string> answers, string? buyerWords)
    {
        var blocks = new List<CardBlock>();
        if (!string.IsNullOrWhiteSpace(buyerWords))
            blocks.Add(new TextBlock($"Buyer said: \u201c{buyerWords}\u201d", TextStyle.Subtle));
        var facts = AnswerFacts(answers);
        if (facts.Count > 0) blocks.Add(new FactsBlock(facts));
        blocks.Add(new TextBlock("Answer the question below to carry on, or start over to begin again.", TextStyle.Subtle));
        return new CoachCard("resume", "Where you left off", blocks,
        [
            new CardAction("Start over", new CardCommand.StartOver()),
        ]);
    }

    public CoachCard Coaching(Question question)
    {
        var blocks = new List<CardBlock>
        {
            new TextBlock("Ask the buyer:"),
            new TextBlock($"\u201c{question.AskTheBuyer}\u201d", TextStyle.Emphasis),
            new TextBlock(question.WhyItMatters, TextStyle.Subtle),
        };
        if (question.ListenFor.Count > 0)
        {
            blocks.Add(new HeadingBlock("What the answers sound like"));
            blocks.Add(new FactsBlock(question.ListenFor
                .Select(l => new Fact(playbook.Choice(question.Id, l.Answer)?.Short ?? l.Answer, l.SoundsLike)).ToList()));
        }
        return new CoachCard("coaching", "Not sure? Ask the buyer", blocks, []);
    }

    public CoachCard WayOut(DialogStep step)
    {
        var actions = new List<CardAction>();
        var coach = step.Choices.FirstOrDefault(c => c.Coach);
        if (coach is not null)
            actions.Add(new CardAction(coach.Short, new CardCommand.Answer(step.Id, coach.Value)));
        actions.Add(new CardAction("Start over", new CardCommand.StartOver()));
        actions.Add(new CardAction("Cancel", new CardCommand.Cancel()));
        var answers = string.Join(", ", step.Choices.Where(c => !c.Hidden).Select((c, i) => $"{i + 1} {c.Short}"));
        return new CoachCard("way-out", "Let's get unstuck",
        [
            new TextBlock("I still couldn't match that to an answer."),
            new TextBlock($"Type a number or a word from the list ({answers}), or pick one of these:", TextStyle.Subtle),
        ], actions);
    }

    public CoachCard Help() => new("help", "What CoachBot does",
    [
        new BulletsBlock(
        [
            "qualify: two or three questions, then a recommendation card (prompting, RAG, fine-tuning or training)",
            "coach: <the buyer's words>: I read the need from what the buyer said and skip what I can answer",
            "phrase <topic>: what to say instead (e.g. phrase cost, phrase security)",
            "what is <term>, analogy for <approach>: glossary and Okta analogies",
            "prep: a one-page brief before the meeting",
        ]),
        new TextBlock("During a question: back, start over, cancel, help.", TextStyle.Subtle),
    ],
    [
        new CardAction("Qualify a need", new CardCommand.Qualify(), ActionStyle.Primary),
        new CardAction("Meeting prep", new CardCommand.Prep()),
    ]);

    public CoachCard Welcome() => new("welcome", "Hi, I'm CoachBot",
    [
        new TextBlock("When a buyer says \u201cwe want to fine-tune a model on our data\u201d, I help you find out whether they need to change how the model behaves or what it knows, and what to say next."),
        new TextBlock("Try: qualify, phrase cost, prep, or paste what the buyer said after \u201ccoach:\u201d.", TextStyle.Subtle),
    ],
    [
        new CardAction("Qualify a need", new CardCommand.Qualify(), ActionStyle.Primary),
        new CardAction("Meeting prep", new CardCommand.Prep()),
        new CardAction("Help", new CardCommand.Help()),
    ]);

    /// <summary>
    /// "Need: What it knows", "Data last changed: Last month"... for the answers given so far. An answer that is
    /// the buyer's own ask rather than a diagnosis is shown as "Buyer asked for".
    /// </summary>
    public List<Fact> AnswerFacts(IReadOnlyDictionary<string, string> answers)
    {
        var facts = new List<Fact>();
        var dialog = playbook.Dialogs.FirstOrDefault(d => d.Id == QualifyDialog);
        if (dialog is null) return facts;
        foreach (var step in dialog.Steps)
        {
            if (!answers.TryGetValue(step.Id, out var value)) continue;
            var choice = playbook.Choice(step.Id, value);
            facts.Add(choice?.Asked is { } asked
                ? new Fact(AskedLabel, asked)
                : new Fact(string.IsNullOrWhiteSpace(step.Label) ? step.Id : step.Label, choice?.Short ?? value));
        }
        return facts;
    }

    /// <summary>What the buyer asked for in so many words ("Train our own model"), when an answer records it.</summary>
    public string? AskedFor(IReadOnlyDictionary<string, string> answers) =>
        answers.Select(a => playbook.Choice(a.Key, a.Value)?.Asked).FirstOrDefault(asked => !string.IsNullOrWhiteSpace(asked));

    /// <summary>Replaces {answer:stepId} with the chosen answer's short label.</summary>
    public string FillAnswers(string text, IReadOnlyDictionary<string, string> answers)
    {
        foreach (var (step, value) in answers)
        {
            var label = playbook.Choice(step, value)?.Short ?? value;
            text = text.Replace($"{{answer:{step}}}", label.ToLowerInvariant(), StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The do-say rows that support a recommendation, in playbook order.</summary>
    public IEnumerable<Phrase> PhrasesFor(string approachId) => playbook.Phrases.Where(p => p.Approaches.Contains(approachId));

    public const string OwnAnalogyLabel = "CoachBot's own analogy, not from the articles";
    public const string OwnAnalogyShortLabel = "CoachBot's own";

    /// <summary>Where an analogy comes from, as a seller sees it: the articles' titles, or CoachBot's own.</summary>
    public string AnalogyOrigin(Analogy analogy) =>
        analogy.Own ? OwnAnalogyLabel : "From " + string.Join(" and ", analogy.Sources.Select(s => Quoted(playbook.SourceTitle(s))));

    /// <summary>What an analogy explains, as a seller sees it ("Fine-tuning").</summary>
    public string AnalogySubject(Analogy analogy) =>
        playbook.Approaches.FirstOrDefault(a => a.Id == analogy.Approach)?.Name ?? "Foundation model";

    private void AddAnalogy(List<CardBlock> blocks, Analogy? analogy)
    {
        if (analogy is null) return;
        blocks.Add(new HeadingBlock($"Okta analogy: {analogy.Concept}"));
        blocks.Add(new TextBlock(AnalogyOrigin(analogy), TextStyle.Subtle));
        blocks.Add(new TextBlock(analogy.Mapping));
        blocks.Add(new FactsBlock(
        [
            new Fact("Where it holds", analogy.Holds),
            new Fact("Where it breaks", analogy.Breaks),
        ]));
        blocks.Add(new TextBlock($"Say to the buyer: \u201c{analogy.BuyerLine}\u201d", TextStyle.Emphasis));
    }

    /// <summary>Each disputed point with every article's view, attributed, and CoachBot's advice labelled as its own.</summary>
    private void AddDisagreements(List<CardBlock> blocks, IReadOnlyList<string> disagreementIds)
    {
        foreach (var disagreement in playbook.Disagreements.Where(d => disagreementIds.Contains(d.Id)))
        {
            blocks.Add(new HeadingBlock($"The articles disagree: {disagreement.Topic}"));
            blocks.Add(new BulletsBlock(disagreement.Views.Select(v => $"{Quoted(playbook.SourceTitle(v.Source))}: {v.View}").ToList()));
            if (!string.IsNullOrWhiteSpace(disagreement.Advice))
                blocks.Add(new TextBlock($"CoachBot's advice: {disagreement.Advice}", TextStyle.Subtle));
        }
    }

    private static string Quoted(string title) => $"\u201c{title}\u201d";

    private void AddClaims(List<CardBlock> blocks, IReadOnlyList<string> claimIds)
    {
        foreach (var claim in playbook.Claims.Where(c => claimIds.Contains(c.Id)))
        {
            var attribution = $"{claim.AttributedTo}; cited in {Quoted(playbook.SourceTitle(claim.Source))}";
            blocks.Add(new NoteBlock(claim.Verified ? claim.Text : $"{claim.Text} ({attribution}) {claim.Caveat}", claim.Verified ? NoteTone.Info : NoteTone.Caution));
        }
    }

    /// <summary>The cost rows; where the articles give several figures, each with its basis and the article it comes from.</summary>
    private List<Fact> CostFacts(Cost cost)
    {
        var facts = new List<Fact> { new("Up front", cost.Summary), new("Ongoing", cost.Ongoing) };
        if (cost.Figures.Count > 1)
            facts.AddRange(cost.Figures.Select(f => new Fact(f.Figure, $"{f.Basis} ({Quoted(playbook.SourceTitle(f.Source))})")));
        return facts;
    }
}
