using CoachBot.Core.Playbook;

namespace CoachBot.Core.Tests.Playbook;

/// <summary>
/// The content the coach understands wording with (look-up examples, labelled buyer statements, the cue list) is
/// validated like the rest of the playbook: every label names something real, and no wording teaches two answers.
/// </summary>
public class UnderstandingContentValidationTests
{
    private static void AssertBroken(string file, string oldText, string newText, string lineMarker, string messagePart)
    {
        using var playbook = new TempPlaybook().Replace(file, oldText, newText);
        var report = playbook.Validate();
        var line = playbook.LineOf(file, lineMarker);
        Assert.Null(report.Content);
        Assert.True(report.Errors.Any(e => e.File == file && e.Line == line && e.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"expected {file}:{line}: ...{messagePart}...; got:{Environment.NewLine}{string.Join(Environment.NewLine, report.Errors)}");
    }

    [Fact]
    public void Look_up_examples_for_an_unknown_answer_are_rejected() =>
        AssertBroken("lookup-examples.yaml", "  - answer: knows-vs-behaves\n", "  - answer: knows-vs-behaved\n",
            "answer: knows-vs-behaved", "is not a phrase id, glossary:<term id>, analogy:<analogy id> or none");

    [Fact]
    public void A_wording_taught_as_two_answers_is_rejected()
    {
        using var playbook = new TempPlaybook();
        var first = TestCoach.Playbook.LookupExamples[0];
        var second = TestCoach.Playbook.LookupExamples[1];
        var duplicated = first.Queries[0];
        playbook.Replace("lookup-examples.yaml", $"  - answer: {second.Answer}\n    queries:\n",
            $"  - answer: {second.Answer}\n    queries:\n      - \"{duplicated.ToUpperInvariant()}\"\n");

        var report = playbook.Validate();

        Assert.Contains(report.Errors, e => e.File == "lookup-examples.yaml" && e.Message.Contains($"is also an example of '{first.Answer}'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_statement_labelled_with_an_unknown_need_is_rejected() =>
        AssertBroken("need-examples.yaml", "  - need: both", "  - need: bothish", "need: bothish", "is not one of behavior, knowledge, both, train, unclear");

    [Fact]
    public void Every_need_needs_labelled_statements()
    {
        using var playbook = new TempPlaybook().Replace("need-examples.yaml", "  - need: train", "  - need: unclear");

        Assert.Contains(playbook.Validate().Errors, e => e.Message.Contains("no statements labelled 'train'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_of_change_the_dialog_does_not_offer_is_rejected() =>
        AssertBroken("need-examples.yaml", "  - change: tone", "  - change: mood", "change: mood", "is not one of");

    [Fact]
    public void A_cue_for_an_unknown_need_is_rejected() =>
        AssertBroken("need-cues.yaml", "{ words: \"sovereign\", need: train,", "{ words: \"sovereign\", need: royalty,", "need: royalty", "need 'royalty' is not one of knowledge, behavior, train");

    [Fact]
    public void An_unknown_kind_of_cue_word_is_rejected() =>
        AssertBroken("need-cues.yaml", "  - kind: hedge", "  - kind: shrug", "kind: shrug", "kind 'shrug' is not one of negator, hedge, clauseBreak, changeWord, dismissal");

    [Fact]
    public void Two_lists_of_examples_for_one_answer_are_rejected()
    {
        using var playbook = new TempPlaybook().Replace("lookup-examples.yaml", "  - answer: glossary:mlops\n", "  - answer: none\n");

        var report = playbook.Validate();

        Assert.Contains(report.Errors, e => e.Message.Contains("already has a list of examples", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ short: K B, means: knowledge base }", "short: K B", "a short form is one word of letters and digits")]
    [InlineData("{ short: ft, means: knowledge base }", "short: ft, means: knowledge base", "already defined at line")]
    [InlineData("{ short: KB, means: the knowledge base where the help desk keeps every answer it has ever written }", "short: KB",
        "a term rather than a sentence")]
    [InlineData("{ short: KB, means: \"\" }", "short: KB", "means is missing")]
    public void A_broken_abbreviation_is_rejected(string broken, string lineMarker, string messagePart) =>
        AssertBroken("abbreviations.yaml", "{ short: KB, means: knowledge base }", broken, lineMarker, messagePart);
}
