namespace CoachBot.Core.Tests.Dialogs;

/// <summary>`coach: <the buyer's words>`: what the classifier reads skips the questions it answers, and only those.</summary>
public class BuyerWordsTranscriptTests
{
    [Fact]
    public void A_settled_format_skips_to_whether_there_are_labelled_examples()
    {
        var t = new Transcript();

        t.Say("coach: the discharge template hasn't changed in years and every summary has to come out in exactly that format");

        Assert.True(t.Shows("understood"));
        Assert.Equal("behavior", t.State.Answers["need"]);
        Assert.Equal("format", t.State.Answers["change"]);
        Assert.Equal("stable", t.State.Answers["behavior-changes"]);
        Assert.Equal("labeled-data", t.Prompt.StepId);
    }

    [Fact]
    public void Made_up_citations_read_as_knowledge_and_ask_when_the_data_changed()
    {
        var t = new Transcript();

        t.Say("coach: it keeps making up citations to policies that don't exist");

        Assert.Equal("knowledge", t.State.Answers["need"]);
        Assert.Equal("data-changed", t.Prompt.StepId);
    }

    [Fact]
    public void Owning_the_weights_leads_with_the_data_isolation_question()
    {
        var t = new Transcript();

        t.Say("coach: we want to own the weights outright");

        Assert.Equal("train", t.State.Answers["need"]);
        Assert.Equal("own-model", t.Prompt.StepId);
    }
}
