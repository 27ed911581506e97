using System.Text.Json;
using CoachBot.Core.Analytics;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;

namespace CoachBot.Core.Tests.Dialogs;

public class QualifyTranscriptTests
{
    [Fact]
    public void Qualify_asks_behaviour_or_knowledge_first_with_choices_in_order()
    {
        var t = new Transcript();
        t.Say("qualify");
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Equal("Is the goal to change how the model responds, or what it knows?", t.Prompt.Prompt);
        Assert.Equal(["behavior", "knowledge", "both", "unsure"], t.Prompt.Choices.Select(c => c.Value));
    }

    [Fact]
    public void Knowledge_need_with_recent_data_recommends_rag()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("2");
        Assert.Equal("data-changed", t.Prompt.StepId);
        Assert.Equal("When did the underlying data last change?", t.Prompt.Prompt);
        Assert.Equal(["week", "month", "quarter", "year", "stable", "unknown"], t.Prompt.Choices.Select(c => c.Value));
        t.Say("this month");
        Assert.Equal("rag", Transcript.RecommendationOf(t.Recommendation));
        Assert.True(t.State.IsIdle);
        Assert.Equal("rag", t.State.LastRecommendation);
    }

    [Fact]
    public void Behaviour_need_asks_what_kind_of_change_and_tone_recommends_prompting()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("behaviour");
        Assert.Equal("change", t.Prompt.StepId);
        Assert.Equal(["tone", "format", "volume", "vocabulary"], t.Prompt.Choices.Select(c => c.Value));
        t.Say("tone");
        Assert.Equal("prompting", Transcript.RecommendationOf(t.Recommendation));
        Assert.False(t.State.Answers.ContainsKey("data-changed"));
    }

    [Fact]
    public void A_behaviour_need_is_asked_how_often_the_wanted_behaviour_changes_not_when_the_data_changed()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("behaviour");
        t.Say("strict output format");
        Assert.Equal("behavior-changes", t.Prompt.StepId);
        Assert.Equal("How often does the behavior you want change: the format, the style, the vocabulary?", t.Prompt.Prompt);
        Assert.DoesNotContain("data", t.Prompt.Prompt);
        t.Say("it's set by regulation");
        Assert.Equal("stable", t.State.Answers["behavior-changes"]);
        Assert.Equal("labeled-data", t.Prompt.StepId);
        t.Say("we already have labeled data");
        Assert.Equal("fine-tuning", Transcript.RecommendationOf(t.Recommendation));
    }

    [Fact]
    public void Strict_format_that_is_stable_recommends_fine_tuning_but_one_still_changing_monthly_recommends_prompting()
    {
        var stable = new Transcript();
        stable.Answer("need", "behavior");
        stable.Answer("change", "format");
        stable.Answer("behavior-changes", "stable");
        stable.Answer("labeled-data", "ready");
        Assert.Equal("fine-tuning", Transcript.RecommendationOf(stable.Recommendation));

        var monthly = new Transcript();
        monthly.Answer("need", "behavior");
        monthly.Answer("change", "format");
        monthly.Answer("behavior-changes", "often");
        Assert.Equal("prompting", Transcript.RecommendationOf(monthly.Recommendation));
        // It says when fine-tuning would become right.
        Assert.Contains("fine-tuning fits", Transcript.AllText(monthly.Recommendation));
    }

    [Fact]
    public void Volume_with_a_behaviour_that_changes_a_few_times_a_year_recommends_fine_tuning_and_shows_the_cost_trade_off()
    {
        var t = new Transcript();
        t.Answer("need", "behavior");
        t.Answer("change", "volume");
        t.Answer("behavior-changes", "sometimes");
        t.Answer("labeled-data", "ready");
        var card = t.Recommendation;
        Assert.Equal("fine-tuning", Transcript.RecommendationOf(card));
        var cost = card.WithDetailsShown().Blocks.OfType<FactsBlock>().Last().Facts;
        Assert.Contains(cost, f => f.Label == "Up front" && f.Value == "$1K–$1M+");
        var tradeOff = Assert.Single(cost, f => f.Label == "Trade-off").Value;
        Assert.Contains("LoRA", tradeOff);
        Assert.Contains("every call", tradeOff);
        Assert.Contains(new Fact("Wanted behavior changes", "A few times a year"), card.WithDetailsShown().Blocks.OfType<FactsBlock>().First().Facts);
        // The seed's "every time your data changes, you're running the process again" is about knowledge tuned in;
        // a behavior card does not show it.
        Assert.DoesNotContain(card.WithDetailsShown().Blocks.OfType<PhraseBlock>(), p => p.PhraseId == "finetune-cost");
    }

    [Fact]
    public void Labeled_examples_and_a_person_reviewing_the_output_decide_a_settled_format_between_prompting_and_fine_tuning()
    {
        Transcript Settled()
        {
            var t = new Transcript();
            t.Answer("need", "behavior");
            t.Answer("change", "format");
            t.Answer("behavior-changes", "sometimes");
            return t;
        }

        var labeled = Settled();
        labeled.Say("yes");
        Assert.Equal("ready", labeled.State.Answers["labeled-data"]);
        Assert.Equal("fine-tuning", Transcript.RecommendationOf(labeled.Recommendation));
        Assert.Contains("natural next step", Transcript.AllText(labeled.Recommendation));

        var automated = Settled();
        automated.Say("no examples");
        Assert.Equal("reviewed", automated.Prompt.StepId);
        Assert.Equal("Does a person review each output before it is used?", automated.Prompt.Prompt);
        automated.Say("no, it's fully automated");
        Assert.Equal("unreviewed", automated.State.Answers["reviewed"]);
        Assert.Equal("fine-tuning", Transcript.RecommendationOf(automated.Recommendation));
        Assert.Contains("right the first time", Transcript.AllText(automated.Recommendation));
        Assert.Contains(automated.Recommendation.WithDetailsShown().Blocks, b => b is NoteBlock { Tone: NoteTone.Caution } n && n.Text.Contains("building one is the first cost"));

        var reviewed = Settled();
        reviewed.Answer("labeled-data", "none");
        reviewed.Say("an analyst checks every draft");
        Assert.Equal("reviewed", reviewed.State.Answers["reviewed"]);
        Assert.Equal("prompting", Transcript.RecommendationOf(reviewed.Recommendation));
        Assert.Contains("corrections", Transcript.AllText(reviewed.Recommendation));
    }

    [Fact]
    public void Volume_with_a_behaviour_still_changing_monthly_stays_in_the_prompt_and_says_why()
    {
        var t = new Transcript();
        t.Answer("need", "behavior");
        t.Answer("change", "volume");
        t.Answer("behavior-changes", "often");
        var card = t.Recommendation;
        Assert.Equal("prompting", Transcript.RecommendationOf(card));
        Assert.Contains(card.WithDetailsShown().Blocks.OfType<FactsBlock>().Last().Facts, f => f.Label == "Trade-off");
        Assert.Contains("fine-tuning to shorten the prompt", Transcript.AllText(card));
    }

    [Fact]
    public void Both_with_volume_recommends_fine_tuning_for_the_behaviour_together_with_retrieval_for_the_knowledge()
    {
        var t = new Transcript();
        t.State = t.State with { AccountName = "Acme" };
        t.Answer("need", "both");
        t.Answer("data-changed", "week");
        t.Answer("change", "volume");
        t.Answer("behavior-changes", "sometimes");
        t.Answer("labeled-data", "none");
        var card = t.Recommendation;
        Assert.Equal("fine-tuning", Transcript.RecommendationOf(card));
        var text = Transcript.AllText(card);
        Assert.Contains("Together with " + Transcript.Playbook.Approach("rag").Headline, text);
        Assert.DoesNotContain("instructions and examples in the prompt", text);
        Assert.Contains(card.WithDetailsShown().Blocks.OfType<FactsBlock>().Last().Facts, f => f.Label == "Trade-off");
        Assert.Contains(t.Events, e => e.Kind == AnalyticsKind.Recommendation && e.Subject == "fine-tuning + rag");

        t.Click(card.Actions.Single(a => a.Command.Name == ActionKeys.PostSummary));
        var summary = t.Last.OfType<PostToDealChannel>().Single().Card;
        Assert.Contains(new Fact("Recommendation", "Fine-tuning, together with Retrieval (RAG)"), summary.Blocks.OfType<FactsBlock>().First().Facts);
    }

    [Theory]
    [InlineData("KNOWLEDGE")]
    [InlineData("knowlege")]
    [InlineData("2")]
    [InlineData("#2")]
    [InlineData("two")]
    [InlineData("option 2")]
    [InlineData("what it knows")]
    [InlineData("  Knowledge!! ")]
    public void Typed_answers_accept_number_word_synonym_case_and_small_typos(string typed)
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say(typed);
        Assert.Equal("knowledge", t.State.Answers["need"]);
        Assert.Equal("data-changed", t.Prompt.StepId);
    }

    [Fact]
    public void Not_sure_coaches_the_seller_and_asks_again()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("not sure");
        var coaching = t.Card("coaching");
        var need = Transcript.Playbook.Question("need");
        Assert.Contains(need.AskTheBuyer, Transcript.AllText(coaching));
        Assert.All(need.ListenFor, l => Assert.Contains(l.SoundsLike, Transcript.AllText(coaching)));
        Assert.Equal("need", t.Prompt.StepId);
        Assert.False(t.State.Answers.ContainsKey("need"));
    }

    [Fact]
    public void Unrecognised_answers_retry_then_offer_a_way_out_instead_of_looping()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("purple elephants");
        Assert.Equal(1, t.State.Retries);
        Assert.Equal("need", t.Prompt.StepId);
        t.Say("zzz");
        Assert.Equal(2, t.State.Retries);
        Assert.False(t.Shows("way-out"));
        t.Say("qwerty");
        var wayOut = t.Card("way-out");
        Assert.Contains(wayOut.Actions, a => a.Command.Name == ActionKeys.Cancel);
        Assert.Contains(wayOut.Actions, a => a.Command.Name == ActionKeys.Answer && a.Command.ToData()[ActionKeys.Value] == "unsure");
        Assert.Equal(0, t.State.Retries);
        // The dialog is still usable afterwards.
        t.Say("1");
        Assert.Equal("behavior", t.State.Answers["need"]);
    }

    [Fact]
    public void Cancel_start_over_and_back_work_at_any_step()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("1");
        t.Say("back");
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Empty(t.State.Answers);

        t.Say("1");
        t.Say("stable");
        t.Say("start over");
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Empty(t.State.Answers);

        t.Say("2");
        t.Say("cancel");
        Assert.True(t.State.IsIdle);
        Assert.Empty(t.State.Answers);
        Assert.Contains("Cancelled", t.Text);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("button")]
    public void Qualify_in_the_middle_of_a_dialog_keeps_the_answers_and_start_over_drops_them(string how)
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("2");
        if (how == "text") t.Say("qualify");
        else t.Click(t.Coach.WelcomeCard().Actions.Single(a => a.Command.Name == ActionKeys.Qualify));

        Assert.Equal("knowledge", t.State.Answers["need"]);
        Assert.Equal("data-changed", t.Prompt.StepId);
        Assert.Contains("so I've kept it", t.Text);

        t.Click((ActionKeys.Action, ActionKeys.StartOver));
        Assert.Empty(t.State.Answers);
        Assert.Equal("need", t.Prompt.StepId);
    }

    [Fact]
    public void Resuming_a_half_finished_dialog_shows_the_answers_so_far_and_the_question_again_without_changing_anything()
    {
        var t = new Transcript();
        t.Say("coach: the CIO wants to fine-tune on procurement policy so contracting officers can ask questions");
        var saved = t.State;

        var replies = t.Coach.Resume(saved);

        var card = Assert.IsType<CardReply>(replies[0]).Card;
        Assert.Equal("resume", card.Kind);
        Assert.Contains(new Fact("Need", "What it knows"), card.WithDetailsShown().Blocks.OfType<FactsBlock>().Single().Facts);
        Assert.Contains("procurement policy", Transcript.AllText(card));
        Assert.Equal([ActionKeys.StartOver], card.Actions.Select(a => a.Command.Name));
        Assert.Equal("data-changed", Assert.IsType<ChoicePrompt>(replies[1]).StepId);
        Assert.Empty(t.Coach.Resume(DialogState.Empty));
        Assert.Equal("Which account is this for?", Assert.IsType<TextReply>(Assert.Single(t.Coach.Resume(DialogState.Empty with { AwaitingAccount = true }))).Text);
    }

    [Theory]
    [InlineData("qualfy", "qualify")]
    [InlineData("strat over", "start over")]
    [InlineData("phrsae cost", "phrase cost")]
    [InlineData("coahc: the CIO wants our own model", "coach the CIO wants our own model")]
    [InlineData("hlep", "help")]
    [InlineData("bakc", "back")]
    [InlineData("qualify", null)]
    [InlineData("step", null)]
    [InlineData("stable", null)]
    [InlineData("tone", null)]
    [InlineData("cost", null)]
    [InlineData("phrse rollout", "phrase rollout")]
    [InlineData("", null)]
    public void A_mistyped_command_is_corrected_and_nothing_else_is(string typed, string? expected) =>
        Assert.Equal(expected, CoachBot.Core.Dialogs.CommandParser.Correct(typed));

    [Fact]
    public void Back_at_the_first_question_says_so_and_asks_it_again()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("back");
        Assert.Contains("first question", t.Text);
        Assert.Equal("need", t.Prompt.StepId);
    }

    [Fact]
    public void Help_mid_dialog_shows_help_and_keeps_the_question()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("2");
        t.Say("help");
        Assert.True(t.Shows("help"));
        Assert.Equal("data-changed", t.Prompt.StepId);
        Assert.Equal("knowledge", t.State.Answers["need"]);
    }

    [Fact]
    public void Phrase_lookup_mid_dialog_answers_and_keeps_the_question()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("phrase expensive");
        Assert.True(t.Shows("phrases"));
        Assert.Equal("need", t.Prompt.StepId);
    }

    [Fact]
    public void A_stale_dialog_expires_after_an_hour_with_a_clear_message()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say("2");
        t.Clock.Advance(TimeSpan.FromMinutes(61));
        t.Say("1");
        Assert.Contains("expired", t.Text);
        Assert.True(t.State.IsIdle);
        Assert.Empty(t.State.Answers);
    }

    [Fact]
    public void A_dialog_within_the_hour_does_not_expire()
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Clock.Advance(TimeSpan.FromMinutes(59));
        t.Say("2");
        Assert.DoesNotContain("expired", t.Text);
        Assert.Equal("knowledge", t.State.Answers["need"]);
    }

    [Fact]
    public void Buttons_answer_steps_and_work_from_an_idle_conversation()
    {
        var t = new Transcript();
        t.Answer("need", "knowledge");
        Assert.Equal("data-changed", t.Prompt.StepId);
        t.Answer("data-changed", "unknown");
        var card = t.Recommendation;
        Assert.Equal("rag", Transcript.RecommendationOf(card));
        Assert.Contains(card.WithDetailsShown().Blocks, b => b is NoteBlock { Tone: NoteTone.Caution });
    }

    [Fact]
    public void The_recommendation_comes_compact_and_show_details_answers_with_the_whole_card_without_counting_it_again()
    {
        var t = new Transcript();
        t.Answer("need", "knowledge");
        t.Answer("data-changed", "month");
        var compact = t.Recommendation;
        Assert.DoesNotContain(compact.Blocks, b => b is PhraseBlock or FactsBlock or HeadingBlock);
        Assert.DoesNotContain("Where it breaks", Transcript.CompactText(compact));
        var recommendations = t.Events.Count(e => e.Kind == CoachBot.Core.Analytics.AnalyticsKind.Recommendation);

        t.Click(compact.Details!.Show);
        var whole = t.Recommendation;
        Assert.Null(whole.Details);
        Assert.Equal(compact.Blocks.Count + compact.Details.Blocks.Count, whole.Blocks.Count);
        Assert.Equal(Transcript.AllText(compact), Transcript.AllText(whole));
        Assert.Equal(compact.Actions.Select(a => a.Command.Name), whole.Actions.Select(a => a.Command.Name));
        Assert.Contains(whole.Blocks, b => b is FactsBlock f && f.Facts.Any(x => x.Label == "Where it breaks"));
        Assert.Equal(recommendations, t.Events.Count(e => e.Kind == CoachBot.Core.Analytics.AnalyticsKind.Recommendation));

        // Typed, as in the terminal or a chat without buttons.
        t.Say("details");
        Assert.Equal(Transcript.AllText(whole), Transcript.CompactText(t.Recommendation));
    }

    [Fact]
    public void Show_details_with_no_recommendation_given_says_so_and_asks_the_open_question_again()
    {
        var t = new Transcript();
        t.Say("details");
        Assert.Contains("no recommendation", t.Text);
        Assert.False(t.Shows("recommendation"));

        t.Say("qualify");
        t.Say("show details");
        Assert.Contains("no recommendation", t.Text);
        Assert.Equal("need", t.Prompt.StepId);
    }

    [Fact]
    public void An_older_button_changes_an_earlier_answer_and_forgets_what_depended_on_it()
    {
        var t = new Transcript();
        t.Answer("need", "behavior");
        t.Answer("change", "format");
        Assert.Equal("behavior-changes", t.Prompt.StepId);
        t.Answer("need", "knowledge");
        Assert.Equal("knowledge", t.State.Answers["need"]);
        Assert.False(t.State.Answers.ContainsKey("change"));
        Assert.Equal("data-changed", t.Prompt.StepId);
    }

    [Fact]
    public void Buyer_words_are_classified_and_the_answered_question_is_skipped()
    {
        var t = new Transcript();
        t.Say("coach: the CIO wants to fine-tune on three years of procurement policy so contracting officers can ask questions");
        var understood = t.Card("understood");
        Assert.Contains("Knowledge", Transcript.AllText(understood), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("knowledge", t.State.Answers["need"]);
        Assert.Equal("data-changed", t.Prompt.StepId);
        t.Say("this quarter");
        var card = t.Recommendation;
        Assert.Equal("rag", Transcript.RecommendationOf(card));
        Assert.Contains("procurement policy", Transcript.AllText(card));
    }

    [Fact]
    public void The_seller_can_correct_what_the_classifier_understood()
    {
        var t = new Transcript();
        t.Say("coach: the CIO wants to fine-tune on three years of procurement policy so contracting officers can ask questions");
        t.Click(t.Card("understood").Actions.Single(a => a.Command.Name == ActionKeys.Correct));
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Empty(t.State.Answers);
        t.Say("1");
        Assert.Equal("behavior", t.State.Answers["need"]);
    }

    [Fact]
    public void Unclear_buyer_words_start_the_questions_from_the_top()
    {
        var t = new Transcript();
        t.Say("coach: we had a meeting yesterday");
        Assert.Equal("need", t.Prompt.StepId);
        Assert.Equal("we had a meeting yesterday", t.State.BuyerWords);
    }

    [Fact]
    public void Train_our_own_model_asks_about_data_isolation_first_and_isolation_leads_to_retrieval_not_training()
    {
        var t = new Transcript();
        t.Say("coach: the agency wants to train our own model from scratch");
        Assert.Equal("train", t.State.Answers["need"]);
        Assert.Equal("own-model", t.Prompt.StepId);
        Assert.Equal(Transcript.Playbook.Question("data-isolation").AskTheBuyer, t.Prompt.Prompt);
        Assert.Equal(["isolation", "ownership", "unsure"], t.Prompt.Choices.Select(c => c.Value));

        t.Say("our data can't leave our environment");
        var card = t.Recommendation;
        Assert.Equal("rag", Transcript.RecommendationOf(card));
        var text = Transcript.AllText(card);
        Assert.Contains("deployment architecture question", text);
        Assert.DoesNotContain("data last changed", text, StringComparison.OrdinalIgnoreCase);
        // What the buyer asked for is shown and recorded apart from what was recommended.
        var facts = card.WithDetailsShown().Blocks.OfType<FactsBlock>().First().Facts;
        Assert.Contains(new Fact("Buyer asked for", "Train our own model"), facts);
        Assert.Contains(t.Events, e => e.Kind == AnalyticsKind.Recommendation && e.Subject == "rag");
        Assert.Contains(t.Events, e => e.Kind == AnalyticsKind.BuyerAsk && e.Subject == "Train our own model" && e.Detail == "rag");
        Assert.DoesNotContain(t.Events, e => e.Kind == AnalyticsKind.Recommendation && e.Subject == "training");
        // The article that says training is the defensible answer for regulated data is shown with its counterpart.
        Assert.Contains("The articles disagree: Regulated data and data residency", text);
        Assert.Contains("\u201cEnterprise AI Is Not a Magic Trick\u201d: In a regulated environment", text);
    }

    [Fact]
    public void Owning_the_model_is_training_only_with_the_budget_and_team_for_it()
    {
        var funded = new Transcript();
        funded.Answer("need", "train");
        funded.Answer("own-model", "ownership");
        Assert.Equal("training-budget", funded.Prompt.StepId);
        funded.Answer("training-budget", "funded");
        Assert.Equal("training", Transcript.RecommendationOf(funded.Recommendation));
        // The card says why training is justified here: ownership is the goal and the budget and team exist.
        Assert.Contains("budget and a round-the-clock team", Transcript.AllText(funded.Recommendation));

        var unfunded = new Transcript();
        unfunded.Answer("need", "train");
        unfunded.Answer("own-model", "ownership");
        unfunded.Say("no budget");
        Assert.Equal("prompting", Transcript.RecommendationOf(unfunded.Recommendation));
        Assert.Contains(Transcript.Playbook.Question("switch-models").AskTheBuyer, Transcript.AllText(unfunded.Recommendation));
        Assert.Contains(unfunded.Events, e => e.Kind == AnalyticsKind.BuyerAsk && e.Detail == "prompting");
    }

    [Fact]
    public void Not_sure_why_they_want_their_own_model_coaches_the_seller_with_what_each_answer_sounds_like()
    {
        var t = new Transcript();
        t.Answer("need", "train");
        t.Say("not sure");
        var coaching = Transcript.AllText(t.Card("coaching"));
        Assert.All(Transcript.Playbook.Question("data-isolation").ListenFor, l => Assert.Contains(l.SoundsLike, coaching));
        Assert.Equal("own-model", t.Prompt.StepId);
    }

    [Fact]
    public void Deal_summary_records_what_the_buyer_asked_for_apart_from_the_recommendation()
    {
        var t = new Transcript();
        t.State = t.State with { AccountName = "Acme" };
        t.Answer("need", "train");
        t.Answer("own-model", "isolation");
        t.Click(t.Recommendation.Actions.Single(a => a.Command.Name == ActionKeys.PostSummary));
        var facts = t.Last.OfType<PostToDealChannel>().Single().Card.Blocks.OfType<FactsBlock>().First().Facts;
        Assert.Contains(new Fact("Buyer asked for", "Train our own model"), facts);
        Assert.Contains(new Fact("Recommendation", Transcript.Playbook.Approach("rag").Name), facts);
        Assert.DoesNotContain(facts, f => f.Label == "Diagnosis" && f.Value.Contains("Train our own model"));
    }

    [Fact]
    public void Post_summary_asks_for_the_account_once_then_hands_the_summary_to_the_channel()
    {
        var t = new Transcript();
        t.Answer("need", "knowledge");
        t.Answer("data-changed", "month");
        var post = t.Recommendation.Actions.Single(a => a.Command.Name == ActionKeys.PostSummary);
        Assert.Equal("rag", post.Command.ToData()[ActionKeys.Recommendation]);

        t.Click(post);
        Assert.True(t.State.AwaitingAccount);
        Assert.Contains("account", t.Text, StringComparison.OrdinalIgnoreCase);
        t.Say("Department of Examples");
        var summary = t.Last.OfType<PostToDealChannel>().Single();
        Assert.Equal("Department of Examples", summary.AccountName);
        var text = Transcript.AllText(summary.Card);
        Assert.Contains("Department of Examples", text);
        Assert.Contains(Transcript.Playbook.Approach("rag").Name, text);
        Assert.Contains(Transcript.Playbook.AnalogyFor("rag")!.BuyerLine + " (CoachBot's own analogy, not from the articles)", text);

        // The account is remembered for the next summary.
        t.Click(post);
        Assert.Single(t.Last.OfType<PostToDealChannel>());
    }

    [Theory]
    [InlineData("where does Okta fit", "where-okta-fits")]
    [InlineData("they want to fine-tune on the document library so staff can ask it questions", "rag-wearing-finetuning-clothes")]
    [InlineData("we already have labeled data", "labelled-data-ready")]
    [InlineData("no human in the loop, fully automated", "human-in-the-loop")]
    [InlineData("the vendor says we need fine-tuning", "vendors-sell-finetuning")]
    public void Look_ups_the_playbook_could_not_answer_find_the_new_rows(string query, string phraseId)
    {
        var t = new Transcript();
        t.Say("phrase " + query);
        var card = t.Card("phrases");
        Assert.NotEqual("No match", card.Title);
        Assert.Equal(phraseId, card.WithDetailsShown().Blocks.OfType<PhraseBlock>().First().PhraseId);
    }

    [Fact]
    public void The_rag_analogy_is_shown_as_coachbots_own_and_a_seed_analogy_with_its_article()
    {
        var rag = new Transcript();
        rag.Answer("need", "knowledge");
        rag.Answer("data-changed", "month");
        var ragText = Transcript.AllText(rag.Recommendation);
        Assert.Contains("CoachBot's own analogy, not from the articles", ragText);
        Assert.Contains("Say to the buyer: \u201c" + Transcript.Playbook.AnalogyFor("rag")!.BuyerLine + "\u201d", ragText);

        var lookup = new Transcript();
        lookup.Say("okta analogy rag");
        Assert.Contains("CoachBot's own analogy, not from the articles", Transcript.AllText(lookup.Card("phrases")));

        var prompting = new Transcript();
        prompting.Answer("need", "behavior");
        prompting.Answer("change", "tone");
        var promptingText = Transcript.AllText(prompting.Recommendation);
        Assert.Contains("From \u201cTraining, fine-tuning and prompting: how to say it in the field\u201d", promptingText);
        Assert.DoesNotContain("CoachBot's own analogy", promptingText);

        var prep = Transcript.AllText(new Transcript().Coach.PrepCard());
        Assert.Contains("Retrieval authorized at request time (CoachBot's own analogy, not from the articles)", prep);
    }

    [Theory]
    [InlineData("what is RLHF", "RLHF (reinforcement learning from human feedback)")]
    [InlineData("what is DPO", "DPO (Direct Preference Optimization)")]
    public void Rlhf_and_dpo_are_defined_separately(string question, string term)
    {
        var t = new Transcript();
        t.Say(question);
        Assert.Equal(term, t.Card("phrases").Blocks.OfType<HeadingBlock>().First().Text);
    }

    [Fact]
    public void Recommendations_and_lookups_are_recorded_as_analytics_events()
    {
        var t = new Transcript();
        t.Answer("need", "knowledge");
        t.Answer("data-changed", "week");
        t.Say("phrase expensive");
        t.Say("phrase weather in paris tomorrow");
        Assert.Contains(t.Events, e => e.Kind == AnalyticsKind.Recommendation && e.Subject == "rag");
        Assert.Contains(t.Events, e => e.Kind == AnalyticsKind.Lookup && e.Subject == "expensive" && e.Detail == "finetune-cost");
        Assert.Contains(t.Events, e => e.Kind == AnalyticsKind.NoMatchLookup && e.Subject == "weather in paris tomorrow");
    }

    [Fact]
    public void State_survives_a_json_round_trip_between_every_turn()
    {
        var t = new Transcript();
        foreach (var input in new[] { "qualify", "1", "back", "1", "format", "stable", "yes" })
        {
            var json = JsonSerializer.Serialize(t.State);
            t.State = JsonSerializer.Deserialize<DialogState>(json)!;
            t.Say(input);
        }
        Assert.Equal("fine-tuning", Transcript.RecommendationOf(t.Recommendation));
    }

    [Fact]
    public void Unknown_or_malformed_button_data_gets_a_message_not_an_exception()
    {
        var t = new Transcript();
        t.Click(("action", "selfDestruct"));
        Assert.Contains("didn't recognize", t.Text);
        t.Click(("action", "answer"), ("step", "need"), ("value", "banana"));
        Assert.Contains("doesn't match", t.Text);
        t.Click(("action", "postSummary"));
        Assert.Contains("no recommendation", t.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0007\u001b[31m")]
    [InlineData("\ud83d\ude80\ud83d\ude80 fine\u2011tune?!")]
    [InlineData("coach:")]
    [InlineData("phrase")]
    public void Odd_input_gets_an_answer_and_keeps_the_question(string text)
    {
        var t = new Transcript();
        t.Say("qualify");
        t.Say(text);
        Assert.NotEmpty(t.Last);
        Assert.Equal("need", t.State.StepId);
    }

    [Fact]
    public void A_huge_message_is_answered_without_an_exception()
    {
        var t = new Transcript();
        var huge = string.Concat(Enumerable.Repeat("we want to fine-tune on our policy documents ", 5_000));
        t.Say(huge);
        Assert.NotEmpty(t.Last);
        t.Say("phrase " + huge);
        Assert.NotEmpty(t.Last);
    }

    [Fact]
    public void A_short_word_one_letter_from_a_synonym_is_not_taken_as_that_answer()
    {
        var t = new Transcript();
        t.Answer("need", "behavior");
        Assert.Equal("change", t.Prompt.StepId);
        t.Say("tune");
        Assert.False(t.State.Answers.ContainsKey("change"));
        t.Say("tone");
        Assert.Equal("tone", t.State.Answers["change"]);
    }

    [Fact]
    public void A_recommendation_id_the_playbook_does_not_know_is_ignored_in_favour_of_the_last_one_given()
    {
        var t = new Transcript();
        t.Answer("need", "knowledge");
        t.Answer("data-changed", "week");
        t.Say("cancel");
        t.Click(("action", "morePhrases"), ("recommendation", "telepathy"));
        Assert.Equal("Phrases", t.Card("phrases").Title);
        t.State = t.State with { AccountName = "Acme" };
        t.Answer("need", "knowledge");
        t.Answer("data-changed", "week");
        t.Click(("action", "postSummary"), ("recommendation", "telepathy"));
        Assert.Contains(Transcript.Playbook.Approach("rag").Name, Transcript.AllText(t.Last.OfType<PostToDealChannel>().Single().Card));
    }
}
