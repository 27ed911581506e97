using System.Text;
using System.Text.Json;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using static CoachBot.Slack.Rendering.BlockKit.BlockKitLimits;

namespace CoachBot.Slack.Rendering.BlockKit;

/// <summary>
/// Turns replies and the neutral card model into Slack Block Kit payloads that respect Slack's limits
/// (protocol-slack.md §6): over-long text is cut with an ellipsis, long lists spill into further
/// sections, and a message never has more blocks than Slack accepts. Every message carries a top-level
/// text for notifications and screen readers.
/// </summary>
public sealed class BlockKitRenderer
{
    public SlackMessage Render(Reply reply) => reply switch
    {
        TextReply text => new SlackMessage(
            SlackTextLimits.Mrkdwn(text.Text, FallbackText), Fit([.. Sections(Lines(text.Text))], [], MessageBlocks)),
        ChoicePrompt prompt => Render(prompt),
        CardReply card => Render(card.Card),
        PostToDealChannel post => Render(post.Card),
        _ => throw new NotSupportedException($"The Block Kit renderer has no rendering for {reply.GetType().Name}."),
    };

    public SlackMessage Render(CoachCard card) => new(FallbackTextFor(card), CardBlocks(card, MessageBlocks));

    /// <summary>The question and one numbered button per choice.</summary>
    public SlackMessage Render(ChoicePrompt prompt) => new(
        SlackTextLimits.Mrkdwn(prompt.Prompt, FallbackText),
        Fit([.. Sections(Lines(prompt.Prompt))], ActionBlocks(PromptActions.For(prompt)), MessageBlocks));

    /// <summary>The card's blocks for a modal or the App Home tab, which allow more blocks than a message.</summary>
    public IReadOnlyList<SlackBlock> RenderModalBlocks(CoachCard card) => CardBlocks(card.WithDetailsShown(), SurfaceBlocks);

    /// <summary>The top-level text of a card message: what notifications show and screen readers read.</summary>
    public static string FallbackTextFor(CoachCard card) => SlackTextLimits.Mrkdwn(
        card.Summary == card.Title || string.IsNullOrWhiteSpace(card.Summary) ? card.Title : $"{card.Title}: {card.Summary}",
        FallbackText);

    private static IReadOnlyList<SlackBlock> CardBlocks(CoachCard card, int maxBlocks)
    {
        List<SlackBlock> content = [];
        if (!string.IsNullOrWhiteSpace(card.Title))
            content.Add(new HeaderBlock(new PlainText(SlackTextLimits.Plain(OneLine(card.Title), HeaderText))));
        foreach (var block in card.Blocks)
            content.AddRange(Render(block));
        // Slack cannot fold blocks away: a compact card's details are a "Show details" button the coach answers.
        var actions = ActionBlocks(card.ActionsWithShowDetails);
        return Fit(content, actions.Count == 0 ? [] : [new DividerBlock(), .. actions], maxBlocks);
    }

    private static IEnumerable<SlackBlock> Render(CardBlock block) => block switch
    {
        HeadingBlock heading => Sections([Bold(OneLine(heading.Text), SectionText)]),
        TextBlock { Style: TextStyle.Subtle } text => Contexts(RawLines(text.Text)),
        TextBlock { Style: TextStyle.Emphasis } text => Sections(RawLines(text.Text).Select(line => Bold(line, SectionText))),
        TextBlock text => Sections(Lines(text.Text)),
        FactsBlock facts => FieldSections(null, facts.Facts.Select(fact => Field(fact.Label, fact.Value)).ToList()),
        BulletsBlock bullets => Sections(bullets.Items.Select(item => "• " + SlackTextLimits.Mrkdwn(OneLine(item), SectionText - 2))),
        NoteBlock note => Sections(Note(note)),
        PhraseBlock phrase => Phrase(phrase),
        TableBlock table => Table(table),
        _ => throw new NotSupportedException($"The Block Kit renderer has no rendering for {block.GetType().Name}."),
    };

    private static IEnumerable<string> Note(NoteBlock note)
    {
        var icon = note.Tone == NoteTone.Caution ? ":warning: " : ":information_source: ";
        var lines = RawLines(note.Text).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        if (lines.Count == 0)
            return [];
        return [icon + SlackTextLimits.Mrkdwn(lines[0], SectionText - icon.Length), .. lines.Skip(1).Select(line => SlackTextLimits.Mrkdwn(line, SectionText))];
    }

    private static SlackBlock[] Phrase(PhraseBlock phrase) => PhraseRenderings.GetOrRender(phrase, RenderPhrase);

    private static SlackBlock[] RenderPhrase(PhraseBlock phrase)
    {
        // Half the section each, so both sentences always fit with their labels.
        const int sentence = SectionText / 2 - 40;
        var dontSay = SlackTextLimits.Mrkdwn(OneLine(phrase.DontSay).Trim(), sentence);
        var doSay = Bold(OneLine(phrase.DoSay), sentence);
        var section = new SectionBlock(new MrkdwnText($"*{CardLabels.DontSay}:* ~{dontSay}~\n*{CardLabels.DoSay}:* {doSay}"), null);
        return string.IsNullOrWhiteSpace(phrase.Why) ? [section] : [section, .. Contexts([$"{CardLabels.Why}: {phrase.Why}"])];
    }

    // Slack has no table block for messages: each row becomes a section headed by its first cell, with
    // the other cells as labelled fields.
    private static IEnumerable<SlackBlock> Table(TableBlock table)
    {
        var (header, rows) = TableShape.Rectangular(table);
        return rows.SelectMany(row =>
        {
            var text = string.IsNullOrWhiteSpace(row[0]) ? null : new MrkdwnText(Bold(OneLine(row[0]), SectionText));
            var fields = row.Skip(1)
                .Select((cell, i) => (Label: header[i + 1], Cell: cell))
                .Where(c => !string.IsNullOrWhiteSpace(c.Label) || !string.IsNullOrWhiteSpace(c.Cell))
                .Select(c => Field(c.Label, c.Cell))
                .ToList();
            return FieldSections(text, fields);
        });
    }

    private static IEnumerable<SlackBlock> FieldSections(MrkdwnText? text, IReadOnlyList<SlackText> fields)
    {
        if (fields.Count == 0)
            return text is null ? [] : [new SectionBlock(text, null)];
        return fields.Chunk(SectionFields).Select((chunk, i) => new SectionBlock(i == 0 ? text : null, chunk));
    }

    private static MrkdwnText Field(string label, string value)
    {
        var labelText = string.IsNullOrWhiteSpace(label) ? "" : Bold(OneLine(label), FieldText / 2);
        if (string.IsNullOrWhiteSpace(value))
            return new MrkdwnText(labelText);
        var separator = labelText.Length == 0 ? "" : "\n";
        return new MrkdwnText(labelText + separator + SlackTextLimits.Mrkdwn(value, FieldText - labelText.Length - separator.Length));
    }

    private static IReadOnlyList<SlackBlock> ActionBlocks(IReadOnlyList<CardAction> actions) => actions.Count == 0 ? [] :
        actions.Select(Button).Chunk(ActionsElements).Select(buttons => (SlackBlock)new ActionsBlock(buttons)).ToList();

    // action_id only has to be unique within the message; the index makes it so, the name makes logs readable.
    private static ButtonElement Button(CardAction action, int index)
    {
        var suffix = $"-{index + 1}";
        var name = action.Command.Name.Length == 0 ? "action" : action.Command.Name;
        return new ButtonElement(
            new PlainText(SlackTextLimits.Plain(OneLine(action.Title), ButtonText)),
            SlackTextLimits.Plain(name, ActionId - suffix.Length) + suffix,
            ButtonValue(action.Command.ToData()))
        {
            Style = action.Style == ActionStyle.Primary ? "primary" : null,
        };
    }

    /// <summary>
    /// The command's data as compact JSON (<see cref="CardCommand.ToData"/>, read back by
    /// <see cref="SlackReplyRenderer.ReadCommand"/>). Data only exceeds Slack's limit when a value carries the seller's
    /// own long text (a query); then the longest values are shortened until it fits, so the button still works.
    /// </summary>
    private static string ButtonValue(IReadOnlyDictionary<string, string> data)
    {
        var values = data.ToDictionary();
        while (true)
        {
            var json = JsonSerializer.Serialize(values, BlockKitJson.SerializerOptions);
            if (json.Length <= BlockKitLimits.ButtonValue)
                return json;
            var longest = values.MaxBy(pair => pair.Value.Length);
            if (longest.Value.Length == 0)
                throw new ArgumentException($"Action data keys alone exceed Slack's {BlockKitLimits.ButtonValue}-character button value.", nameof(data));
            var keep = longest.Value.Length - (json.Length - BlockKitLimits.ButtonValue) - SlackTextLimits.Ellipsis.Length;
            values[longest.Key] = keep <= 0 ? "" : SlackTextLimits.Plain(longest.Value, keep);
        }
    }

    /// <summary>
    /// Keeps the message within <paramref name="maxBlocks"/>. The tail (the buttons) is how the seller moves
    /// on, so content is cut first, and a last context block says how much was left out.
    /// </summary>
    private static IReadOnlyList<SlackBlock> Fit(IReadOnlyList<SlackBlock> content, IReadOnlyList<SlackBlock> tail, int maxBlocks)
    {
        if (content.Count + tail.Count <= maxBlocks)
            return [.. content, .. tail];
        var keptTail = tail.Take(maxBlocks - 2).ToList();
        var keptContent = content.Take(maxBlocks - keptTail.Count - 1).ToList();
        var omitted = content.Count - keptContent.Count + tail.Count - keptTail.Count;
        return [.. keptContent, new ContextBlock([new MrkdwnText($"{SlackTextLimits.Ellipsis} {omitted} more blocks not shown in Slack.")]), .. keptTail];
    }

    private static IEnumerable<SlackBlock> Sections(IEnumerable<string> lines) =>
        Pack(lines).Select(text => new SectionBlock(new MrkdwnText(text), null));

    private static IEnumerable<SlackBlock> Contexts(IEnumerable<string> lines) =>
        Pack(lines.Select(line => SlackTextLimits.Mrkdwn(line, SectionText))).Select(text => new ContextBlock([new MrkdwnText(text)]));

    /// <summary>Joins lines (each already within the limit) into as few section texts as the limit allows; none blank.</summary>
    private static List<string> Pack(IEnumerable<string> lines)
    {
        var texts = new List<string>();
        // Most texts are a single line: it is kept as it is, and a builder is only made to join a second one.
        string? single = null;
        StringBuilder? joined = null;
        foreach (var line in lines)
        {
            var length = joined?.Length ?? single?.Length ?? 0;
            if (length > 0 && length + 1 + line.Length > SectionText)
            {
                Flush();
                length = 0;
            }
            if (length == 0)
            {
                if (!string.IsNullOrWhiteSpace(line))
                    single = line;
                continue;
            }
            joined ??= new StringBuilder(single);
            single = null;
            joined.Append('\n').Append(line);
        }
        Flush();
        return texts;

        void Flush()
        {
            var text = joined?.ToString() ?? single;
            if (!string.IsNullOrWhiteSpace(text))
                texts.Add(text.TrimEnd());
            single = null;
            joined = null;
        }
    }

    private static IEnumerable<string> RawLines(string text) =>
        text.Contains('\n') ? text.Split('\n').Select(line => line.TrimEnd('\r')) : [text.TrimEnd('\r')];

    /// <summary>The lines of a text, escaped, each within a section.</summary>
    private static IEnumerable<string> Lines(string text) => RawLines(text).Select(line => SlackTextLimits.Mrkdwn(line, SectionText));

    /// <summary>Bold mrkdwn: Slack only bolds when the asterisks touch the text, so it is trimmed.</summary>
    private static string Bold(string raw, int maxLength) =>
        string.IsNullOrWhiteSpace(raw) ? "" : $"*{SlackTextLimits.Mrkdwn(raw.Trim(), maxLength - 2)}*";

    private static string OneLine(string text) =>
        text.AsSpan().ContainsAny('\r', '\n') ? string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)) : text;
}
