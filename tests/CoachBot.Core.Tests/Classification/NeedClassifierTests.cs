using CoachBot.Core.Classification;

namespace CoachBot.Core.Tests.Classification;

/// <summary>The need classifier as the coach runs it: the shipped examples and cues, read with the shipped sentence model.</summary>
public class NeedClassifierTests
{
    private static NeedClassification Classify(string statement) =>
        TestCoach.Understanding.ClassifyAsync(statement).GetAwaiter().GetResult();

    [Fact]
    public void Fine_tune_is_not_a_behaviour_signal_by_itself()
    {
        var result = Classify(
            "the CIO wants to fine-tune on three years of procurement policy so contracting officers can ask questions");

        Assert.Equal(Need.Knowledge, result.Need);
        Assert.Equal("knowledge", result.InferredAnswers["need"]);
        Assert.Contains("\"ask questions\" -> knowledge (asking about document contents)", result.Signals);
        // No cue fires on "fine-tune" (the closest labelled example may well contain it).
        Assert.DoesNotContain(result.Signals.Where(s => s.StartsWith('"')), s => s.Contains("fine", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("We want to fine-tune a model on our data.")]
    [InlineData("The board wants AI.")]
    [InlineData("asdf qwerty")]
    public void Nothing_recognisable_is_unclear_with_low_confidence(string statement)
    {
        var result = Classify(statement);

        Assert.Equal(Need.Unclear, result.Need);
        Assert.True(result.Confidence < 0.3, $"confidence {result.Confidence}");
        Assert.False(result.InferredAnswers.ContainsKey("need"));
    }

    [Theory]
    [InlineData("We want to train our own model.")]
    [InlineData("Build our own LLM from scratch.")]
    [InlineData("They plan to pre-train a model on agency records.")]
    public void Building_a_model_is_train(string statement)
    {
        var result = Classify(statement);

        Assert.Equal(Need.Train, result.Need);
        Assert.Equal("train", result.InferredAnswers["need"]);
    }

    [Theory]
    [InlineData("It should sound like our agency.", "tone")]
    [InlineData("Always answer in our format.", "format")]
    [InlineData("Output has to be valid JSON matching our schema.", "format")]
    [InlineData("We need lower latency and shorter prompts at high volume.", "volume")]
    [InlineData("It must handle medical coding and our clinical jargon.", "vocabulary")]
    [InlineData("Drafts need proper legal citation conventions.", "vocabulary")]
    public void Behaviour_statements_name_the_kind_of_change(string statement, string change)
    {
        var result = Classify(statement);

        Assert.Equal(Need.Behavior, result.Need);
        Assert.Equal(change, result.InferredAnswers["change"]);
    }

    [Fact]
    public void Knowledge_and_behaviour_together_are_both()
    {
        var result = Classify("Staff should ask questions about our policies and get answers in our agency's voice.");

        Assert.Equal(Need.Both, result.Need);
        Assert.Equal("tone", result.InferredAnswers["change"]);
    }

    [Theory]
    [InlineData("Quotes go out in our fixed layout, and the figures in them must reflect the price list we revised last week.")]
    [InlineData("Replies in our brand voice, with the parcel's status as of today.")]
    public void A_wanted_format_or_voice_with_answers_that_must_stay_current_is_both(string statement)
    {
        var result = Classify(statement);

        Assert.Equal(Need.Both, result.Need);
        Assert.Contains(result.Signals, s => s.EndsWith("(needs information that stays current)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Two things: it keeps sounding like a legal memo to patients, and it gets the clinic hours wrong.", "\"two things\" -> both")]
    [InlineData("It sounds like a legal memo to patients, and on top of that the clinic hours it gives are wrong.", "\"on top of that\" -> both")]
    // Without the listing words the sentence model hears only the voice: both read as behaviour.
    public void A_buyer_listing_two_concerns_is_both(string statement, string signal)
    {
        var result = Classify(statement);

        Assert.Equal(Need.Both, result.Need);
        Assert.Contains(result.Signals, s => s.StartsWith(signal, StringComparison.Ordinal));
    }

    [Fact]
    public void Listing_two_concerns_is_not_both_when_the_buyer_rules_it_out()
    {
        var result = Classify("It keeps sounding like a legal memo to patients; we don't need both fixed, only the voice.");

        Assert.Equal(Need.Behavior, result.Need);
        Assert.Contains("\"both\" -> ignored (negated)", result.Signals);
    }

    [Theory]
    [InlineData("Honestly it is the way the assistant replies to people that we want to change.")]
    [InlineData("What it knows is okay; how it reacts to staff is the problem.")]
    public void Another_behaviour_wanted_without_saying_which_leaves_the_kind_of_change_to_ask(string statement)
    {
        var result = Classify(statement);

        Assert.Equal(Need.Behavior, result.Need);
        Assert.False(result.InferredAnswers.ContainsKey("change"), string.Join(", ", result.InferredAnswers));
    }

    [Fact]
    public void The_kind_of_change_is_only_inferred_when_behaviour_is_part_of_the_need()
    {
        var result = Classify("Analysts need accurate answers about the fields in the current policy manual.");

        Assert.Equal(Need.Knowledge, result.Need);
        Assert.False(result.InferredAnswers.ContainsKey("change"));
    }

    [Fact]
    public void Negation_turns_a_cue_off()
    {
        var negated = Classify("It's not about tone, they need correct answers.");
        var plain = Classify("It's about tone, they need correct answers.");

        Assert.Equal(Need.Knowledge, negated.Need);
        Assert.Contains("\"tone\" -> ignored (negated)", negated.Signals);
        Assert.Equal(Need.Both, plain.Need);
    }

    [Theory]
    [InlineData("Accurate answers from the claims manual; the tone doesn't matter.", "tone")]
    [InlineData("Correct dosage answers from the formulary, and the format isn't the issue.", "format")]
    [InlineData("Accurate answers from the claims manual; the tone nobody cares about.", "tone")]
    [InlineData("Accurate answers from the claims manual; who cares about the tone.", "tone")]
    [InlineData("Accurate answers from the claims manual; the tone we don't care about.", "tone")]
    public void A_cue_waved_away_after_it_is_turned_off(string statement, string cue)
    {
        var result = Classify(statement);

        Assert.Contains($"\"{cue}\" -> ignored (negated)", result.Signals);
        Assert.Equal(Need.Knowledge, result.Need);
    }

    [Fact]
    public void A_cue_set_aside_with_forget_is_turned_off()
    {
        var result = Classify("Forget the tone, they need correct answers from the claims manual.");

        Assert.Contains("\"tone\" -> ignored (negated)", result.Signals);
        Assert.Equal(Need.Knowledge, result.Need);
    }

    [Theory]
    [InlineData("Their facts are solid, they only want a friendlier voice.")]
    [InlineData("The facts are whatever, they only want a friendlier voice.")]
    [InlineData("Their facts are solved already, they only want a friendlier voice.")]
    public void A_cue_said_to_be_already_good_is_turned_off(string statement)
    {
        var result = Classify(statement);

        Assert.Contains("\"facts\" -> ignored (negated)", result.Signals);
        Assert.Equal(Need.Behavior, result.Need);
    }

    [Theory]
    [InlineData("The tone isn't fine for patients.", "tone")]                               // a negator: still the need
    [InlineData("They need accurate answers fine tuned to the claims manual.", "accurate answers")] // "fine" of fine-tune
    public void A_settled_word_counts_only_after_is_or_are_and_without_a_negator(string statement, string cue)
    {
        var result = Classify(statement);

        Assert.DoesNotContain($"\"{cue}\" -> ignored (negated)", result.Signals);
        Assert.Contains(result.Signals, s => s.StartsWith($"\"{cue}\" -> ", StringComparison.Ordinal));
    }

    [Fact]
    public void Training_it_themselves_is_a_training_need()
    {
        var result = Classify("Leadership says we will train it ourselves.");

        Assert.Equal(Need.Train, result.Need);
        Assert.Contains(result.Signals, s => s.StartsWith("\"train it ourselves\" -> train", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("It doesn't know our products.", "know our", Need.Knowledge)]
    [InlineData("The bot can't stick to our JSON schema.", "json", Need.Behavior)]
    [InlineData("The model doesn't speak our coding jargon.", "jargon", Need.Behavior)]
    public void A_negated_complaint_about_the_model_states_the_need(string statement, string cue, Need need)
    {
        var result = Classify(statement);

        Assert.DoesNotContain($"\"{cue}\" -> ignored (negated)", result.Signals);
        Assert.Contains(result.Signals, s => s.StartsWith($"\"{cue}\" -> ", StringComparison.Ordinal));
        Assert.Equal(need, result.Need);
    }

    [Theory]
    [InlineData("We don't need it to know our products, just sound friendlier.", "know our")]
    [InlineData("It doesn't need to know our products, just sound friendlier.", "know our")]
    public void A_negated_want_is_still_a_dismissal(string statement, string cue)
    {
        Assert.Contains($"\"{cue}\" -> ignored (negated)", Classify(statement).Signals);
    }

    [Fact]
    public void Negation_reaches_only_the_next_cue()
    {
        var result = Classify("General models don't know our coding conventions.");

        Assert.Equal(Need.Behavior, result.Need);
        Assert.Equal("vocabulary", result.InferredAnswers["change"]);
    }

    [Fact]
    public void A_hedge_weakens_a_cue()
    {
        var hedged = Classify("Maybe the tone matters.");
        var plain = Classify("The tone matters.");

        Assert.Equal(Need.Behavior, hedged.Need);
        Assert.True(hedged.Confidence < plain.Confidence);
        Assert.Contains(hedged.Signals, s => s.Contains("hedged", StringComparison.Ordinal));
    }

    [Fact]
    public void More_evidence_means_more_confidence()
    {
        var one = Classify("Staff need the manual.");
        var several = Classify("Staff need to search the manual and get accurate answers about current procedures.");

        Assert.Equal(Need.Knowledge, one.Need);
        Assert.Equal(Need.Knowledge, several.Need);
        Assert.True(several.Confidence > one.Confidence);
        Assert.InRange(several.Confidence, 0, 1);
    }

    [Theory]
    [InlineData("The manual is updated weekly.", "week")]
    [InlineData("Guidance changes every month.", "month")]
    [InlineData("Our rules are revised quarterly.", "quarter")]
    [InlineData("The handbook is updated annually.", "year")]
    [InlineData("The rate sheet is static.", "stable")]
    [InlineData("The policy hasn't changed in years.", "stable")]
    [InlineData("Procedures change constantly.", "week")]
    // When it last changed, said about a change.
    [InlineData("We revised the returns guide a few days ago.", "week")]
    [InlineData("The price book was rewritten three weeks ago.", "month")]
    [InlineData("Our pension rules changed last month.", "month")]
    [InlineData("The fleet manual was overhauled a couple of months back and nobody told the bot.", "quarter")]
    [InlineData("Tariffs were amended six months ago.", "year")]
    [InlineData("The grant rules were rewritten about eight months ago.", "year")]
    [InlineData("Our rate card changes every Monday.", "week")]
    [InlineData("The style sheet was last updated years ago.", "stable")]
    public void A_stated_change_rate_or_time_answers_data_changed(string statement, string expected)
    {
        var answers = Classify(statement).InferredAnswers;
        Assert.True(answers.TryGetValue("data-changed", out var age)
            ? age == expected
            : answers["behavior-changes"] == NeedClassifier.BehaviorChangeFor(expected), string.Join(", ", answers));
    }

    [Fact]
    public void A_frequency_that_is_not_about_change_is_not_a_change_rate()
    {
        var result = Classify("We handle two million tickets a month.");

        Assert.False(result.InferredAnswers.ContainsKey("data-changed"));
    }

    [Theory]
    // "daily" describes the specials, "weekly" the allowance: the time next to the change word says when it changed.
    [InlineData("The menu changed two months ago and it still lists the old daily specials.", "quarter")]
    [InlineData("Allowances were revised last month and it still quotes the weekly amount from before.", "month")]
    // ... and when the time next to it is the frequency, the stale date further on is not when the data changed.
    [InlineData("The watch lists change every few days and it still quotes names from last year.", "week")]
    public void Within_a_clause_the_time_nearest_the_change_word_answers(string statement, string expected)
    {
        var reading = new NeedCueReader(TestCoach.Playbook).Read(statement);

        Assert.Equal(expected, reading.DataChanged);
    }

    [Fact]
    public void A_point_in_time_that_is_not_about_change_is_not_an_answer()
    {
        var reading = new NeedCueReader(TestCoach.Playbook).Read("We met their CIO three weeks ago.");

        Assert.Null(reading.DataChanged);
    }

    [Fact]
    public void The_most_frequent_stated_change_wins()
    {
        var result = Classify("The template hasn't changed in years, but the policies are updated weekly.");

        Assert.Equal("week", result.InferredAnswers["data-changed"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    [InlineData("?!...")]
    public void Empty_statements_are_unclear(string statement)
    {
        var result = Classify(statement);

        Assert.Equal(Need.Unclear, result.Need);
        Assert.Empty(result.Signals);
        Assert.Empty(result.InferredAnswers);
    }

    [Fact]
    public void Huge_statements_are_read_without_failing()
    {
        const string Sentence = "staff need correct answers about the current travel policy. ";
        var huge = string.Concat(Enumerable.Repeat(Sentence, 250));

        Assert.True(huge.Length > 10_000);
        Assert.Equal(Need.Knowledge, Classify(Sentence).Need);
        Assert.Equal(Need.Knowledge, Classify(huge).Need);
        Assert.Equal(Need.Unclear, Classify(new string('x', 10_000)).Need);
    }

    [Fact]
    public void Null_is_refused_clearly()
    {
        Assert.Throws<ArgumentNullException>(() => Classify(null!));
    }

    [Fact]
    public void Every_cue_can_match_its_own_words()
    {
        // A cue whose wording stems to the same words as a longer or earlier cue would never fire.
        var reader = new NeedCueReader(TestCoach.Playbook);
        foreach (var cue in TestCoach.Playbook.NeedCues)
            Assert.Contains(reader.Read(cue.Words).Signals, s => s.StartsWith('"') && s.Contains(cue.Reason, StringComparison.Ordinal));
        foreach (var cue in TestCoach.Playbook.RecencyCues)
            Assert.True(cue.Answer == reader.Read(cue.SaysChange ? cue.Words : $"it changed {cue.Words}").DataChanged, cue.Words);
    }

    [Theory]
    [InlineData("It keeps making up citations to policies that don't exist.", "knowledge")]
    [InlineData("The base model doesn't understand ICD-10 and CPT coding.", "behavior")]
    [InlineData("We want to own the weights outright.", "train")]
    [InlineData("We don't need it to sound like us, we need the facts right about our SOPs.", "knowledge")]
    public void The_issues_misreadings_are_read_as_the_seeds_say(string statement, string need)
    {
        Assert.Equal(need, Classify(statement).Need.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Cues_alone_read_a_statement_when_no_model_is_configured()
    {
        var wordsOnly = CoachBot.Core.Semantics.CoachUnderstanding.Lexical(TestCoach.Playbook).Classifier;

        var reading = wordsOnly.Classify("Staff need accurate answers from the current policy manual.", []);

        Assert.Equal(Need.Knowledge, reading.Need);
        Assert.DoesNotContain(reading.Signals, s => s.StartsWith("closest example", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reading_names_the_closest_labelled_example()
    {
        var reading = Classify("Contracting officers need correct answers about which clause applies.");

        Assert.Contains(reading.Signals, s => s.StartsWith("closest example: \u201c", StringComparison.Ordinal));
    }

    [Fact]
    public void A_behaviour_need_s_stated_change_rate_answers_how_often_the_behaviour_changes()
    {
        var answers = Classify("The discharge template hasn't changed in years; it has to come out in that exact format.").InferredAnswers;

        Assert.Equal("behavior", answers["need"]);
        Assert.Equal("stable", answers["behavior-changes"]);
        Assert.False(answers.ContainsKey("data-changed"));
    }
}
