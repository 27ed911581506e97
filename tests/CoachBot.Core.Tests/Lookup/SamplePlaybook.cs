using CoachBot.Core.Playbook;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>A small playbook written for the look-up tests, independent of the shipped content.</summary>
internal static class SamplePlaybook
{
    public static Phrase Phrase(string id, string dontSay, string doSay, string why, string[] tags, string[] synonyms) =>
        new() { Id = id, DontSay = dontSay, DoSay = doSay, Why = why, Tags = tags, Synonyms = synonyms };

    public static readonly Phrase Cost = Phrase("cost",
        "Fine-tuning is expensive.",
        "The real cost is upkeep: every data change means another run.",
        "A bill that repeats lands harder than a one-off price.",
        ["cost", "expensive", "budget"], ["too costly", "price tag"]);

    public static readonly Phrase Security = Phrase("security",
        "Fine-tuning is more secure because the data is baked in.",
        "Fine-tuning puts your data into the model.",
        "Weights are hard to audit and hard to clean.",
        ["security", "secure", "privacy"], ["more secure", "data leakage"]);

    public static readonly Phrase LockIn = Phrase("lock-in",
        "Fine-tuning frees you from the vendor.",
        "Tuned weights tie you to one model family.",
        "Prompts move between models; weights do not.",
        ["vendor", "lockin"], ["vendor lock-in", "exit strategy"]);

    public static readonly Phrase Knows = Phrase("knows",
        "Fine-tuning will make the model smarter about your data.",
        "Fine-tuning changes how the model behaves, not what it knows.",
        "Behaviour and knowledge are different problems.",
        ["smarter", "knowledge", "finetune"], ["fine tune on our data"]);

    public static readonly Phrase Hallucination = Phrase("hallucination",
        "Tuning will stop made-up answers.",
        "Grounding each answer in retrieved documents does that.",
        "A tuned model stays confident when it is wrong.",
        ["hallucination", "hallucinate", "accuracy"], ["makes things up"]);

    // Mentions security only in its explanation, so it must rank below the security row.
    public static readonly Phrase Governance = Phrase("governance",
        "Prompting alone covers compliance.",
        "Who controls the system prompt matters as much as what it says.",
        "Control of the prompt is a security question as much as a compliance one.",
        ["compliance", "governance"], ["audit trail"]);

    public static PlaybookContent Content(params Phrase[] phrases) => new()
    {
        Phrases = phrases.Length > 0 ? phrases : [Cost, Security, LockIn, Knows, Hallucination, Governance],
        Glossary =
        [
            new GlossaryTerm { Id = "rag", Term = "Retrieval-augmented generation", Aliases = ["RAG", "retrieval augmented generation"], Definition = "Fetch then answer." },
            new GlossaryTerm { Id = "lora", Term = "LoRA", Aliases = ["low-rank adaptation"], Definition = "Small added weights." },
            new GlossaryTerm { Id = "context-window", Term = "Context window", Aliases = ["context length"], Definition = "How much fits in one call." },
        ],
        Analogies =
        [
            new Analogy { Id = "analogy-rag", Approach = "rag", Concept = "Retrieval authorized at request time", Mapping = "Each question reads documents the caller may see." },
            new Analogy { Id = "analogy-fine-tuning", Approach = "fine-tuning", Concept = "Hard-coded authorization logic", Mapping = "Rules compiled into the app." },
            new Analogy { Id = "analogy-prompting", Approach = "prompting", Concept = "Runtime policy evaluation", Mapping = "A policy engine checks each request." },
        ],
    };
}
