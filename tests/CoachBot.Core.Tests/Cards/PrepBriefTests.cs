using CoachBot.Core.Cards;
using CoachBot.Core.Playbook;
using CoachBot.Core.Tests.Dialogs;

namespace CoachBot.Core.Tests.Cards;

public class PrepBriefTests
{
    private static readonly PlaybookContent Playbook = Transcript.Playbook;
    private static readonly CoachCard Brief = new CardFactory(Playbook).Prep();

    private static IReadOnlyList<CardBlock> Section(string heading) =>
        [.. Brief.Blocks.SkipWhile(b => b is not HeadingBlock h || h.Text != heading).Skip(1).TakeWhile(b => b is not HeadingBlock)];

    [Fact]
    public void Lines_to_use_are_the_lines_the_playbook_picks_for_a_meeting_not_the_first_in_the_file()
    {
        var lines = Assert.IsType<BulletsBlock>(Assert.Single(Section("Lines to use"))).Items;
        var picked = Playbook.Phrases.Where(p => p.Prep).ToList();

        Assert.Equal(picked.Select(p => p.DoSay), lines);
        Assert.InRange(lines.Count, 3, 6);
        Assert.NotEqual(Playbook.Phrases.Take(lines.Count).Select(p => p.DoSay), lines);
        Assert.All(picked, p => Assert.Empty(p.Asks));
    }

    [Fact]
    public void Every_analogy_comes_with_its_line_to_use_and_where_it_breaks()
    {
        var items = Assert.IsType<BulletsBlock>(Assert.Single(Section("Okta analogies: the line to use, and where it breaks"))).Items;
        Assert.Equal(Playbook.Analogies.Count, items.Count);
        Assert.All(Playbook.Analogies.Zip(items), pair =>
        {
            var (analogy, item) = pair;
            Assert.Contains(analogy.Concept, item);
            Assert.Contains($"Say to the buyer: \u201c{analogy.BuyerLine}\u201d", item);
            Assert.EndsWith($"Where it breaks: {analogy.Breaks}", item);
        });
    }

    [Fact]
    public void When_fine_tuning_is_right_lists_the_seeds_reasons_with_their_articles()
    {
        var section = Section(CardFactory.FineTuningRightHeading);
        var fineTuning = Playbook.Approach("fine-tuning");

        Assert.Equal(fineTuning.RightWhen, Assert.IsType<BulletsBlock>(section[0]).Items);
        var sources = Assert.IsType<TextBlock>(section[1]).Text;
        Assert.All(fineTuning.Sources, s => Assert.Contains(Playbook.SourceTitle(s), sources));
        // seed-000's "when fine-tuning is actually the right tool": a strict format, a small stable data set,
        // shorter prompts for cost or latency, a specialised vocabulary.
        Assert.Contains(fineTuning.RightWhen, r => r.Contains("format", StringComparison.Ordinal));
        Assert.Contains(fineTuning.RightWhen, r => r.Contains("rarely changes", StringComparison.Ordinal));
        Assert.Contains(fineTuning.RightWhen, r => r.Contains("long prompts", StringComparison.Ordinal));
        Assert.Contains(fineTuning.RightWhen, r => r.Contains("vocabulary", StringComparison.Ordinal));
    }

    [Fact]
    public void The_approaches_take_a_line_each_instead_of_a_wide_table()
    {
        Assert.DoesNotContain(Brief.Blocks, b => b is TableBlock);
        var approaches = Assert.IsType<FactsBlock>(Assert.Single(Section("The approaches in a line each"))).Facts;
        Assert.Equal(Playbook.Approaches.Select(a => a.Name), approaches.Select(f => f.Label));
        Assert.All(approaches, f => Assert.InRange(f.Value.Length, 40, 160));
        Assert.Contains(approaches, f => f.Value.EndsWith("Ongoing: Significant.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_brief_fits_one_page()
    {
        // One A4 page pasted into notes at 10 pt with narrow (1.27 cm) margins: about 120 characters a line and 72
        // lines. Counted as the Markdown brief prints: the title, then each block after a blank line; a heading is
        // one line, a text or a list item wraps at 120 characters.
        var lines = 1 + Brief.Blocks.Sum(block => 1 + block switch
        {
            HeadingBlock => 1,
            TextBlock t => Wrapped(t.Text),
            BulletsBlock b => b.Items.Sum(Wrapped),
            FactsBlock f => f.Facts.Sum(x => Wrapped($"{x.Label}: {x.Value}")),
            _ => throw new InvalidOperationException($"the brief has a {block.GetType().Name}"),
        });
        Assert.InRange(lines, 30, 72);

        static int Wrapped(string text) => (text.Length + 119) / 120;
    }
}
