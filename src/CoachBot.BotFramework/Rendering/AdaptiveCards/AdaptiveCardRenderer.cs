using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;

namespace CoachBot.BotFramework.Rendering.AdaptiveCards;

/// <summary>How card buttons reach the bot.</summary>
public enum AdaptiveActionKind
{
    /// <summary>Action.Submit: works in every host (Teams, Web Chat, Emulator).</summary>
    Submit,
    /// <summary>Action.Execute with verb = the action name: Teams Universal Actions (adaptiveCard/action invokes).</summary>
    Execute,
}

/// <summary>
/// Turns the neutral card model into Adaptive Card 1.5 (Teams, Web Chat).
/// All content text goes into TextRuns, which hosts never read as markdown: a buyer's words or an account
/// name cannot turn into a link or a list, on any host. Backslash-escaping TextBlock markdown is not an
/// alternative because hosts disagree on it (some mobile clients show the backslashes).
/// For the same reason facts are a two-column Table rather than a FactSet, whose strings are markdown.
/// </summary>
public sealed class AdaptiveCardRenderer(AdaptiveActionKind actionKind = AdaptiveActionKind.Submit)
{
    private readonly AdaptiveActionKind _actionKind = Enum.IsDefined(actionKind)
        ? actionKind
        : throw new ArgumentOutOfRangeException(nameof(actionKind), actionKind, "Unknown Adaptive Card action kind.");

    /// <summary>
    /// The card; a compact card's details ride along in an Action.ShowCard, which the host unfolds in place
    /// without a round trip to the bot.
    /// </summary>
    public AdaptiveCard Render(CoachCard card)
    {
        List<AdaptiveElement> body = [Line(card.Title, Title)];
        body.AddRange(card.Blocks.SelectMany(Render));
        List<AdaptiveAction> actions = [.. card.Actions.Select(Button)];
        if (card.Details is { } details)
            actions.Add(new AdaptiveShowCardAction { Title = details.Show.Title, Card = new AdaptiveCard([.. details.Blocks.SelectMany(Render)], []) });
        return new AdaptiveCard(body, actions) { FallbackText = card.Summary };
    }

    /// <summary>The question with one numbered button per choice.</summary>
    public AdaptiveCard Render(ChoicePrompt prompt) =>
        new(Lines(prompt.Prompt, Plain), PromptActions.For(prompt).Select(Button).ToList()) { FallbackText = prompt.Prompt };

    private static IEnumerable<AdaptiveElement> Render(CardBlock block) => block switch
    {
        HeadingBlock heading => [Line(heading.Text, Heading) with { Spacing = AdaptiveSpacing.Medium }],
        TextBlock text => Lines(text.Text, RunStyle(text.Style)),
        FactsBlock facts => facts.Facts.Count == 0 ? [] : [Facts(facts)],
        BulletsBlock bullets => bullets.Items.Count == 0
            ? []
            : [new AdaptiveContainer(bullets.Items.Select(item => Line("• " + item, Plain)).ToList())],
        NoteBlock note => [new AdaptiveContainer(Lines(note.Text, Plain)) { Style = NoteStyle(note.Tone) }],
        PhraseBlock phrase => [Phrase(phrase)],
        TableBlock table => [Table(table)],
        _ => throw new NotSupportedException($"The Adaptive Card renderer has no rendering for {block.GetType().Name}."),
    };

    private static AdaptiveTable Facts(FactsBlock facts) =>
        new([new AdaptiveTableColumn(1), new AdaptiveTableColumn(2)],
            facts.Facts
                .Select(fact => new AdaptiveTableRow([Cell([Line(fact.Label, Bold)]), Cell(Lines(fact.Value, Plain))]))
                .ToList(),
            FirstRowAsHeader: false,
            ShowGridLines: false);

    private static AdaptiveContainer Phrase(PhraseBlock phrase)
    {
        List<AdaptiveElement> items =
        [
            new AdaptiveRichTextBlock(
            [
                new AdaptiveTextRun($"{CardLabels.DontSay}: ") { IsSubtle = true },
                new AdaptiveTextRun(OneLine(phrase.DontSay)) { IsSubtle = true, Strikethrough = true },
            ]),
            new AdaptiveRichTextBlock(
            [
                new AdaptiveTextRun($"{CardLabels.DoSay}: ") { Weight = AdaptiveTextWeight.Bolder },
                new AdaptiveTextRun(OneLine(phrase.DoSay)) { Weight = AdaptiveTextWeight.Bolder },
            ]),
        ];
        if (!string.IsNullOrWhiteSpace(phrase.Why))
            items.Add(Line($"{CardLabels.Why}: {phrase.Why}", Subtle));
        return new AdaptiveContainer(items);
    }

    private static AdaptiveTable Table(TableBlock table)
    {
        var (header, rows) = TableShape.Rectangular(table);
        List<AdaptiveTableRow> tableRows = [new(header.Select(column => Cell([Line(column, Bold)])).ToList())];
        tableRows.AddRange(rows.Select(row => new AdaptiveTableRow(row.Select(cell => Cell(Lines(cell, Plain))).ToList())));
        return new AdaptiveTable(
            header.Select(_ => new AdaptiveTableColumn(1)).ToList(), tableRows, FirstRowAsHeader: true, ShowGridLines: true);
    }

    private AdaptiveAction Button(CardAction action) => _actionKind == AdaptiveActionKind.Execute
        ? new AdaptiveExecuteAction
        {
            Title = action.Title, Data = action.Command.ToData(), Style = ButtonStyle(action.Style), Verb = action.Command.Name,
        }
        : new AdaptiveSubmitAction { Title = action.Title, Data = action.Command.ToData(), Style = ButtonStyle(action.Style) };

    private static AdaptiveTableCell Cell(IReadOnlyList<AdaptiveElement> items) => new(items);

    // TextRuns do not promise to honour line breaks, so each line of a text becomes its own block.
    private static IReadOnlyList<AdaptiveElement> Lines(string text, Func<string, AdaptiveTextRun> run) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => (AdaptiveElement)new AdaptiveRichTextBlock([run(line)]))
            .ToList();

    private static AdaptiveRichTextBlock Line(string text, Func<string, AdaptiveTextRun> run) => new([run(OneLine(text))]);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static AdaptiveTextRun Plain(string text) => new(text);
    private static AdaptiveTextRun Bold(string text) => new(text) { Weight = AdaptiveTextWeight.Bolder };
    private static AdaptiveTextRun Subtle(string text) => new(text) { IsSubtle = true };
    // Medium, not large: headlines run to a hundred characters, and at large they alone filled a third of a phone's
    // screen (e2e/webchat, the 360 px test).
    private static AdaptiveTextRun Title(string text) => new(text) { Weight = AdaptiveTextWeight.Bolder, Size = AdaptiveTextSize.Medium };
    private static AdaptiveTextRun Heading(string text) => new(text) { Weight = AdaptiveTextWeight.Bolder, Size = AdaptiveTextSize.Medium };

    private static Func<string, AdaptiveTextRun> RunStyle(TextStyle style) => style switch
    {
        TextStyle.Emphasis => Bold,
        TextStyle.Subtle => Subtle,
        _ => Plain,
    };

    private static AdaptiveContainerStyle NoteStyle(NoteTone tone) =>
        tone == NoteTone.Caution ? AdaptiveContainerStyle.Warning : AdaptiveContainerStyle.Emphasis;

    private static AdaptiveActionStyle? ButtonStyle(ActionStyle style) =>
        style == ActionStyle.Primary ? AdaptiveActionStyle.Positive : null;
}
