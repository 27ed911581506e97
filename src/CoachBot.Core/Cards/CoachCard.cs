namespace CoachBot.Core.Cards;

// One neutral card model. Core renders it as plain text (Rendering/); each channel renders it in its own format
// (CoachBot.BotFramework: Adaptive Card 1.5, CoachBot.Slack: Block Kit).
// Blocks are deliberately few and semantic so every channel can show each of them faithfully.

/// <summary>A card the coach shows. <see cref="Kind"/> names it for renderers and tests ("recommendation", "prep", ...).</summary>
public sealed record CoachCard(
    string Kind,
    string Title,
    IReadOnlyList<CardBlock> Blocks,
    IReadOnlyList<CardAction> Actions)
{
    /// <summary>Plain one-line summary for notifications and channels that cannot show cards.</summary>
    public string Summary { get; init; } = Title;

    /// <summary>
    /// The rest of a card whose <see cref="Blocks"/> are its compact form, or null for a card shown whole. A channel
    /// that can fold content away keeps the details in the card behind <see cref="CardDetails.Show"/>'s title
    /// (Adaptive Cards: Action.ShowCard); the others show <see cref="CardDetails.Show"/> as one more button, which
    /// asks the coach for the whole card (<see cref="WithDetailsShown"/>).
    /// </summary>
    public CardDetails? Details { get; init; }

    /// <summary>The buttons of a channel that cannot fold details away: the card's own, then "Show details".</summary>
    public IReadOnlyList<CardAction> ActionsWithShowDetails => Details is null ? Actions : [.. Actions, Details.Show];

    /// <summary>The whole card: the compact blocks followed by the details, with no "Show details" left.</summary>
    public CoachCard WithDetailsShown() => Details is null ? this : this with { Blocks = [.. Blocks, .. Details.Blocks], Details = null };
}

/// <summary>What a compact card keeps behind "Show details", and the button that shows it.</summary>
public sealed record CardDetails(IReadOnlyList<CardBlock> Blocks, CardAction Show);

public abstract record CardBlock;

/// <summary>A section heading inside the card.</summary>
public sealed record HeadingBlock(string Text) : CardBlock;

/// <summary>A paragraph of plain text (no markup: renderers escape it for their channel).</summary>
public sealed record TextBlock(string Text, TextStyle Style = TextStyle.Normal) : CardBlock;

public enum TextStyle { Normal, Emphasis, Subtle }

/// <summary>Label/value pairs ("Cost", "$1K–$1M+").</summary>
public sealed record FactsBlock(IReadOnlyList<Fact> Facts) : CardBlock;

public sealed record Fact(string Label, string Value);

/// <summary>A bulleted list.</summary>
public sealed record BulletsBlock(IReadOnlyList<string> Items) : CardBlock;

/// <summary>A callout that must stand out: a caveat, a "verify before quoting" note, a warning.</summary>
public sealed record NoteBlock(string Text, NoteTone Tone = NoteTone.Info) : CardBlock;

public enum NoteTone { Info, Caution }

/// <summary>A don't-say / do-say pair.</summary>
public sealed record PhraseBlock(string PhraseId, string DontSay, string DoSay, string? Why) : CardBlock;

/// <summary>A small table (the approaches side by side). The first row is the header.</summary>
public sealed record TableBlock(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : CardBlock;

/// <summary>A button. Its <see cref="Command"/> comes back as the utterance's command when it is clicked.</summary>
public sealed record CardAction(string Title, CardCommand Command, ActionStyle Style = ActionStyle.Default);

public enum ActionStyle { Default, Primary }
