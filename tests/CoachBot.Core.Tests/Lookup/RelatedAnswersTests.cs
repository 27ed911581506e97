using CoachBot.Core.Evaluation;
using CoachBot.Core.Lookup;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>
/// "See also": the next-best answers of any kind, offered under the one that won, with the shipped model and playbook.
/// The wordings are from the tuning set (tests/CoachBot.Core.Tests/TestData/phrase-queries.yaml) or written here.
/// </summary>
public class RelatedAnswersTests
{
    private static Task<LookupResult> Lookup(string query) => TestCoach.Understanding.LookupAsync(query);

    [Fact]
    public async Task An_analogy_that_wins_offers_the_next_answer_of_another_kind_close_to_it()
    {
        var result = await Lookup(EngineReplies.RelatedLookup);

        Assert.Equal("analogy-foundation-model", result.Analogy?.Id);
        Assert.Empty(result.Matches);
        Assert.Equal("glossary:foundation-model", result.Related[0].Label);
        Assert.Equal("foundation-model", result.Related[0].Term?.Id);
        Assert.Equal(["analogy:analogy-foundation-model", "glossary:foundation-model"], UnderstandingEvaluator.Answers(result).Take(2));
    }

    [Fact]
    public async Task A_card_offers_at_most_three_answers_in_all()
    {
        // The analogy it asks for leads and two phrases close to it fill the card; nothing is offered as a fourth answer.
        var result = await Lookup("is prompting kinda like a policy engine?");

        Assert.Equal("analogy-prompting", result.Analogy?.Id);
        Assert.Equal(2, result.Related.Count);
        Assert.All(result.Related, related => Assert.Equal(LookupAnswer.Phrase, related.Kind));
        Assert.Equal(PhraseFinder.MaxAnswersShown, UnderstandingEvaluator.Answers(result).Count);
    }

    [Fact]
    public async Task A_glossary_term_scoring_above_a_phrase_is_offered_before_that_phrase_would_be_listed()
    {
        var result = await Lookup("pretraining vs finetuning, what do I say");

        // One phrase leads; the glossary's definition outscores the next phrase, so it comes second, as a related answer.
        Assert.Equal(LookupAnswer.Phrase, result.Answer);
        Assert.Equal("training-vs-finetuning", Assert.Single(result.Matches).Phrase.Id);
        Assert.Equal("glossary:training-from-scratch", result.Related[0].Label);
        Assert.Equal(LookupAnswer.Term, result.Related[0].Kind);
        Assert.Equal("glossary:training-from-scratch", UnderstandingEvaluator.Answers(result)[1]);
    }

    [Theory]
    [InlineData("compare pretraining an llm to something in iam")]
    [InlineData(EngineReplies.RelatedLookup)]
    [InlineData("infrence meaning llm")]
    [InlineData("ICL in ai")]
    [InlineData("they think RAG is a stopgap until they can afford tuning")]
    [InlineData("training from scratch = PKI?")]
    [InlineData("is prompting kinda like a policy engine?")]
    public async Task Related_answers_are_few_close_to_the_winner_and_never_shown_twice(string query)
    {
        var result = await Lookup(query);
        var settings = new PhraseFinder.Settings();

        Assert.InRange(result.Related.Count, 0, 2);
        Assert.All(result.Related, r => Assert.True(r.Score >= settings.Threshold));
        // Their order is the look-up's ranking (the words reading included), which their scores alone do not show; how
        // close they are is a share of the winner's score (a term's or analogy's is not kept: bonuses can take it past 1).
        if (result.Answer == LookupAnswer.Phrase)
            Assert.All(result.Related, r => Assert.True(r.Score >= settings.RelatedShare * result.Matches[0].Score - 0.001));
        var shown = UnderstandingEvaluator.Answers(result);
        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    [Fact]
    public async Task An_analogy_asked_for_leaves_room_for_the_analogies_that_fit_nearly_as_well()
    {
        // Our own wording. The lead's bonus for being asked for does not raise the bar for the others: the training
        // analogy, close behind, is one tap away.
        var result = await Lookup("identity analogy for pretraining from nothing");

        Assert.Equal(LookupAnswer.Analogy, result.Answer);
        Assert.Contains("analogy:analogy-training", UnderstandingEvaluator.Answers(result).Take(PhraseFinder.MaxAnswersShown));
    }

    [Fact]
    public async Task A_buyers_comparison_quoted_as_an_analogy_request_also_offers_the_line_that_answers_it()
    {
        // Our own wording. "like ... in okta" asks for an analogy, so the fine-tuning analogy leads, but the seller is
        // quoting a buyer: the fork-the-IdP line, which says what to say back, follows it.
        var result = await Lookup("cio reckons tuning the model is just like adding a sign-on rule in okta, true?");

        Assert.Equal("analogy-fine-tuning", result.Analogy?.Id);
        Assert.Equal("fork-the-idp", result.Related[0].Label);
        Assert.Equal(LookupAnswer.Phrase, result.Related[0].Kind);
    }

    [Fact]
    public async Task The_related_row_is_non_empty_for_some_look_ups_and_empty_for_a_clear_winner()
    {
        Assert.NotEmpty((await Lookup(EngineReplies.RelatedLookup)).Related);
        // A glossary term named exactly is lexically certain: nothing close enough to offer.
        Assert.Empty((await Lookup("LoRA")).Related);
    }

    [Fact]
    public async Task A_no_match_just_under_the_bar_offers_the_closest_answer_after_the_no_match()
    {
        // Our own wording: the knowledge-cutoff line scores a little under the threshold, and nothing off-topic is nearer.
        var result = await Lookup("things have moved on since");

        Assert.True(result.IsNoMatch);
        Assert.Equal("knowledge-cutoff", result.Related[0].Label);
        Assert.InRange(result.Related[0].Score, 0.44, 0.48);
        Assert.Empty(result.Suggestions);
        Assert.Equal(["none", "knowledge-cutoff"], UnderstandingEvaluator.Answers(result).Take(2));
    }

    [Theory]
    [InlineData("how many GPUs for a 70B model")]
    [InlineData("book a flight to denver")]
    public async Task No_match_stays_no_match_with_suggestions_and_nothing_related(string query)
    {
        var result = await Lookup(query);

        Assert.True(result.IsNoMatch);
        Assert.Empty(result.Related);
        Assert.NotEmpty(result.Suggestions);
    }

    [Theory]
    [InlineData("knows-vs-behaves")]
    [InlineData("glossary:lora")]
    [InlineData("analogy:analogy-rag")]
    public void A_label_names_exactly_one_answer_of_the_playbook(string label)
    {
        var answer = AnswerLabels.Find(TestCoach.Playbook, label);

        Assert.NotNull(answer);
        Assert.Equal(label, answer.Label);
        Assert.Equal([label], LookupResult.Of("q", answer).ShownLabels());
    }

    [Theory]
    [InlineData("no-such-phrase")]
    [InlineData("glossary:no-such-term")]
    [InlineData("analogy:")]
    [InlineData("")]
    public void A_label_that_names_nothing_finds_nothing(string label) =>
        Assert.Null(AnswerLabels.Find(TestCoach.Playbook, label));
}
