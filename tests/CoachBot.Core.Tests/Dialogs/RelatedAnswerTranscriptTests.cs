using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Core.Tests.Dialogs;

/// <summary>
/// A look-up whose lead is not what the seller wanted: the "See also" row offers the next answers, and pressing one
/// shows exactly that answer (not a fresh search), mid-dialog too.
/// </summary>
public class RelatedAnswerTranscriptTests
{
    private const string Query = EngineReplies.RelatedLookup;

    [Fact]
    public void Pressing_a_related_answer_shows_exactly_that_answer()
    {
        var t = new Transcript();
        t.Say(Query);

        var card = t.Card("phrases");
        Assert.Contains(card.Blocks, b => b is HeadingBlock h && h.Text.Contains("commercial IdP", StringComparison.Ordinal));
        Assert.Equal(CardFactory.SeeAlsoLabel, Assert.IsType<TextBlock>(card.Blocks[^1]).Text);
        var seeAlso = card.Actions[0];
        Assert.Equal("Foundation model", seeAlso.Title);
        Assert.Equal(new CardCommand.ShowAnswer("glossary:foundation-model", Query), seeAlso.Command);

        t.Click(seeAlso);

        var shown = t.Card("phrases");
        Assert.Equal($"For \u201c{Query}\u201d", shown.Title);
        Assert.Contains(shown.Blocks, b => b is HeadingBlock { Text: "Foundation model" });
        Assert.DoesNotContain(shown.Blocks, b => b is HeadingBlock h && h.Text.Contains("commercial IdP", StringComparison.Ordinal));
        Assert.Empty(shown.Actions);
    }

    [Fact]
    public void A_no_match_offers_the_closest_answers_as_not_a_match()
    {
        var t = new Transcript();
        t.Say("things have moved on since");

        var card = t.Card("phrases");
        Assert.Equal("No match", card.Title);
        Assert.Equal(CardFactory.ClosestLabel, Assert.IsType<TextBlock>(card.Blocks[^1]).Text);
        Assert.Equal(new CardCommand.ShowAnswer("knowledge-cutoff", "things have moved on since"), card.Actions[0].Command);

        t.Click(card.Actions[0]);

        Assert.Single(t.Card("phrases").Blocks.OfType<PhraseBlock>(), p => p.PhraseId == "knowledge-cutoff");
    }

    [Fact]
    public void The_button_works_from_its_wire_data_and_mid_dialog_the_question_is_asked_again()
    {
        var t = new Transcript();
        t.Say("qualify");
        Assert.Equal("need", t.Prompt.StepId);

        t.Click(("action", "showAnswer"), ("answerLabel", "glossary:lora"), ("query", "what is lora"));

        var shown = t.Card("phrases");
        Assert.Contains(shown.Blocks, b => b is HeadingBlock { Text: "LoRA" });
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Empty(t.State.Answers);
    }

    [Fact]
    public void A_phrase_button_shows_that_phrase_alone()
    {
        var t = new Transcript();

        t.Click(new CardAction("Too expensive", new CardCommand.ShowAnswer("finetune-cost")));

        var shown = t.Card("phrases");
        var phrase = Assert.Single(shown.Blocks.OfType<PhraseBlock>());
        Assert.Equal("finetune-cost", phrase.PhraseId);
    }

    [Fact]
    public void A_button_naming_an_answer_the_playbook_no_longer_has_says_so()
    {
        var t = new Transcript();

        t.Click(new CardAction("Gone", new CardCommand.ShowAnswer("analogy:no-longer-here", "cost")));

        Assert.False(t.Shows("phrases"));
        Assert.Contains("no longer in the playbook", t.Text, StringComparison.Ordinal);
    }
}
