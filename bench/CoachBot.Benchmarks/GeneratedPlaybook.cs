using CoachBot.Core.Playbook;

namespace CoachBot.Benchmarks;

/// <summary>
/// Builds large playbooks for the look-up benchmarks: phrases in the shipped rows' style (a claim about an
/// approach, a better line, a reason, tags, synonyms) drawn from a domain vocabulary plus invented agency and
/// product names, so the vocabulary keeps growing with the row count as real content does. Fixed seed: the
/// same count always gives the same playbook.
/// </summary>
internal static class GeneratedPlaybook
{
    private const int Seed = 20_261_123;

    private static readonly string[] Approaches =
        ["fine-tuning", "prompting", "retrieval", "RAG", "training from scratch", "a foundation model",
         "a vector database", "few-shot examples", "a system prompt", "LoRA adapters", "an open-weight model",
         "a private endpoint"];
    private static readonly string[] Concerns =
        ["cost", "security", "latency", "accuracy", "compliance", "vendor lock-in", "portability", "privacy",
         "governance", "scale", "maintenance", "hallucinations", "data residency", "audit", "throughput",
         "budget", "speed", "iteration", "ownership", "isolation", "formatting", "tone", "terminology",
         "freshness", "access control", "explainability", "uptime", "support", "procurement", "risk"];
    private static readonly string[] Objects =
        ["our data", "policy documents", "case files", "the weights", "procedures", "contracts", "claims",
         "tickets", "reports", "manuals", "guidance", "regulations", "transcripts", "forms", "benefits rules"];
    private static readonly string[] Adjectives =
        ["smarter", "safer", "cheaper", "faster", "current", "accurate", "portable", "compliant", "consistent",
         "private", "simpler", "auditable", "reliable", "flexible"];
    private static readonly string[] Frequencies = ["weekly", "every month", "each quarter", "once a year", "daily"];
    private static readonly string[] Roles =
        ["contracting officers", "claims adjusters", "nurses", "case workers", "analysts", "loan officers",
         "auditors", "engineers", "help desk staff", "program managers"];

    private static readonly string[] DontSayTemplates =
    [
        "{approach} is always the answer for {concern}.",
        "{approach} solves {concern} once and for all.",
        "With {approach} you never have to think about {concern} at {name}.",
        "{approach} will make {object} {adjective}.",
        "Nobody at {name} needs to worry about {concern} once we use {approach}.",
        "{approach} is the enterprise option; {approach2} is a toy.",
    ];
    private static readonly string[] DoSayTemplates =
    [
        "{approach2} usually handles {concern} better when {object} change {frequency}.",
        "Ask how {concern} is measured at {name} before anyone chooses {approach}.",
        "What do {role} need from {object}, and how often does that change?",
        "{approach} helps with {concern} only when {object} are stable; otherwise start with {approach2}.",
        "Start with {approach2}, measure {concern}, and move up only if the numbers say so.",
    ];
    private static readonly string[] WhyTemplates =
    [
        "Buyers at {name} often treat {concern} as a reason for {approach}; it rarely is.",
        "{role} feel {concern} first, and {approach2} changes it without retraining.",
        "The {concern} argument sounds strong until {object} change {frequency}.",
        "It keeps the talk on {concern} and on who may read {object}, where identity helps.",
    ];
    private static readonly string[] SynonymTemplates =
        ["{adjective} {concern}", "{concern} for {object}", "{name} {concern}", "{concern} at scale",
         "{approach} {concern}", "too much {concern}", "{role} and {concern}", "{object} {frequency}",
         "{concern} worries", "{adjective} {object}"];

    private static readonly string[] Syllables =
        ["va", "ro", "nex", "quel", "ta", "bri", "sto", "lum", "dra", "ven", "kor", "pi", "zel", "mar", "tis",
         "ondo", "fra", "gal", "hem", "ix", "jor", "ku", "ly", "sen", "tru", "ul", "wex", "yo", "zan", "cre"];

    public static PlaybookContent Create(int phraseCount, PlaybookContent shipped)
    {
        var random = new Random(Seed);
        // Invented names grow with the playbook, as agency, product and programme names do in real content.
        var names = Enumerable.Range(0, Math.Max(20, phraseCount / 4)).Select(_ => Name(random)).Distinct().ToArray();
        var phrases = new Phrase[phraseCount];
        for (var i = 0; i < phraseCount; i++)
        {
            string Fill(string template) => template
                .Replace("{approach2}", Pick(random, Approaches))
                .Replace("{approach}", Pick(random, Approaches))
                .Replace("{concern}", Pick(random, Concerns))
                .Replace("{object}", Pick(random, Objects))
                .Replace("{adjective}", Pick(random, Adjectives))
                .Replace("{frequency}", Pick(random, Frequencies))
                .Replace("{role}", Pick(random, Roles))
                .Replace("{name}", Pick(random, names));

            var dontSay = Capitalise(Fill(Pick(random, DontSayTemplates)));
            phrases[i] = new Phrase
            {
                Id = $"generated-{i}",
                DontSay = dontSay,
                DoSay = Capitalise(Fill(Pick(random, DoSayTemplates))),
                Why = Capitalise(Fill(Pick(random, WhyTemplates))),
                Tags = [.. Enumerable.Range(0, random.Next(3, 7)).Select(_ => Pick(random, Concerns).Split(' ')[^1])
                    .Append(Pick(random, names)).Distinct()],
                Synonyms = [.. Enumerable.Range(0, random.Next(4, 13)).Select(_ => Fill(Pick(random, SynonymTemplates))).Distinct()],
                Approaches = ["prompting"],
                Source = "generated",
                Owner = "benchmarks",
                ReviewBy = new DateOnly(2030, 1, 1),
            };
        }
        return new PlaybookContent
        {
            Phrases = phrases,
            Glossary = shipped.Glossary,
            Analogies = shipped.Analogies,
            Approaches = shipped.Approaches,
        };
    }

    private static string Name(Random random)
    {
        var syllables = random.Next(2, 4);
        var name = string.Concat(Enumerable.Range(0, syllables).Select(_ => Pick(random, Syllables)));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
