using CoachBot.Core.Evaluation;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Tests.Evaluation;

/// <summary>The evaluator reads a look-up's answers in the order its card shows them.</summary>
public class AnswerOrderTests
{
    private static readonly Phrase First = new() { Id = "first" };
    private static readonly Phrase Second = new() { Id = "second" };
    private static readonly Phrase Third = new() { Id = "third" };
    private static readonly GlossaryTerm Term = new() { Id = "lora", Term = "LoRA" };
    private static readonly Analogy Analogy = new() { Id = "analogy-rag", Approach = "rag" };

    [Fact]
    public void The_lead_comes_first_then_the_listed_phrases_then_the_related_answers()
    {
        var result = new LookupResult("q", [new PhraseMatch(First, 0.9), new PhraseMatch(Second, 0.8)], [], Term: Term)
        {
            Related = [RelatedAnswer.For(Analogy, 0.7), RelatedAnswer.For(Third, 0.6)],
        };

        Assert.Equal(["glossary:lora", "first", "second", "analogy:analogy-rag", "third"], UnderstandingEvaluator.Answers(result));
    }

    [Fact]
    public void A_related_answer_counts_for_top_3_only_when_it_is_among_the_first_three_shown()
    {
        var twoPhrases = new LookupResult("q", [new PhraseMatch(First, 0.9), new PhraseMatch(Second, 0.8)], [])
        {
            Related = [RelatedAnswer.For(Analogy, 0.7)],
        };
        var threePhrases = new LookupResult("q", [new PhraseMatch(First, 0.9), new PhraseMatch(Second, 0.8), new PhraseMatch(Third, 0.75)], [])
        {
            Related = [RelatedAnswer.For(Analogy, 0.7)],
        };
        LabelledQuery[] query = [new LabelledQuery("q", "analogy:analogy-rag")];

        var third = UnderstandingEvaluator.Score(query, _ => twoPhrases);
        var fourth = UnderstandingEvaluator.Score(query, _ => threePhrases);

        Assert.Equal((0, 1), (third.Top1, third.Top3));
        Assert.Equal((0, 0), (fourth.Top1, fourth.Top3));
    }

    [Fact]
    public void No_match_reads_as_none()
    {
        var result = new LookupResult("q", [], ["cost"]);

        Assert.Equal(["none"], UnderstandingEvaluator.Answers(result));
    }
}
