using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CoachBot.Cli;

/// <summary>Draws replies in a terminal. Text from the playbook is always escaped: it is content, not markup.</summary>
public sealed class SpectreReplyWriter(IAnsiConsole console, bool plain = false)
{
    private readonly List<CardAction> _turnActions = [];

    /// <summary>
    /// The buttons of the last turn that showed any, in the order they were lettered (a, b, c...). Letters run on
    /// across the cards of one turn, so no two buttons on screen share one.
    /// </summary>
    public IReadOnlyList<CardAction> LastActions { get; private set; } = [];

    /// <summary>Starts lettering again from a) for the replies of a new turn.</summary>
    public void BeginTurn() => _turnActions.Clear();

    public void Write(Reply reply)
    {
        switch (reply)
        {
            case TextReply text:
                console.WriteLine(text.Text);
                break;
            case ChoicePrompt prompt:
                console.MarkupLine($"[bold]{Markup.Escape(prompt.Prompt)}[/]");
                for (var i = 0; i < prompt.Choices.Count; i++)
                    console.MarkupLine($"  [cyan]{i + 1})[/] {Markup.Escape(prompt.Choices[i].Label)}");
                break;
            case CardReply card:
                WriteCard(card.Card);
                break;
            case PostToDealChannel post:
                console.MarkupLine("[grey]In Teams or Slack this card is posted to the deal channel you choose. Here it is:[/]");
                WriteCard(post.Card);
                break;
        }
    }

    private void WriteCard(CoachCard card)
    {
        // Long titles (recommendation headlines) would be cut in the panel border: show them as the first line.
        var titleFits = card.Title.Length <= MaxHeaderLength;
        var rows = card.Blocks.Select(Render).ToList();
        if (!titleFits) rows.Insert(0, new Markup($"[bold]{Markup.Escape(card.Title)}[/]"));
        // A compact card's details are one more lettered button here: the terminal cannot fold them away.
        var actions = card.ActionsWithShowDetails;
        if (actions.Count > 0)
        {
            var first = _turnActions.Count;
            var buttons = actions.Select((a, i) => $"[cyan]{Letter(first + i)})[/] {Markup.Escape(a.Title)}");
            rows.Add(new Markup(string.Join("   ", buttons)));
        }
        console.Write(new Panel(new Rows(rows))
        {
            Header = titleFits ? new PanelHeader($" {Markup.Escape(card.Title)} ") : new PanelHeader($" {Markup.Escape(KindTitle(card.Kind))} "),
            Border = plain ? BoxBorder.Ascii : BoxBorder.Rounded,
            Expand = true,
        });
        if (actions.Count > 0)
        {
            _turnActions.AddRange(actions);
            LastActions = [.. _turnActions];
        }
    }

    /// <summary>The letter for the button at <paramref name="index"/> among this turn's: a to z.</summary>
    public static char Letter(int index) => (char)('a' + index);

    private const int MaxHeaderLength = 60;

    private static string KindTitle(string kind) => kind switch
    {
        "recommendation" => "Recommendation",
        "deal-summary" => "Deal summary",
        _ => "CoachBot",
    };

    private static IRenderable Render(CardBlock block) => block switch
    {
        HeadingBlock h => new Markup($"\n[bold underline]{Markup.Escape(h.Text)}[/]"),
        TextBlock { Style: TextStyle.Emphasis } t => new Markup($"[bold]{Markup.Escape(t.Text)}[/]"),
        TextBlock { Style: TextStyle.Subtle } t => new Markup($"[grey]{Markup.Escape(t.Text)}[/]"),
        TextBlock t => new Text(t.Text),
        FactsBlock f => Facts(f),
        BulletsBlock b => new Rows(b.Items.Select(i => new Markup($" \u2022 {Markup.Escape(i)}"))),
        NoteBlock { Tone: NoteTone.Caution } n => new Markup($"[yellow]! {Markup.Escape(n.Text)}[/]"),
        NoteBlock n => new Markup($"[blue]i {Markup.Escape(n.Text)}[/]"),
        PhraseBlock p => new Rows(
            new Markup($"[red]Don't say:[/] {Markup.Escape(p.DontSay)}"),
            new Markup($"[green]Do say:[/]    [bold]{Markup.Escape(p.DoSay)}[/]"),
            p.Why is null ? Text.Empty : new Markup($"[grey]{Markup.Escape(p.Why)}[/]")),
        TableBlock t => Table(t),
        _ => Text.Empty,
    };

    private static Grid Facts(FactsBlock facts)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var fact in facts.Facts) grid.AddRow(new Markup($"[bold]{Markup.Escape(fact.Label)}[/]"), new Text(fact.Value));
        return grid;
    }

    private static Table Table(TableBlock block)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in block.Columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in block.Rows) table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        return table;
    }
}
