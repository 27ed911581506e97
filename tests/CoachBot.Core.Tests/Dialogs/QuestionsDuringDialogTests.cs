using CoachBot.Core.Analytics;
using CoachBot.Core.Conversation;

namespace CoachBot.Core.Tests.Dialogs;

/// <summary>
/// Text typed while the dialog waits for an answer: it answers the question only when it names a choice with
/// confidence; a look-up is answered and the question asked again; anything else gets the retry prompt.
/// </summary>
public class QuestionsDuringDialogTests
{
    private static Transcript AtNeedQuestion()
    {
        var t = new Transcript();
        t.Say("qualify");
        Assert.Equal("need", t.Prompt.StepId);
        return t;
    }

    [Fact]
    public void A_look_up_framed_as_one_is_answered_and_the_question_asked_again()
    {
        var t = AtNeedQuestion();

        t.Say("what do I say when they say fine-tuning teaches it our data");

        Assert.True(t.Shows("phrases"));
        Assert.Equal("knows-vs-behaves", t.Events.Last(e => e.Kind == AnalyticsKind.Lookup).Detail);
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Empty(t.State.Answers);
        Assert.Equal("need", t.State.StepId);
    }

    [Fact]
    public void A_topic_is_looked_up_and_the_question_asked_again()
    {
        var t = AtNeedQuestion();

        t.Say("vendor lock in");

        Assert.True(t.Shows("phrases"));
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Empty(t.State.Answers);
    }

    [Theory]
    [InlineData("2", "knowledge")]
    [InlineData("what it knows", "knowledge")]
    [InlineData("How it responds", "behavior")]
    public void A_choice_named_outright_is_the_answer(string text, string value)
    {
        var t = AtNeedQuestion();

        t.Say(text);

        Assert.Equal(value, t.State.Answers["need"]);
    }

    [Fact]
    public void A_clear_statement_of_the_need_answers_the_question()
    {
        var t = AtNeedQuestion();

        t.Say("honestly they just need the facts right from their SOP library, it keeps getting procedures wrong");

        Assert.Equal("knowledge", t.State.Answers["need"]);
        Assert.False(t.Shows("phrases"));
    }

    [Fact]
    public void Something_unintelligible_gets_the_retry_prompt()
    {
        var t = AtNeedQuestion();

        t.Say("zxqv blorp");

        Assert.False(t.Shows("phrases"));
        Assert.Contains("Pick one", t.Text);
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Equal(1, t.State.Retries);
        Assert.Empty(t.State.Answers);
    }

    [Fact]
    public void An_over_long_answer_is_neither_taken_nor_echoed()
    {
        var t = AtNeedQuestion();
        var pasted = string.Concat(Enumerable.Repeat("what it knows about our documents and policies. ", 110));
        Assert.True(pasted.Length > 5_000);

        var replies = t.Say(pasted);

        Assert.Empty(t.State.Answers);
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Contains("too long to be an answer", t.Text);
        Assert.All(replies.OfType<TextReply>(), r => Assert.True(r.Text.Length < 300, r.Text));
    }

    [Fact]
    public void An_empty_message_gets_a_short_help_answer_and_the_question_again()
    {
        var t = AtNeedQuestion();

        t.Say("   ");

        Assert.Contains("Type a topic to look up", t.Text);
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Empty(t.State.Answers);
    }

    [Fact]
    public void A_stated_change_rate_answers_the_data_question()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("2");
        Assert.Equal("data-changed", t.Prompt.StepId);

        t.Say("they revise the policy manual quarterly");

        Assert.Equal("quarter", t.State.Answers["data-changed"]);
    }
}
