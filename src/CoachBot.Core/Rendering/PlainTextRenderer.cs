using System.Globalization;
using System.Text;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;

namespace CoachBot.Core.Rendering;

/// <summary>
/// Plain text for the terminal and for notification fallbacks. It carries no colour or control codes: the
/// CLI adds colour itself, and control characters in content are dropped so text cannot drive a terminal.
/// Lines end with "\n".
/// </summary>
public sealed class PlainTextRenderer
{
    public string Render(Reply reply) => reply switch
    {
        TextReply text => string.Join('\n', Lines(text.Text)),
        ChoicePrompt prompt => Render(prompt),
        CardReply card => Render(card.Card),
        PostToDealChannel post => $"For the deal channel of {OneLine(post.AccountName)}:\n\n{Render(post.Card)}",
        _ => throw new NotSupportedException($"The plain text renderer has no rendering for {reply.GetType().Name}."),
    };

    public string Render(CoachCard card)
    {
        var title = OneLine(card.Title);
        List<string> sections = [$"{title}\n{new string('=', Width(title))}"];
        sections.AddRange(card.Blocks.Select(Render).Where(text => text.Length > 0));
        var actions = card.ActionsWithShowDetails;
        if (actions.Count > 0)
            sections.Add("Type one of: " + string.Join(", ", actions.Select(action => $"\"{OneLine(action.Title)}\"")));
        return string.Join("\n\n", sections);
    }

    /// <summary>The question and its choices numbered as the seller may type them.</summary>
    public string Render(ChoicePrompt prompt)
    {
        var choices = prompt.Choices.Select((choice, i) => $"{i + 1}) {OneLine(choice.Label)}");
        return $"{string.Join('\n', Lines(prompt.Prompt))}\n\n{string.Join('\n', choices)}\n\nType a number or an answer.";
    }

    private static string Render(CardBlock block) => block switch
    {
        HeadingBlock heading => $"{OneLine(heading.Text)}\n{new string('-', Width(OneLine(heading.Text)))}",
        TextBlock text => string.Join('\n', Lines(text.Text)),
        FactsBlock facts => Aligned(facts.Facts.Select(fact => (fact.Label, fact.Value))),
        BulletsBlock bullets => string.Join('\n', bullets.Items.Select(item => Hanging("- ", item))),
        NoteBlock note => Hanging(note.Tone == NoteTone.Caution ? "! " : "Note: ", note.Text),
        PhraseBlock phrase => Aligned(
            [(CardLabels.DontSay, phrase.DontSay), (CardLabels.DoSay, phrase.DoSay), .. Why(phrase.Why)]),
        TableBlock table => Table(table),
        _ => throw new NotSupportedException($"The plain text renderer has no rendering for {block.GetType().Name}."),
    };

    private static IEnumerable<(string, string)> Why(string? why) =>
        string.IsNullOrWhiteSpace(why) ? [] : [(CardLabels.Why, why)];

    /// <summary>"Label: value" lines with the values in one column.</summary>
    private static string Aligned(IEnumerable<(string Label, string Value)> pairs)
    {
        var rows = pairs.Select(pair => (Label: OneLine(pair.Label) + ":", pair.Value)).ToList();
        if (rows.Count == 0)
            return "";
        var width = rows.Max(row => Width(row.Label)) + 1;
        return string.Join('\n', rows.Select(row => Hanging(Pad(row.Label, width), row.Value)));
    }

    private static string Table(TableBlock table)
    {
        var (header, rows) = TableShape.Rectangular(table);
        if (header.Count == 0)
            return "";
        List<IReadOnlyList<string>> cells = [header.Select(OneLine).ToList(), .. rows.Select(row => row.Select(OneLine).ToList())];
        var widths = Enumerable.Range(0, header.Count).Select(column => cells.Max(row => Width(row[column]))).ToList();
        var lines = cells.Select(row => string.Join("  ", row.Select((cell, column) => Pad(cell, widths[column]))).TrimEnd()).ToList();
        lines.Insert(1, string.Join("  ", widths.Select(width => new string('-', width))));
        return string.Join('\n', lines);
    }

    /// <summary>The prefix on the first line, continuation lines indented under the text.</summary>
    private static string Hanging(string prefix, string text)
    {
        var indent = new string(' ', Width(prefix));
        var lines = Lines(text).DefaultIfEmpty("");
        return string.Join('\n', lines.Select((line, i) => (i == 0 ? prefix : indent) + line)).TrimEnd();
    }

    private static IEnumerable<string> Lines(string text) =>
        Clean(text).Split('\n').Select(line => line.TrimEnd()).SkipWhile(line => line.Length == 0).Reverse()
            .SkipWhile(line => line.Length == 0).Reverse();

    private static string OneLine(string text) =>
        string.Join(' ', Clean(text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // Tabs become spaces so alignment holds; every other control character (ESC, BEL, CR, ...) is dropped.
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\t')
                clean.Append(' ');
            else if (c == '\n' || !char.IsControl(c))
                clean.Append(c);
        }
        return clean.ToString();
    }

    private static int Width(string text) => new StringInfo(text).LengthInTextElements;

    private static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - Width(text)));
}
