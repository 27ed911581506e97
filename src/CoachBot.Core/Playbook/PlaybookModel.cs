namespace CoachBot.Core.Playbook;

// The playbook is content as data: everything a seller sees comes from dialogs/*.yaml.
// These classes mirror the YAML one to one (camelCase keys) so the loader can deserialize them
// directly; they are treated as immutable once loaded.

/// <summary>The whole loaded playbook.</summary>
public sealed class PlaybookContent
{
    public IReadOnlyList<Source> Sources { get; init; } = [];
    public IReadOnlyList<Approach> Approaches { get; init; } = [];
    public IReadOnlyList<Analogy> Analogies { get; init; } = [];
    public IReadOnlyList<Phrase> Phrases { get; init; } = [];
    public IReadOnlyList<Question> Questions { get; init; } = [];
    public IReadOnlyList<GlossaryTerm> Glossary { get; init; } = [];
    public IReadOnlyList<DecisionRule> Rules { get; init; } = [];
    public IReadOnlyList<Claim> Claims { get; init; } = [];
    public IReadOnlyList<Disagreement> Disagreements { get; init; } = [];
    public IReadOnlyList<DialogDefinition> Dialogs { get; init; } = [];
    public IReadOnlyList<LookupExample> LookupExamples { get; init; } = [];
    public IReadOnlyList<NeedExample> NeedExamples { get; init; } = [];
    public IReadOnlyList<ChangeExample> ChangeExamples { get; init; } = [];
    public IReadOnlyList<DataChangedExample> DataChangedExamples { get; init; } = [];
    public IReadOnlyList<NeedCue> NeedCues { get; init; } = [];
    public IReadOnlyList<RecencyCue> RecencyCues { get; init; } = [];
    public IReadOnlyList<CueWords> CueWords { get; init; } = [];
    public IReadOnlyList<Abbreviation> Abbreviations { get; init; } = [];

    public Approach Approach(string id) => Approaches.First(a => a.Id == id);
    public Analogy? AnalogyFor(string approachId) => Analogies.FirstOrDefault(a => a.Approach == approachId);
    public Question Question(string id) => Questions.First(q => q.Id == id);

    /// <summary>
    /// Whether the answers so far already settle what <paramref name="question"/> asks: a step that asks it, or one
    /// it asks in other words, has been answered.
    /// </summary>
    public bool IsAnswered(Question question, IReadOnlyDictionary<string, string> answers) =>
        question.Asks.Any(answers.ContainsKey)
        || Dialogs.SelectMany(d => d.Steps).Any(s => s.Question == question.Id && answers.ContainsKey(s.Id));
    public Phrase Phrase(string id) => Phrases.First(p => p.Id == id);
    public DialogDefinition Dialog(string id) => Dialogs.First(d => d.Id == id);
    /// <summary>The title of a source article, as sellers see it; the id itself if the source is unknown.</summary>
    public string SourceTitle(string id) => Sources.FirstOrDefault(s => s.Id == id)?.Title ?? id;

    /// <summary>The choice a step answer refers to, across dialogs (for labels on cards).</summary>
    public StepChoice? Choice(string stepId, string value) =>
        Dialogs.SelectMany(d => d.Steps).Where(s => s.Id == stepId).SelectMany(s => s.Choices).FirstOrDefault(c => c.Value == value);
}

/// <summary>A seed article the content is drawn from (shared/seeds/...).</summary>
public sealed class Source
{
    public string Id { get; init; } = "";
    public string File { get; init; } = "";
    public string Title { get; init; } = "";
}

/// <summary>One of the four ways to adapt a model: prompting, rag, fine-tuning, training.</summary>
public sealed class Approach
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>One line for card headlines ("Recommend retrieval (RAG)").</summary>
    public string Headline { get; init; } = "";
    public string WhatItIs { get; init; } = "";
    public string WhatChanges { get; init; } = "";
    public string WhoDoesIt { get; init; } = "";
    public Cost Cost { get; init; } = new();
    public IReadOnlyList<string> RightWhen { get; init; } = [];
    public IReadOnlyList<string> WrongWhen { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>Cost order of magnitude. Figures keep their basis because the seeds disagree.</summary>
public sealed class Cost
{
    /// <summary>Short form for a table cell, e.g. "$1K–$1M+".</summary>
    public string Summary { get; init; } = "";
    public string Ongoing { get; init; } = "";
    public IReadOnlyList<CostFigure> Figures { get; init; } = [];
}

public sealed class CostFigure
{
    public string Figure { get; init; } = "";
    public string Basis { get; init; } = "";
    public string Source { get; init; } = "";
}

/// <summary>An Okta/identity concept mapping for one approach (or for foundation models).</summary>
public sealed class Analogy
{
    public string Id { get; init; } = "";
    /// <summary>The approach id this analogy explains, or "foundation-model".</summary>
    public string Approach { get; init; } = "";
    /// <summary>The identity-side concept, e.g. "Running your own PKI".</summary>
    public string Concept { get; init; } = "";
    public string Mapping { get; init; } = "";
    public string Holds { get; init; } = "";
    public string Breaks { get; init; } = "";
    /// <summary>Words the seller says to the buyer, not advice about them.</summary>
    public string BuyerLine { get; init; } = "";
    /// <summary>True for an analogy CoachBot made rather than took from an article; cards label it so.</summary>
    public bool Own { get; init; }
    /// <summary>The articles it comes from; for an own analogy, the articles it builds on.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>A don't-say / do-say row.</summary>
public sealed class Phrase
{
    public string Id { get; init; } = "";
    public string DontSay { get; init; } = "";
    public string DoSay { get; init; } = "";
    public string Why { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    /// <summary>Recommendation ids this line supports on a recommendation card.</summary>
    public IReadOnlyList<string> Approaches { get; init; } = [];
    /// <summary>Dialog steps whose question the do-say line asks; no card shows it once one of them is answered.</summary>
    public IReadOnlyList<string> Asks { get; init; } = [];
    /// <summary>One of the prep brief's "Lines to use": chosen for a meeting, not a question (the brief asks those).</summary>
    public bool Prep { get; init; }
    public string Source { get; init; } = "";
    public string Owner { get; init; } = "";
    public DateOnly ReviewBy { get; init; }
}

/// <summary>A discovery question and why it matters.</summary>
public sealed class Question
{
    public string Id { get; init; } = "";
    /// <summary>What the seller asks the buyer, in words the seller can say aloud.</summary>
    public string AskTheBuyer { get; init; } = "";
    public string WhyItMatters { get; init; } = "";
    /// <summary>What each kind of buyer answer sounds like (for coaching when the seller is unsure).</summary>
    public IReadOnlyList<ListenFor> ListenFor { get; init; } = [];
    /// <summary>
    /// Dialog steps this question asks in other words (style-or-accuracy asks what step need asks); once one of
    /// them is answered, no card tells the seller to ask it. A step's own question needs no entry here.
    /// </summary>
    public IReadOnlyList<string> Asks { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
}

public sealed class ListenFor
{
    /// <summary>The choice value this kind of answer maps to.</summary>
    public string Answer { get; init; } = "";
    public string SoundsLike { get; init; } = "";
}

public sealed class GlossaryTerm
{
    public string Id { get; init; } = "";
    public string Term { get; init; } = "";
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public string Definition { get; init; } = "";
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>
/// A statement attributed to a named study or person that this project cannot verify.
/// Cards never present it without <see cref="Caveat"/>; the validator rejects its markers anywhere else.
/// </summary>
public sealed class Claim
{
    public string Id { get; init; } = "";
    public string Text { get; init; } = "";
    public string AttributedTo { get; init; } = "";
    public bool Verified { get; init; }
    public string Caveat { get; init; } = "Verify before quoting: the source is cited by the seed article and has not been checked by CoachBot.";
    /// <summary>Distinctive fragments ("14 of 17") that must not appear in other content without the claim.</summary>
    public IReadOnlyList<string> Markers { get; init; } = [];
    public string Source { get; init; } = "";
}

/// <summary>
/// A point on which the seed articles disagree. Cards show every view with its article, never one as settled;
/// the validator keeps a view's <see cref="Markers"/> out of all other content.
/// </summary>
public sealed class Disagreement
{
    public string Id { get; init; } = "";
    public string Topic { get; init; } = "";
    public IReadOnlyList<SourceView> Views { get; init; } = [];
    /// <summary>Distinctive words of a view ("sub-millisecond") that may appear nowhere else in the playbook.</summary>
    public IReadOnlyList<string> Markers { get; init; } = [];
    /// <summary>CoachBot's own suggestion for the seller, shown labelled as such.</summary>
    public string? Advice { get; init; }
}

/// <summary>What one article says on a disputed point.</summary>
public sealed class SourceView
{
    public string Source { get; init; } = "";
    public string View { get; init; } = "";
}

/// <summary>One row of the ordered decision table: first match wins.</summary>
public sealed class DecisionRule
{
    public string Id { get; init; } = "";
    /// <summary>Conditions: answer key (dialog step id) -> accepted values. A missing key matches anything.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> When { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string Recommend { get; init; } = "";
    /// <summary>
    /// Optional second approach recommended together with <see cref="Recommend"/> (a need for both knowledge and
    /// behavior: fine-tuning for the behavior, retrieval for the knowledge).
    /// </summary>
    public string? Alongside { get; init; }
    /// <summary>Why, tied to the answers; may use {answer:stepId} placeholders for the chosen label.</summary>
    public string Why { get; init; } = "";
    /// <summary>Question id to ask next.</summary>
    public string NextQuestion { get; init; } = "";
    /// <summary>Optional extra line: what else applies (e.g. prompting for the behaviour part) or when the advice would change.</summary>
    public string? AlsoConsider { get; init; }
    /// <summary>Optional caveat shown prominently (e.g. recency unknown).</summary>
    public string? Caveat { get; init; }
    /// <summary>Optional cost trade-off shown with the cost (e.g. a tuning run per change against long prompts at volume).</summary>
    public string? TradeOff { get; init; }
    /// <summary>Claim ids the card may cite, always with their caveat.</summary>
    public IReadOnlyList<string> Claims { get; init; } = [];
    /// <summary>Disagreement ids the card shows, every view with its article.</summary>
    public IReadOnlyList<string> Disagreements { get; init; } = [];
}

/// <summary>A waterfall dialog: an ordered list of steps.</summary>
public sealed class DialogDefinition
{
    public string Id { get; init; } = "";
    public IReadOnlyList<DialogStep> Steps { get; init; } = [];
}

public sealed class DialogStep
{
    /// <summary>Also the answer key used by rules.</summary>
    public string Id { get; init; } = "";
    /// <summary>How the answer is labelled on cards and summaries ("Data last changed").</summary>
    public string Label { get; init; } = "";
    /// <summary>"choice" or "text".</summary>
    public string Kind { get; init; } = "choice";
    public string Prompt { get; init; } = "";
    public string RetryPrompt { get; init; } = "";
    /// <summary>The question (questions.yaml) this step asks, for coaching and "why".</summary>
    public string? Question { get; init; }
    public IReadOnlyList<StepChoice> Choices { get; init; } = [];
    /// <summary>Run the step only when earlier answers match: step id -> accepted values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> When { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

public sealed class StepChoice
{
    public string Value { get; init; } = "";
    public string Label { get; init; } = "";
    /// <summary>Short form for buttons and summaries.</summary>
    public string Short { get; init; } = "";
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    /// <summary>When true, choosing this coaches the seller (question's listenFor) and asks again.</summary>
    public bool Coach { get; init; }
    /// <summary>Accepted when typed or inferred (e.g. need "train"), but not offered as a button.</summary>
    public bool Hidden { get; init; }
    /// <summary>
    /// When this answer records what the buyer asked for rather than a diagnosis ("train our own model"), the
    /// ask in words: cards and analytics keep it apart from what was recommended.
    /// </summary>
    public string? Asked { get; init; }
}

// ---- Understanding: how sellers and buyers put things, for the look-up and the need classifier -------------------

/// <summary>Wordings a seller might type mid-call when they want one answer (lookup-examples.yaml).</summary>
public sealed class LookupExample
{
    /// <summary>A phrase id, glossary:&lt;id&gt;, analogy:&lt;id&gt;, or none (what the playbook does not answer).</summary>
    public string Answer { get; init; } = "";
    public IReadOnlyList<string> Queries { get; init; } = [];
}

/// <summary>
/// A short form sellers type ("FT", "ICL", "KB") and what it stands for (abbreviations.yaml). A look-up or statement
/// containing it is also read with the long form written out, since the sentence model knows the long form far better.
/// </summary>
public sealed class Abbreviation
{
    /// <summary>One word, matched whole and without regard to case.</summary>
    public string Short { get; init; } = "";
    public string Means { get; init; } = "";
}

/// <summary>Buyer statements that reveal one need: behavior, knowledge, both, train or unclear (need-examples.yaml).</summary>
public sealed class NeedExample
{
    public string Need { get; init; } = "";
    public IReadOnlyList<string> Statements { get; init; } = [];
}

/// <summary>Buyer statements that ask for one kind of behaviour change (a value of the dialog's `change` step).</summary>
public sealed class ChangeExample
{
    public string Change { get; init; } = "";
    public IReadOnlyList<string> Statements { get; init; } = [];
}

/// <summary>Buyer statements that say how recently the data changed (a value of the `data-changed` step, or none).</summary>
public sealed class DataChangedExample
{
    public string Answer { get; init; } = "";
    public IReadOnlyList<string> Statements { get; init; } = [];
}

/// <summary>A wording that points at a need, for the classifier's explanation (need-cues.yaml).</summary>
public sealed class NeedCue
{
    /// <summary>Matched on light stems, in order, at most two words apart.</summary>
    public string Words { get; init; } = "";
    /// <summary>
    /// knowledge, behavior or train; or both, for wordings that list two concerns ("two things", "on top of that"),
    /// which turn a reading of one of knowledge and behaviour into both.
    /// </summary>
    public string Need { get; init; } = "";
    public double Weight { get; init; } = 1;
    public string Reason { get; init; } = "";
    /// <summary>For behaviour cues: the kind of change it implies (a value of the `change` step).</summary>
    public string? Change { get; init; }
}

/// <summary>A wording that says how often the data changes (a value of the `data-changed` step).</summary>
public sealed class RecencyCue
{
    public string Words { get; init; } = "";
    public string Answer { get; init; } = "";
    /// <summary>True when the wording is about change by itself ("static"); otherwise it counts only in a clause about change.</summary>
    public bool SaysChange { get; init; }
}

/// <summary>Words that change how cues are read: negator, hedge, clauseBreak or changeWord.</summary>
public sealed class CueWords
{
    public string Kind { get; init; } = "";
    public IReadOnlyList<string> Words { get; init; } = [];
}
