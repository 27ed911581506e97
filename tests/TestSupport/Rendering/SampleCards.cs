using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;

namespace CoachBot.TestSupport.Rendering;

/// <summary>Cards and prompts that exercise every part of the card model, for the tests of every renderer.</summary>
public static class SampleCards
{
    /// <summary>The command button data in the wire form stands for (as a channel parses a click).</summary>
    public static CardCommand Command(params (string Key, string Value)[] pairs) =>
        CardCommand.Parse(pairs.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Every block type, both text styles besides normal, both note tones, both action styles.</summary>
    public static CoachCard EveryBlock() => new(
        "recommendation",
        "Recommendation: RAG",
        [
            new HeadingBlock("Why RAG fits"),
            new TextBlock("The buyer's problem is knowledge: answers must come from their own documents."),
            new TextBlock("Their data changes every week.", TextStyle.Emphasis),
            new TextBlock("Based on the seller's answers.", TextStyle.Subtle),
            new FactsBlock([new Fact("Cost", "$1K–$1M+"), new Fact("Time to value", "Weeks")]),
            new BulletsBlock(["Connects to live documents", "Cites its sources", "Respects who may see what"]),
            new NoteBlock("Figures are indicative: verify before quoting.", NoteTone.Caution),
            new NoteBlock("Ask which systems hold the answers.", NoteTone.Info),
            new PhraseBlock("fine-tune-knowledge", "You need to fine-tune the model.", "Let's connect the model to your documents.", "Fine-tuning changes behaviour, not knowledge."),
            new TableBlock(
                ["Approach", "Cost", "Changes"],
                [["Prompting", "Low", "Instructions"], ["RAG", "Medium", "What it knows"], ["Fine-tuning", "High", "How it responds"]]),
        ],
        [
            new CardAction("Post summary", Command((ActionKeys.Action, ActionKeys.PostSummary), (ActionKeys.Recommendation, "rag")), ActionStyle.Primary),
            new CardAction("Start over", Command((ActionKeys.Action, ActionKeys.StartOver))),
        ])
    { Summary = "RAG: the buyer needs knowledge, not new behaviour." };

    public static ChoicePrompt NeedPrompt() => new(
        "need",
        "What does the buyer want to change?",
        [
            new PromptChoice("behavior", "How the model responds (tone, format)", "How it responds"),
            new PromptChoice("knowledge", "What the model knows (their documents)", "What it knows"),
            new PromptChoice("both", "Both", "Both"),
            new PromptChoice("unsure", "Not sure yet", "Not sure"),
        ]);

    /// <summary>Text that means something in markdown, mrkdwn or HTML, and a terminal escape.</summary>
    public const string HostileText = "[click](https://evil.example) <@U123> <!channel> & *bold* _it_ \u001b[31mred";

    public static CoachCard HostileCard() => new(
        "hostile",
        HostileText,
        [
            new HeadingBlock(HostileText),
            new TextBlock(HostileText),
            new FactsBlock([new Fact(HostileText, HostileText)]),
            new BulletsBlock([HostileText]),
            new NoteBlock(HostileText),
            new PhraseBlock("p", HostileText, HostileText, HostileText),
            new TableBlock([HostileText], [[HostileText]]),
        ],
        [new CardAction(HostileText, new CardCommand.Lookup(HostileText))]);

    /// <summary>Far past every Block Kit limit: 200 bullets, a 5,000-character text, 40 actions.</summary>
    public static CoachCard Oversized() => new(
        "oversized",
        new string('T', 400),
        [
            new HeadingBlock(new string('H', 4000)),
            new TextBlock(new string('x', 5000)),
            new BulletsBlock(Enumerable.Range(1, 200).Select(i => $"Bullet {i}: " + new string('b', 1000)).ToList()),
            new FactsBlock(Enumerable.Range(1, 25).Select(i => new Fact($"Label {i}", new string('v', 2500))).ToList()),
            new TableBlock(
                Enumerable.Range(1, 14).Select(i => $"Column {i}").ToList(),
                [Enumerable.Range(1, 14).Select(i => $"Cell {i}").ToList()]),
        ],
        Enumerable.Range(1, 40)
            .Select(i => new CardAction($"Action {i} " + new string('a', 100), new CardCommand.Answer("act", $"{i}")))
            .ToList());
}

/// <summary>A block kind no renderer knows, standing in for one added to the model but not to a renderer.</summary>
public sealed record UnknownBlock : CardBlock;
