using CoachBot.Core.Lookup;
using CoachBot.Core.Semantics;

namespace CoachBot.Core.Tests.Lookup;

/// <summary>
/// The second reading of a query before embedding: short forms written out from abbreviations.yaml, and words neither
/// the model nor the playbook knows corrected to the playbook word they nearly are.
/// </summary>
public class QueryRepairTests
{
    private static readonly PhraseIndex Index = new(TestCoach.Playbook);

    /// <summary>A stand-in for the model's whole words: ordinary English the repair must leave alone.</summary>
    private static readonly HashSet<string> Ordinary =
        ["what", "does", "meaning", "inference", "fine", "tuning", "brand", "voice", "our", "match", "the", "cost", "prompt", "manual"];

    [Theory]
    [InlineData("they wanna FT on the KB", "they want to fine-tuning on the knowledge base")]
    [InlineData("icl vs few shot", "in-context learning vs few shot")]
    [InlineData("SOPs change weekly", "standard operating procedures change weekly")]
    public void Short_forms_are_written_out_whole_and_without_regard_to_case(string query, string expected) =>
        Assert.Equal(expected, Index.Repaired(query, Ordinary));

    [Fact]
    public void A_short_form_inside_a_longer_word_is_left_alone() =>
        Assert.Null(Index.Repaired("soft costs of the craft", Ordinary));

    [Theory]
    [InlineData("infrence meaning", "inference meaning")]
    [InlineData("what does finetunning cost", "what does fine-tuning cost")]
    public void A_word_neither_the_model_nor_the_playbook_reads_is_corrected(string query, string expected) =>
        Assert.Equal(expected, Index.Repaired(query, Ordinary));

    [Fact]
    public void A_correction_may_be_a_playbook_word_the_model_reads_only_in_pieces()
    {
        // "hallucination" is not one of the stand-in's whole words (nor of the real model's: it reads it as word pieces),
        // yet the playbook uses it often: a misspelling still becomes it rather than staying unread.
        Assert.DoesNotContain("hallucination", Ordinary);
        Assert.Equal("hallucination", Index.Repaired("halucination", Ordinary));
    }

    [Theory]
    [InlineData("match our brand voice")]      // "brand" is one letter from "bland"/"band": ordinary words stay
    [InlineData("the prompts and manuals")]    // plural of a word the model reads whole
    [InlineData("it's the model's fault")]     // apostrophes: left as typed
    public void Ordinary_words_are_left_as_typed(string query) =>
        Assert.Null(Index.Repaired(query, Ordinary));

    [Fact]
    public void Without_the_models_word_list_only_short_forms_are_written_out()
    {
        Assert.Null(Index.Repaired("infrence meaning", null));
        Assert.Equal("large language model infrence", Index.Repaired("LLM infrence", null));
    }

    [Fact]
    public void The_typed_and_repaired_readings_are_blended_into_one_unit_vector()
    {
        float[] typed = [1, 0, 0];
        float[] repaired = [0, 1, 0];

        var even = CoachUnderstanding.Blend(typed, repaired, 0.5);
        var leaning = CoachUnderstanding.Blend(typed, repaired, 0.25);

        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(even), 5);
        Assert.Equal(even[0], even[1], 5);
        Assert.True(leaning[0] > leaning[1] * 2.9f);
        Assert.Equal(0f, even[2]);
    }
}
