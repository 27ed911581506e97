using System.Text;
using CoachBot.Core.Cards;

namespace CoachBot.Cli;

/// <summary>
/// A card as a Markdown document, to paste into meeting notes (`coachbot prep --markdown`). Content is escaped so
/// that playbook text stays text: an asterisk, underscore or bracket in it never turns into emphasis or a link.
/// Buttons are left out: a document has nothing to press. Lines end with "\n".
/// </summary>
public static class MarkdownRenderer
{
    public static string Render(CoachCard card)
    {
        var sections = new List<string> { $"# {Inline(card.Title)}" };
        sections.AddRange(card.WithDetailsShown().Blocks.Select(Render).Where(text => text.Length > 0));
        return string.Join("\n\n", sections) + "\n";
    }

    private static string Render(CardBlock block) => block switch
    {
        HeadingBlock heading => $"## {Inline(heading.Text)}",
        TextBlock { Style: TextStyle.Emphasis } text => $"**{Inline(text.Text)}**",
        TextBlock { Style: TextStyle.Subtle } text => $"*{Inline(text.Text)}*",
        TextBlock text => Inline(text.Text),
        FactsBlock facts => string.Join('\n', facts.Facts.Select(fact => $"- **{Inline(fact.Label)}:** {Inline(fact.Value)}")),
        BulletsBlock bullets => string.Join('\n', bullets.Items.Select(item => $"- {Inline(item)}")),
        NoteBlock note => $"> **{(note.Tone == NoteTone.Caution ? "Caution" : "Note")}:** {Inline(note.Text)}",
        PhraseBlock phrase => $"- {CardLabels.DontSay}: ~~{Inline(phrase.DontSay)}~~\n  **{CardLabels.DoSay}:** {Inline(phrase.DoSay)}"
            + (string.IsNullOrWhiteSpace(phrase.Why) ? "" : $"\n  *{CardLabels.Why}: {Inline(phrase.Why)}*"),
        TableBlock table => Table(table),
        _ => throw new NotSupportedException($"The Markdown renderer has no rendering for {block.GetType().Name}."),
    };

    private static string Table(TableBlock table)
    {
        var (header, rows) = TableShape.Rectangular(table);
        if (header.Count == 0) return "";
        var lines = new List<string>
        {
            Row(header),
            Row(header.Select(_ => "---").ToList(), escape: false),
        };
        lines.AddRange(rows.Select(row => Row(row)));
        return string.Join('\n', lines);

        static string Row(IReadOnlyList<string> cells, bool escape = true) =>
            "| " + string.Join(" | ", cells.Select(cell => escape ? Inline(cell) : cell)) + " |";
    }

    /// <summary>One line of text with every character Markdown could read as markup escaped; control characters dropped.</summary>
    private static string Inline(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var escaped = new StringBuilder(flat.Length + 8);
        foreach (var c in flat)
        {
            if (char.IsControl(c)) continue;
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '!') escaped.Append('\\');
            escaped.Append(c);
        }
        // A line that starts like a list item or an ordered list would become one.
        var result = escaped.ToString();
        if (result.Length > 0 && result[0] is '-' or '+') result = "\\" + result;
        var digits = result.TakeWhile(char.IsAsciiDigit).Count();
        if (digits > 0 && digits < result.Length && result[digits] is '.' or ')') result = result[..digits] + "\\" + result[digits..];
        return result;
    }
}
