namespace CoachBot.Core.Classification;

/// <summary>Which reading of the need a cue supports.</summary>
internal enum NeedDimension { Knowledge, Behavior, Train }

/// <summary>
/// A wording that points at a need: its words (matched on light stems, in order, a couple of words apart at
/// most), how much it counts, why, and for behaviour cues the kind of change it asks for (step `change`).
/// </summary>
internal sealed record NeedCue(string Words, NeedDimension Dimension, double Weight, string Reason, string? Change = null);

/// <summary>A wording that says how often the buyer's data changes (step `data-changed`).</summary>
/// <param name="SaysChange">
/// True when the wording is about change by itself ("static", "hasn't changed"); otherwise it only counts in a
/// clause that talks about change or updates, so "a million tickets a month" is not read as a change rate.
/// </param>
internal sealed record RecencyCue(string Words, string Answer, bool SaysChange = false);

/// <summary>
/// The classifier's vocabulary, drawn from how the seeds describe the two problems: behaviour ("use our
/// terminology, follow our format, match our tone", volume and latency, specialised domains) versus knowledge
/// ("answer questions about our current policies, procedures, case files"). Saying "fine-tune" is deliberately
/// absent: buyers use it for both, which is why the coach asks.
/// </summary>
internal static class NeedLexicon
{
    private const string QandA = "asking about document contents";
    private const string Accuracy = "wants answers that are right about specific content";
    private const string Recency = "needs information that stays current";
    private const string Knows = "wants the model to know their content";
    private const string Documents = "names a body of documents";
    private const string Data = "mentions their data";
    private const string Tone = "wants a particular voice or wording";
    private const string Format = "wants a fixed output format";
    private const string Volume = "cost or speed at volume";
    private const string Vocabulary = "specialised domain vocabulary";
    private const string Consistency = "wants consistent behaviour";
    private const string Train = "wants to build a model rather than adapt one";

    public static readonly NeedCue[] Cues =
    [
        // Knowledge: questions answered from content that exists somewhere and changes.
        new("ask questions", NeedDimension.Knowledge, 2, QandA),
        new("answer questions", NeedDimension.Knowledge, 2, QandA),
        new("questions about", NeedDimension.Knowledge, 2, QandA),
        new("ask about", NeedDimension.Knowledge, 2, QandA),
        new("answers about", NeedDimension.Knowledge, 2, QandA),
        new("answers on", NeedDimension.Knowledge, 2, QandA),
        new("answer from", NeedDimension.Knowledge, 2, QandA),
        new("answering from", NeedDimension.Knowledge, 2, QandA),
        new("get answers", NeedDimension.Knowledge, 2, QandA),
        new("quick answers", NeedDimension.Knowledge, 2, QandA),
        new("look up", NeedDimension.Knowledge, 2, QandA),
        new("search", NeedDimension.Knowledge, 2, QandA),
        new("query", NeedDimension.Knowledge, 2, QandA),
        new("find the right", NeedDimension.Knowledge, 2, QandA),
        new("find answers", NeedDimension.Knowledge, 2, QandA),
        new("find information", NeedDimension.Knowledge, 2, QandA),
        new("what the policy says", NeedDimension.Knowledge, 2, QandA),
        new("accurate answers", NeedDimension.Knowledge, 2, Accuracy),
        new("correct answers", NeedDimension.Knowledge, 2, Accuracy),
        new("right answers", NeedDimension.Knowledge, 2, Accuracy),
        new("wrong answers", NeedDimension.Knowledge, 2, Accuracy),
        new("exact source", NeedDimension.Knowledge, 2, Accuracy),
        new("cite the source", NeedDimension.Knowledge, 2, Accuracy),
        new("factual", NeedDimension.Knowledge, 1.5, Accuracy),
        new("facts", NeedDimension.Knowledge, 1.5, Accuracy),
        new("current", NeedDimension.Knowledge, 1.5, Recency),
        new("latest", NeedDimension.Knowledge, 1.5, Recency),
        new("up to date", NeedDimension.Knowledge, 1.5, Recency),
        new("out of date", NeedDimension.Knowledge, 1.5, Recency),
        new("outdated", NeedDimension.Knowledge, 1.5, Recency),
        new("new regulations", NeedDimension.Knowledge, 1.5, Recency),
        new("know our", NeedDimension.Knowledge, 1.5, Knows),
        new("know everything", NeedDimension.Knowledge, 1.5, Knows),
        new("know about", NeedDimension.Knowledge, 1.5, Knows),
        new("know what", NeedDimension.Knowledge, 1.5, Knows),
        new("policy", NeedDimension.Knowledge, 1, Documents),
        new("manual", NeedDimension.Knowledge, 1, Documents),
        new("handbook", NeedDimension.Knowledge, 1, Documents),
        new("documents", NeedDimension.Knowledge, 1, Documents),
        new("docs", NeedDimension.Knowledge, 1, Documents),
        new("procedures", NeedDimension.Knowledge, 1, Documents),
        new("sops", NeedDimension.Knowledge, 1, Documents),
        new("regulations", NeedDimension.Knowledge, 1, Documents),
        new("guidance", NeedDimension.Knowledge, 1, Documents),
        new("guidelines", NeedDimension.Knowledge, 1, Documents),
        new("contracts", NeedDimension.Knowledge, 1, Documents),
        new("clauses", NeedDimension.Knowledge, 1, Documents),
        new("case files", NeedDimension.Knowledge, 1, Documents),
        new("records", NeedDimension.Knowledge, 1, Documents),
        new("library", NeedDimension.Knowledge, 1, Documents),
        new("knowledge base", NeedDimension.Knowledge, 1, Documents),
        new("sharepoint", NeedDimension.Knowledge, 1, Documents),
        new("wiki", NeedDimension.Knowledge, 1, Documents),
        new("intranet", NeedDimension.Knowledge, 1, Documents),
        new("faq", NeedDimension.Knowledge, 1, Documents),
        new("protocols", NeedDimension.Knowledge, 1, Documents),
        new("formulary", NeedDimension.Knowledge, 1, Documents),
        new("rules", NeedDimension.Knowledge, 1, Documents),
        new("our data", NeedDimension.Knowledge, 0.5, Data),
        new("information", NeedDimension.Knowledge, 0.5, Data),

        // Behaviour: how the model writes, in what shape, at what cost, in whose words.
        new("sound like", NeedDimension.Behavior, 2, Tone, "tone"),
        new("tone", NeedDimension.Behavior, 2, Tone, "tone"),
        new("voice", NeedDimension.Behavior, 2, Tone, "tone"),
        new("style", NeedDimension.Behavior, 2, Tone, "tone"),
        new("brand", NeedDimension.Behavior, 2, Tone, "tone"),
        new("persona", NeedDimension.Behavior, 2, Tone, "tone"),
        new("friendly", NeedDimension.Behavior, 2, Tone, "tone"),
        new("friendlier", NeedDimension.Behavior, 2, Tone, "tone"),
        new("formal", NeedDimension.Behavior, 2, Tone, "tone"),
        new("polite", NeedDimension.Behavior, 2, Tone, "tone"),
        new("plain language", NeedDimension.Behavior, 2, Tone, "tone"),
        new("write like", NeedDimension.Behavior, 2, Tone, "tone"),
        new("talk like", NeedDimension.Behavior, 2, Tone, "tone"),
        new("speak like", NeedDimension.Behavior, 2, Tone, "tone"),
        new("chatty", NeedDimension.Behavior, 2, Tone, "tone"),
        new("verbose", NeedDimension.Behavior, 2, Tone, "tone"),
        new("concise", NeedDimension.Behavior, 2, Tone, "tone"),
        new("wording", NeedDimension.Behavior, 1.5, Tone, "tone"),
        new("behave like", NeedDimension.Behavior, 2, Tone, "tone"),
        new("on script", NeedDimension.Behavior, 2, Tone, "tone"),
        new("terminology", NeedDimension.Behavior, 2, Tone, "tone"),
        new("format", NeedDimension.Behavior, 2, Format, "format"),
        new("template", NeedDimension.Behavior, 2, Format, "format"),
        new("json", NeedDimension.Behavior, 2, Format, "format"),
        new("xml", NeedDimension.Behavior, 2, Format, "format"),
        new("sql", NeedDimension.Behavior, 2, Format, "format"),
        new("schema", NeedDimension.Behavior, 2, Format, "format"),
        new("structured output", NeedDimension.Behavior, 2, Format, "format"),
        new("table", NeedDimension.Behavior, 1.5, Format, "format"),
        new("fields", NeedDimension.Behavior, 1, Format, "format"),
        new("citations", NeedDimension.Behavior, 1.5, Format, "format"),
        new("always answer in", NeedDimension.Behavior, 2, Format, "format"),
        new("latency", NeedDimension.Behavior, 2, Volume, "volume"),
        new("cost per call", NeedDimension.Behavior, 2, Volume, "volume"),
        new("token costs", NeedDimension.Behavior, 2, Volume, "volume"),
        new("shorter prompts", NeedDimension.Behavior, 2, Volume, "volume"),
        new("prompts are getting long", NeedDimension.Behavior, 2, Volume, "volume"),
        new("long prompts", NeedDimension.Behavior, 2, Volume, "volume"),
        new("high volume", NeedDimension.Behavior, 2, Volume, "volume"),
        new("at our volume", NeedDimension.Behavior, 2, Volume, "volume"),
        new("millions of calls", NeedDimension.Behavior, 2, Volume, "volume"),
        new("millions of requests", NeedDimension.Behavior, 2, Volume, "volume"),
        new("thousands of times", NeedDimension.Behavior, 2, Volume, "volume"),
        new("every request", NeedDimension.Behavior, 2, Volume, "volume"),
        new("requests per", NeedDimension.Behavior, 2, Volume, "volume"),
        new("calls per", NeedDimension.Behavior, 2, Volume, "volume"),
        new("calls a day", NeedDimension.Behavior, 2, Volume, "volume"),
        new("requests a day", NeedDimension.Behavior, 2, Volume, "volume"),
        new("cheaper to run", NeedDimension.Behavior, 2, Volume, "volume"),
        new("throughput", NeedDimension.Behavior, 2, Volume, "volume"),
        new("response time", NeedDimension.Behavior, 2, Volume, "volume"),
        new("too slow", NeedDimension.Behavior, 2, Volume, "volume"),
        new("medical codes", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("medical coding", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("billing codes", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("icd 10", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("coding conventions", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("legal citations", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("bluebook", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("jargon", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("acronyms", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("nomenclature", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("vocabulary", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("domain terminology", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("technical terminology", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("specialized terminology", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("specialised terminology", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("domain language", NeedDimension.Behavior, 2, Vocabulary, "vocabulary"),
        new("consistent", NeedDimension.Behavior, 1, Consistency),
        new("every time", NeedDimension.Behavior, 1, Consistency),
        new("behave", NeedDimension.Behavior, 1, Consistency),
        new("behavior", NeedDimension.Behavior, 1, Consistency),
        new("behaviour", NeedDimension.Behavior, 1, Consistency),

        // Training: a model of their own, built rather than adapted.
        new("from scratch", NeedDimension.Train, 2.5, Train),
        new("ground up", NeedDimension.Train, 2.5, Train),
        new("own model", NeedDimension.Train, 2.5, Train),
        new("own llm", NeedDimension.Train, 2.5, Train),
        new("own gpt", NeedDimension.Train, 2.5, Train),
        new("own foundation model", NeedDimension.Train, 2.5, Train),
        new("train a foundation model", NeedDimension.Train, 2.5, Train),
        new("pretrain", NeedDimension.Train, 2.5, Train),
        new("pre train", NeedDimension.Train, 2.5, Train),
        new("build a model", NeedDimension.Train, 2, Train),
    ];

    public static readonly RecencyCue[] RecencyCues =
    [
        new("hasn't changed", "stable", SaysChange: true),
        new("has not changed", "stable", SaysChange: true),
        new("haven't changed", "stable", SaysChange: true),
        new("doesn't change", "stable", SaysChange: true),
        new("does not change", "stable", SaysChange: true),
        new("don't change", "stable", SaysChange: true),
        new("never changes", "stable", SaysChange: true),
        new("rarely changes", "stable", SaysChange: true),
        new("seldom changes", "stable", SaysChange: true),
        new("unchanged", "stable", SaysChange: true),
        new("static", "stable", SaysChange: true),
        new("stable", "stable", SaysChange: true),
        // "Hasn't changed in years": a span of years next to change is stability, not a yearly cycle.
        new("in years", "stable"),
        new("for years", "stable"),
        new("weekly", "week"),
        new("every week", "week"),
        new("each week", "week"),
        new("a week", "week"),
        new("daily", "week"),
        new("every day", "week"),
        new("each day", "week"),
        new("hourly", "week"),
        new("nightly", "week"),
        new("constantly", "week"),
        new("continuously", "week"),
        new("all the time", "week"),
        new("real time", "week"),
        new("every few days", "week"),
        new("monthly", "month"),
        new("every month", "month"),
        new("each month", "month"),
        new("a month", "month"),
        new("every few weeks", "month"),
        new("quarterly", "quarter"),
        new("every quarter", "quarter"),
        new("each quarter", "quarter"),
        new("a quarter", "quarter"),
        new("next quarter", "quarter"),
        new("every three months", "quarter"),
        new("every 3 months", "quarter"),
        new("annually", "year"),
        new("yearly", "year"),
        new("annual", "year"),
        new("every year", "year"),
        new("each year", "year"),
        new("once a year", "year"),
        new("a year", "year"),
    ];

    /// <summary>Words that make a clause about change, so a frequency in it is a change rate.</summary>
    public static readonly string[] ChangeWords =
        ["change", "changes", "changed", "update", "updated", "updates", "revise", "revised", "amend", "amended",
         "publish", "published", "refresh", "refreshed", "edit", "edited", "release", "released", "issue", "issued",
         "rewrite", "rewritten", "evolve", "evolves", "new version"];

    /// <summary>A negator turns off the first cue after it, within three words of the same clause.</summary>
    public static readonly string[] Negators =
        ["not", "no", "never", "without", "don't", "doesn't", "didn't", "isn't", "aren't", "won't", "can't",
         "nothing", "nor", "neither", "hardly"];

    /// <summary>A hedge weakens the first cue after it, within four words of the same clause.</summary>
    public static readonly string[] Hedges = ["maybe", "might", "perhaps", "possibly", "probably", "somewhat"];

    /// <summary>Words that end a clause as punctuation does ("not tone but accurate answers").</summary>
    public static readonly string[] ClauseBreaks = ["but", "however", "although", "though", "whereas"];
}
