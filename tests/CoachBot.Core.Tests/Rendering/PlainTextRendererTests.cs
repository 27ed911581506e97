using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Rendering;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Core.Tests.Rendering;

public class PlainTextRendererTests
{
    private static readonly PlainTextRenderer Renderer = new();

    private static string[] LinesOf(params CardBlock[] blocks) =>
        Renderer.Render(new CoachCard("test", "Title", blocks, [])).Split('\n')[3..];

    [Fact]
    public void Title_is_underlined_to_its_width()
    {
        var lines = Renderer.Render(SampleCards.EveryBlock()).Split('\n');

        Assert.Equal("Recommendation: RAG", lines[0]);
        Assert.Equal(new string('=', "Recommendation: RAG".Length), lines[1]);
    }

    [Fact]
    public void Heading_is_underlined_with_dashes()
    {
        Assert.Equal(["Why RAG fits", "------------"], LinesOf(new HeadingBlock("Why RAG fits")));
    }

    [Fact]
    public void Blocks_are_separated_by_a_blank_line()
    {
        Assert.Equal(["First.", "", "Second."], LinesOf(new TextBlock("First."), new TextBlock("Second.", TextStyle.Subtle)));
    }

    [Fact]
    public void Facts_align_their_values()
    {
        var lines = LinesOf(new FactsBlock([new Fact("Cost", "$1K–$1M+"), new Fact("Time to value", "Weeks")]));

        Assert.Equal(["Cost:          $1K–$1M+", "Time to value: Weeks"], lines);
    }

    [Fact]
    public void Multi_line_values_and_bullets_continue_under_their_text()
    {
        var lines = LinesOf(new FactsBlock([new Fact("Cost", "low\nongoing")]), new BulletsBlock(["one\ntwo", "three"]));

        Assert.Equal(["Cost: low", "      ongoing", "", "- one", "  two", "- three"], lines);
    }

    [Theory]
    [InlineData(NoteTone.Caution, "! Verify before quoting.")]
    [InlineData(NoteTone.Info, "Note: Verify before quoting.")]
    public void Notes_are_prefixed(NoteTone tone, string expected)
    {
        Assert.Equal([expected], LinesOf(new NoteBlock("Verify before quoting.", tone)));
    }

    [Fact]
    public void Phrase_lists_what_not_to_say_what_to_say_and_why()
    {
        var lines = LinesOf(new PhraseBlock("p", "Fine-tune it.", "Connect your documents.", "Knowledge, not behaviour."));

        Assert.Equal(["Don't say: Fine-tune it.", "Do say:    Connect your documents.", "Why:       Knowledge, not behaviour."], lines);
    }

    [Fact]
    public void Table_columns_are_aligned_under_a_rule()
    {
        var lines = LinesOf(new TableBlock(["Approach", "Cost"], [["Fine-tuning", "High"], ["RAG"]]));

        Assert.Equal(["Approach     Cost", "-----------  ----", "Fine-tuning  High", "RAG"], lines);
    }

    [Fact]
    public void Actions_are_listed_with_what_to_type()
    {
        Assert.EndsWith("\n\nType one of: \"Post summary\", \"Start over\"", Renderer.Render(SampleCards.EveryBlock()));
    }

    [Fact]
    public void Choice_prompt_is_a_numbered_list_of_full_labels()
    {
        var text = Renderer.Render(SampleCards.NeedPrompt());

        Assert.Equal(
            "What does the buyer want to change?\n\n" +
            "1) How the model responds (tone, format)\n2) What the model knows (their documents)\n3) Both\n4) Not sure yet\n\n" +
            "Type a number or an answer.",
            text);
    }

    [Fact]
    public void Every_reply_kind_renders_its_content()
    {
        var card = SampleCards.EveryBlock();

        Assert.Equal("Just text.", Renderer.Render((Reply)new TextReply("Just text.")));
        Assert.Equal(Renderer.Render(SampleCards.NeedPrompt()), Renderer.Render((Reply)SampleCards.NeedPrompt()));
        Assert.Equal(Renderer.Render(card), Renderer.Render(new CardReply(card)));
        Assert.Equal($"For the deal channel of Acme:\n\n{Renderer.Render(card)}", Renderer.Render(new PostToDealChannel(card, "Acme")));
    }

    [Fact]
    public void Every_piece_of_content_appears()
    {
        var text = Renderer.Render(SampleCards.EveryBlock());

        Assert.All(
            ["Why RAG fits", "answers must come from their own documents", "Their data changes every week.", "Based on the seller's answers.",
             "$1K–$1M+", "- Cites its sources", "verify before quoting", "Ask which systems", "You need to fine-tune the model.",
             "Let's connect the model to your documents.", "Fine-tuning changes behaviour", "How it responds"],
            part => Assert.Contains(part, text));
    }

    [Fact]
    public void Output_has_no_escape_codes_or_other_control_characters_even_when_content_does()
    {
        var text = Renderer.Render(new PostToDealChannel(SampleCards.HostileCard(), "Acme\u001b[2J"));

        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        Assert.Contains("[click](https://evil.example) <@U123>", text);
    }

    [Fact]
    public void Unknown_block_is_a_clear_error()
    {
        var card = new CoachCard("test", "Title", [new UnknownBlock()], []);

        Assert.Contains(nameof(UnknownBlock), Assert.Throws<NotSupportedException>(() => Renderer.Render(card)).Message);
    }
}
