using CoachBot.Core.Evaluation;
using CoachBot.Core.Lookup;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>The look-up as sellers meet it: words and meaning together, with the shipped model and playbook.</summary>
public class HybridLookupTests
{
    private static Task<LookupResult> Lookup(string query) => TestCoach.Understanding.LookupAsync(query);

    [Theory]
    // Wordings the issue reported as misses of the words-only look-up. ("model keeps inventing answers will
    // finetuning fix it" is still a miss: the README lists what the hybrid look-up gets wrong.)
    [InlineData("they need output in exact HL7 format every time", "structured-format")]
    [InlineData("they want it to know the regs that came out last month", "knowledge-cutoff")]
    [InlineData("hallucinashuns", "glossary:hallucination")]
    public async Task Wording_the_playbook_does_not_contain_finds_its_line(string query, string expected)
    {
        var answers = UnderstandingEvaluator.Answers(await Lookup(query));

        Assert.Equal(expected, answers[0]);
    }

    [Theory]
    [InlineData("EU AI Act obligations")]
    [InlineData("how many GPUs for a 70B model")]
    [InlineData("book a flight to denver")]
    public async Task Off_topic_questions_get_an_honest_no_match_with_suggestions(string query)
    {
        var result = await Lookup(query);

        Assert.True(result.IsNoMatch, $"'{query}' answered {string.Join(", ", UnderstandingEvaluator.Answers(result))}");
        Assert.NotEmpty(result.Suggestions);
    }

    [Fact]
    public async Task Reading_by_meaning_answers_unseen_wording_better_than_words_alone()
    {
        var queries = LabelledSets.Parse("held-out", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "heldout", "phrase-queries.yaml"))).Queries;
        var wordsOnly = CoachUnderstanding.Lexical(TestCoach.Playbook);
        var lexical = new Dictionary<string, LookupResult>();
        var hybrid = new Dictionary<string, LookupResult>();
        foreach (var query in queries)
        {
            lexical[query.Query] = await wordsOnly.LookupAsync(query.Query);
            hybrid[query.Query] = await Lookup(query.Query);
        }

        var byWords = UnderstandingEvaluator.Score(queries, q => lexical[q]);
        var byMeaningToo = UnderstandingEvaluator.Score(queries, q => hybrid[q]);

        Assert.False(wordsOnly.IsSemantic);
        Assert.True(TestCoach.Understanding.IsSemantic);
        Assert.True(byMeaningToo.Top1Rate > byWords.Top1Rate + 0.02, $"hybrid {byMeaningToo.Top1Rate:P1}, words alone {byWords.Top1Rate:P1}");
    }

    [Fact]
    public async Task A_query_that_is_exactly_a_glossary_term_is_answered_from_its_words()
    {
        Assert.True(TestCoach.Understanding.Phrases.IsLexicallyCertain("LoRA"));
        Assert.False(TestCoach.Understanding.Phrases.IsLexicallyCertain("they keep saying lora is cheap"));

        var result = await Lookup("LoRA");

        Assert.Equal("lora", result.Term?.Id);
    }

    [Fact]
    public async Task A_repeated_look_up_is_answered_from_the_cache()
    {
        var first = await Lookup("they think RAG is a stopgap until they can afford tuning");
        var again = await Lookup("they think RAG is a stopgap until they can afford tuning");

        Assert.Same(first, again);
    }

    [Fact]
    public async Task An_identity_analogy_is_found_without_the_word_analogy()
    {
        var result = await Lookup("explain rag in okta terms");

        Assert.Equal("analogy-rag", result.Analogy?.Id);
    }

    [Fact]
    public async Task A_buyers_comparison_that_no_analogy_fits_is_answered_by_the_line_that_does()
    {
        // Our own wording. "like ... in okta" reads as asking for an analogy and names the fine-tuning one, but the
        // query is nearer to what the playbook does not answer than to that analogy; the fork-the-IdP line fits.
        var result = await Lookup("architect: fine tuning is just like tweaking an mfa policy in okta");

        Assert.False(result.IsNoMatch);
        Assert.Equal("fork-the-idp", result.Matches[0].Phrase.Id);
    }

    [Theory]
    [InlineData("infrence", "inference")]      // taught only as an example wording: read through its repair
    [InlineData("inferense", "inference")]
    [InlineData("MLOps", "mlops")]
    public async Task A_misspelt_glossary_term_is_answered_as_the_term_once_repaired(string query, string expected)
    {
        var result = await Lookup(query);

        Assert.Equal(expected, result.Term?.Id);
        Assert.Equal(query, result.Query);
    }

    [Fact]
    public void A_wording_only_an_example_teaches_is_not_read_from_its_words_alone()
    {
        // "infrence?" is a look-up example of glossary:inference; its words name no term, so only its meaning can answer it.
        Assert.Contains(TestCoach.Playbook.LookupExamples, e => e.Answer == "glossary:inference" && e.Queries.Contains("infrence?"));
        Assert.False(TestCoach.Understanding.Phrases.IsLexicallyCertain("infrence"));
        Assert.True(TestCoach.Understanding.Phrases.IsLexicallyCertain("LoRA"));
    }
}
