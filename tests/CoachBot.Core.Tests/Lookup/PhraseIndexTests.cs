using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;

namespace CoachBot.Core.Tests.Lookup;

public class PhraseIndexTests
{
    private static readonly PhraseIndex Index = new(SamplePlaybook.Content());

    private static string? Top(string query) => Index.Search(query).Matches.FirstOrDefault()?.Phrase.Id;

    [Theory]
    [InlineData("cost", "cost")]
    [InlineData("privacy", "security")]
    [InlineData("exit strategy", "lock-in")]
    [InlineData("they say it makes things up", "hallucination")]
    public void A_tag_or_synonym_finds_its_phrase(string query, string expected)
    {
        Assert.Equal(expected, Top(query));
        Assert.Equal(LookupAnswer.Phrase, Index.Search(query).Answer);
    }

    [Theory]
    [InlineData("securty", "security")]          // one letter missing
    [InlineData("cots", "cost")]                 // swapped letters in a short word
    [InlineData("halucinate", "hallucination")]  // one letter missing in a long word
    [InlineData("halucinete", "hallucination")]  // two edits in a long word
    [InlineData("vender lockin", "lock-in")]
    public void Typos_are_forgiven_within_a_length_dependent_distance(string query, string expected)
    {
        Assert.Equal(expected, Top(query));
    }

    [Fact]
    public void Short_words_are_not_typo_matched()
    {
        Assert.True(Index.Search("cst").IsNoMatch);
    }

    [Theory]
    [InlineData("fine-tuning")]
    [InlineData("finetune")]
    [InlineData("fine tune")]
    [InlineData("fine-tuned")]
    [InlineData("Fine Tuning")]
    [InlineData("finetuning")]
    [InlineData("fien tuning")]
    public void Spellings_and_forms_of_fine_tuning_are_one_term(string query)
    {
        var fork = SamplePlaybook.Phrase("fork", "Fine-tuning is only configuration.", "It is closer to a fork.", "Forks cost upkeep.", ["fork"], []);
        var runtime = SamplePlaybook.Phrase("runtime", "Prompting is weak.", "It acts at runtime.", "Changes apply at once.", ["runtime"], []);
        var index = new PhraseIndex(SamplePlaybook.Content(fork, runtime));

        Assert.Equal(["fork"], index.Search(query).Matches.Select(m => m.Phrase.Id));
    }

    [Theory]
    [InlineData("lock-in")]
    [InlineData("lockin")]
    [InlineData("lock in")]
    [InlineData("Lock-In!")]
    public void A_hyphenated_tag_is_found_however_it_is_split(string query)
    {
        Assert.Equal("lock-in", Top(query));
    }

    [Theory]
    [InlineData("costs", "cost")]
    [InlineData("secured", "security")]
    [InlineData("hallucinating", "hallucination")]
    [InlineData("vendors", "lock-in")]
    public void Word_forms_meet_their_stem(string query, string expected)
    {
        Assert.Equal(expected, Top(query));
    }

    [Theory]
    [InlineData("COST???")]
    [InlineData("  cost!  ")]
    [InlineData("'cost'")]
    [InlineData("💰 cost")]
    public void Punctuation_case_and_symbols_are_ignored(string query)
    {
        Assert.Equal("cost", Top(query));
    }

    [Theory]
    [InlineData("weather in paris")]
    [InlineData("lunch")]
    [InlineData("asdf")]
    [InlineData("kubernetes pricing")]
    public void Unrelated_queries_get_suggestions_not_a_row(string query)
    {
        var result = Index.Search(query);

        Assert.True(result.IsNoMatch);
        Assert.Equal(LookupAnswer.None, result.Answer);
        Assert.NotEmpty(result.Suggestions);
        var tags = SamplePlaybook.Content().Phrases.SelectMany(p => p.Tags).ToHashSet();
        Assert.All(result.Suggestions, s => Assert.Contains(s, tags));
    }

    [Fact]
    public void A_word_every_row_shares_is_too_vague_to_answer()
    {
        var phrases = Enumerable.Range(0, 4)
            .Select(i => SamplePlaybook.Phrase($"row{i}", $"Claim {i}.", "The model is not the point.", "Why.", [$"topic{i}"], []))
            .ToArray();

        Assert.True(new PhraseIndex(SamplePlaybook.Content(phrases)).Search("model").IsNoMatch);
    }

    [Fact]
    public void Suggestions_lead_with_the_topic_of_the_nearest_row()
    {
        // "pricing" is known (price tag), "kubernetes" is not: too little to answer, enough to point at cost.
        Assert.Equal("cost", Index.Search("kubernetes pricing").Suggestions[0]);
    }

    [Fact]
    public void A_tag_hit_outranks_a_mention_in_the_explanation()
    {
        var matches = Index.Search("security", max: 6).Matches;

        Assert.Equal("security", matches[0].Phrase.Id);
        var governance = matches.FirstOrDefault(m => m.Phrase.Id == "governance");
        Assert.True(governance is null || governance.Score < matches[0].Score);
    }

    [Fact]
    public void A_synonym_matched_word_for_word_outranks_scattered_words()
    {
        var withPhrase = SamplePlaybook.Phrase("data-leak", "x", "y", "z", ["leak"], ["customer data leakage risk"]);
        var scattered = SamplePlaybook.Phrase("risk-data", "Data risk.", "Leakage is a risk.", "z", ["risk"], ["customer"]);
        var index = new PhraseIndex(SamplePlaybook.Content(scattered, withPhrase));

        Assert.Equal("data-leak", index.Search("customer data leakage risk").Matches[0].Phrase.Id);
    }

    [Fact]
    public void Equal_scores_keep_playbook_order()
    {
        var first = SamplePlaybook.Phrase("first", "a", "b", "c", ["overlap"], []);
        var second = SamplePlaybook.Phrase("second", "a", "b", "c", ["overlap"], []);

        var content = SamplePlaybook.Content(first, second, SamplePlaybook.Cost, SamplePlaybook.Security, SamplePlaybook.LockIn);

        var matches = new PhraseIndex(content).Search("overlap").Matches;

        Assert.Equal(["first", "second"], matches.Select(m => m.Phrase.Id));
        Assert.Equal(matches[0].Score, matches[1].Score);
    }

    [Fact]
    public void Early_stopping_still_finds_the_best_rows_of_a_large_playbook()
    {
        // 2,000 rows; 100 share the tag "overlap" with equal weight; row 1,500 also says it in its don't-say
        // line, and row 1,701 has both query words as tags.
        var phrases = Enumerable.Range(0, 2_000).Select(i => SamplePlaybook.Phrase(
            $"row{i}",
            i == 1_500 ? "Overlap is the whole story." : $"Claim number {i}.",
            "Better line.",
            "Reason.",
            i % 20 == 0 || i == 1_500 ? ["overlap", $"topic{i}"] : i == 1_701 ? ["overlap", "zeta"] : [$"topic{i}"],
            [])).ToArray();
        var index = new PhraseIndex(SamplePlaybook.Content(phrases));

        Assert.Equal(["row1500", "row0", "row20"], index.Search("overlap").Matches.Select(m => m.Phrase.Id));
        Assert.Equal("row1701", index.Search("overlap zeta").Matches[0].Phrase.Id);
    }

    [Fact]
    public void Scores_are_between_zero_and_one_and_descend()
    {
        var matches = Index.Search("fine tuning data security cost", max: 6).Matches;

        Assert.NotEmpty(matches);
        Assert.All(matches, m => Assert.InRange(m.Score, double.Epsilon, 1.0));
        Assert.Equal(matches.OrderByDescending(m => m.Score).Select(m => m.Phrase.Id), matches.Select(m => m.Phrase.Id));
    }

    [Theory]
    [InlineData("what is RAG", "rag")]
    [InlineData("define LoRA", "lora")]
    [InlineData("context window", "context-window")]
    [InlineData("What's the context length?", "context-window")]
    [InlineData("what does low rank adaptation mean", "lora")]
    [InlineData("retrieval-augmented generation", "rag")]
    public void A_query_naming_a_glossary_term_returns_its_definition(string query, string expected)
    {
        var result = Index.Search(query);

        Assert.Equal(LookupAnswer.Term, result.Answer);
        Assert.Equal(expected, result.Term!.Id);
        Assert.Empty(result.Suggestions);
    }

    [Fact]
    public void A_term_inside_a_longer_question_is_not_a_definition_request()
    {
        Assert.Null(Index.Search("is RAG more secure").Term);
    }

    [Theory]
    [InlineData("analogy for fine-tuning", "analogy-fine-tuning")]
    [InlineData("okta analogy rag", "analogy-rag")]
    [InlineData("how is prompting like identity", "analogy-prompting")]
    [InlineData("hard-coded authorization analogy", "analogy-fine-tuning")]
    [InlineData("metaphor for finetuning", "analogy-fine-tuning")]
    public void An_analogy_request_returns_the_analogy_for_the_named_approach(string query, string expected)
    {
        var result = Index.Search(query);

        Assert.Equal(LookupAnswer.Analogy, result.Answer);
        Assert.Equal(expected, result.Analogy!.Id);
        Assert.Empty(result.Matches);
    }

    [Theory]
    [InlineData("prompting is like what in okta land", "analogy-prompting")]
    [InlineData("fine tuning is like what, identity world", "analogy-fine-tuning")]
    public void An_identity_word_rejoined_into_a_compound_still_asks_for_the_analogy(string query, string expected)
    {
        // The shipped playbook knows "okta-land" and "identity-world" as compounds, so the two words are read as one.
        var result = new PhraseIndex(TestCoach.Playbook).Search(query);

        Assert.Equal(expected, result.Analogy?.Id);
    }

    [Theory]
    [InlineData("is rag like checking entitlements at request time", "analogy-rag")]
    [InlineData("prompting compared to an opa policy", "analogy-prompting")]
    [InlineData("is pretraining like running a pki", "analogy-training")]
    public void Identity_concepts_count_as_identity_words_beside_a_comparison(string query, string expected)
    {
        var result = new PhraseIndex(TestCoach.Playbook).Search(query);

        Assert.Equal(expected, result.Analogy?.Id);
    }

    [Fact]
    public void An_analogy_request_naming_no_approach_lists_the_analogies()
    {
        var result = Index.Search("give me an analogy");

        Assert.True(result.IsNoMatch);
        Assert.Equal(["analogy for rag", "analogy for fine-tuning", "analogy for prompting"], result.Suggestions);
    }

    [Theory]
    [InlineData("explain fine-tuning without an analogy")]
    [InlineData("fine-tuning, no analogies please")]
    [InlineData("what is fine-tuning, not an analogy")]
    public void An_analogy_turned_down_is_not_asked_for(string query)
    {
        var result = new PhraseIndex(TestCoach.Playbook).Search(query);

        Assert.Null(result.Analogy);
        Assert.Equal("fine-tuning", result.Term?.Id);
    }

    [Fact]
    public void Like_without_an_identity_word_is_not_an_analogy_request()
    {
        Assert.Null(Index.Search("fine-tuning like a vendor lock-in").Analogy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("?!.,;")]
    public void Empty_queries_get_suggestions(string query)
    {
        var result = Index.Search(query);

        Assert.True(result.IsNoMatch);
        Assert.NotEmpty(result.Suggestions);
    }

    [Fact]
    public void Huge_queries_are_read_from_their_start_without_failing()
    {
        var repeated = string.Concat(Enumerable.Repeat("cost budget ", 1_000));

        Assert.True(Index.Search(new string('x', 10_000)).IsNoMatch);
        Assert.True(Index.Search(string.Concat(Enumerable.Repeat("ab ", 4_000))).IsNoMatch);
        Assert.Equal("cost", Index.Search(repeated).Matches[0].Phrase.Id);
    }

    [Fact]
    public void Max_limits_the_number_of_matches()
    {
        Assert.Single(Index.Search("fine tuning data security cost", max: 1).Matches);
        Assert.True(Index.Search("fine tuning data security cost", max: 100).Matches.Count <= 6);
    }

    [Fact]
    public void Bad_arguments_are_refused_clearly()
    {
        Assert.Throws<ArgumentNullException>(() => Index.Search(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.Search("cost", max: 0));
        Assert.Throws<ArgumentNullException>(() => new PhraseIndex(null!));
    }

    [Fact]
    public void An_empty_playbook_answers_nothing_without_failing()
    {
        var index = new PhraseIndex(new PlaybookContent());

        var result = index.Search("cost");

        Assert.True(result.IsNoMatch);
        Assert.Empty(result.Suggestions);
    }

    [Fact]
    public void Concurrent_searches_give_the_same_answers_as_sequential_ones()
    {
        string[] queries = ["cost", "securty", "vendor lock in", "what is RAG", "weather in paris", "halucinate"];
        var expected = queries.Select(q => Top(q)).ToArray();
        var actual = new string?[queries.Length * 200];

        Parallel.For(0, actual.Length, i => actual[i] = Top(queries[i % queries.Length]));

        for (var i = 0; i < actual.Length; i++)
            Assert.Equal(expected[i % queries.Length], actual[i]);
    }
}
