using CoachBot.Core.Playbook;

namespace CoachBot.Core.Tests.Playbook;

/// <summary>
/// Each test copies the shipped playbook, breaks one thing and checks the error names the right file, line
/// and problem. Expected lines are found by searching the edited file for the broken text.
/// </summary>
public class PlaybookValidationTests
{
    private static PlaybookError AssertError(PlaybookValidationReport report, string file, int line, string messagePart)
    {
        Assert.Null(report.Content);
        var error = report.Errors.FirstOrDefault(e => e.File == file && e.Line == line && e.Message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(error is not null,
            $"expected {file}:{line}: ...{messagePart}...; got:{Environment.NewLine}{string.Join(Environment.NewLine, report.Errors)}");
        return error;
    }

    private static void AssertBroken(string file, string oldText, string newText, string lineMarker, string messagePart)
    {
        using var playbook = new TempPlaybook().Replace(file, oldText, newText);
        AssertError(playbook.Validate(), file, playbook.LineOf(file, lineMarker), messagePart);
    }

    // --- Syntax and types --------------------------------------------------------------------------------

    [Theory]
    [InlineData("    term: Runtime\n", "    term: \"Runtime\n    oops: 'x' \"closing\"\n", "term: \"Runtime", "")]
    [InlineData("    term: Runtime\n", "    term: Runtime\n   misindented: true\n", "misindented", "")]
    [InlineData("    term: Runtime\n", "    term: [Runtime\n", "[Runtime", "is a bracket or quote left open?")]
    public void Yaml_syntax_error_reports_its_line(string oldText, string newText, string lineMarker, string messagePart)
    {
        using var playbook = new TempPlaybook().Replace("glossary.yaml", oldText, newText);

        var error = Assert.Single(playbook.Validate().Errors);

        Assert.Equal(("glossary.yaml", playbook.LineOf("glossary.yaml", lineMarker)), (error.File, error.Line));
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public void Wrong_type_reports_the_value_line() =>
        AssertBroken("claims.yaml", "    verified: false\n    markers: [\"14 of 17\"", "    verified: perhaps\n    markers: [\"14 of 17\"",
            "verified: perhaps", "\"perhaps\" is not a valid YAML Boolean");

    [Fact]
    public void Unparseable_review_date_reports_the_value_line() =>
        AssertBroken("phrases.yaml", "    reviewBy: 2027-03-31\n\n  - id: training-vs-finetuning", "    reviewBy: next spring\n\n  - id: training-vs-finetuning",
            "next spring", "'next spring'");

    [Fact]
    public void Unknown_key_is_reported_at_its_line() =>
        AssertBroken("phrases.yaml", "    doSay: \"Fine-tuning changes how", "    doSya: \"Fine-tuning changes how",
            "doSya", "'doSya' is not a field of Phrase");

    [Fact]
    public void Empty_value_is_reported_at_its_key()
    {
        using var playbook = new TempPlaybook().Replace("glossary.yaml", "    term: Runtime\n", "    term:\n");

        AssertError(playbook.Validate(), "glossary.yaml", playbook.LinesOf("glossary.yaml", "term:", whole: true).Single(), "'term' has no value");
    }

    [Fact]
    public void Empty_list_item_is_reported_at_its_line()
    {
        using var playbook = new TempPlaybook().Replace("qualify.yaml", "              - 30 days\n", "              - 30 days\n              -\n");

        AssertError(playbook.Validate(), "qualify.yaml", playbook.LinesOf("qualify.yaml", "-", whole: true).Single(), "a list item has no value");
    }

    [Fact]
    public void Two_documents_in_one_file_are_rejected()
    {
        using var playbook = new TempPlaybook().Append("sources.yaml", "---\nmoreSources: []\n");

        AssertError(playbook.Validate(), "sources.yaml", playbook.LineOf("sources.yaml", "moreSources"), "one YAML document");
    }

    [Fact]
    public void File_that_is_not_a_mapping_is_rejected()
    {
        using var playbook = new TempPlaybook().Write("extra.yaml", "# comment\n- just\n- a list\n");

        AssertError(playbook.Validate(), "extra.yaml", 2, "must be a mapping of lists");
    }

    [Fact]
    public void Lists_of_one_kind_in_several_files_are_joined_in_file_name_order()
    {
        using var playbook = new TempPlaybook().Write("zz-more-sources.yaml", "sources:\n  - id: seed-009\n    file: 009.txt\n    title: Extra\n");

        var report = playbook.Validate();

        Assert.Empty(report.Errors);
        Assert.Equal(["seed-000", "seed-003", "seed-004", "seed-009"], report.Content!.Sources.Select(s => s.Id));
    }

    // --- Ids and references ------------------------------------------------------------------------------

    [Fact]
    public void Duplicate_id_is_reported_at_the_second_entity()
    {
        using var playbook = new TempPlaybook().Replace("phrases.yaml", "  - id: training-vs-finetuning", "  - id: knows-vs-behaves");

        var lines = playbook.LinesOf("phrases.yaml", "- id: knows-vs-behaves", whole: true);

        AssertError(playbook.Validate(), "phrases.yaml", lines[1], $"duplicate phrase id 'knows-vs-behaves' (first at phrases.yaml:{lines[0]})");
    }

    [Fact]
    public void Duplicate_choice_value_is_reported()
    {
        using var playbook = new TempPlaybook().Replace("qualify.yaml", "          - value: month", "          - value: week");

        AssertError(playbook.Validate(), "qualify.yaml", playbook.LinesOf("qualify.yaml", "- value: week", whole: true)[1],
            "duplicate choice value of step 'data-changed' id 'week'");
    }

    [Theory]
    [InlineData("phrases.yaml", "    approaches: [fine-tuning]\n    source: seed-003\n    owner: enablement@coachbot\n    reviewBy: 2027-03-31\n\n  - id: finetune-and-rag", "    approaches: [fine-tunning]\n    source: seed-003\n    owner: enablement@coachbot\n    reviewBy: 2027-03-31\n\n  - id: finetune-and-rag", "[fine-tunning]", "'fine-tunning' is not a known approach id")]
    [InlineData("phrases.yaml", "    source: seed-004\n    owner: enablement@coachbot\n    reviewBy: 2027-03-31\n\n  - id: portability", "    source: seed-009\n    owner: enablement@coachbot\n    reviewBy: 2027-03-31\n\n  - id: portability", "seed-009", "'seed-009' is not a known source id")]
    [InlineData("approaches.yaml", "          source: seed-003", "          source: seed-033", "seed-033", "'seed-033' is not a known source id")]
    [InlineData("glossary.yaml", "    sources: [seed-004]\n\n  - id: qlora", "    sources: [seed-404]\n\n  - id: qlora", "seed-404", "'seed-404' is not a known source id")]
    [InlineData("analogies.yaml", "    approach: rag", "    approach: retrieval", "approach: retrieval", "neither an approach id nor a glossary term id")]
    [InlineData("rules.yaml", "    recommend: training", "    recommend: pretraining", "recommend: pretraining", "'pretraining' is not a known recommendation id")]
    [InlineData("rules.yaml", "of their own later.\n    nextQuestion: model-custody", "of their own later.\n    nextQuestion: model-custody-x", "model-custody-x", "'model-custody-x' is not a known question id")]
    [InlineData("rules.yaml", "is proven.\n    nextQuestion: prompt-governance\n    claims: [in-context-80-20]", "is proven.\n    nextQuestion: prompt-governance\n    claims: [in-context-90-10]", "in-context-90-10", "'in-context-90-10' is not a known claim id")]
    [InlineData("qualify.yaml", "        question: change", "        question: what-change", "question: what-change", "'what-change' is not a known question id")]
    [InlineData("qualify.yaml", "          need: [behavior, both]", "          need: [behavior, everything]", "everything", "'everything' is not a choice of step 'need'")]
    [InlineData("qualify.yaml", "          need: [behavior, both]", "          goal: [behavior, both]", "goal: [behavior, both]", "'goal', which is not an earlier step")]
    [InlineData("rules.yaml", "      need: [train]\n      own-model: [isolation]", "      need: [trains]\n      own-model: [isolation]", "[trains]", "'trains' is not a choice of step 'need'")]
    [InlineData("rules.yaml", "      need: [train]\n      own-model: [isolation]", "      goal: [train]\n      own-model: [isolation]", "goal: [train]", "when names 'goal', which is not a dialog step")]
    [InlineData("questions.yaml", "      - answer: quarter", "      - answer: season", "answer: season", "listenFor answer 'season' is not a choice of step 'data-changed'")]
    [InlineData("questions.yaml", "      - answer: training\n", "      - answer: pretraining\n", "answer: pretraining", "listenFor answer 'pretraining' is not a approach id or choice value")]
    [InlineData("questions.yaml", "      - answer: ownership", "      - answer: owning", "answer: owning", "listenFor answer 'owning' is not a choice of step 'own-model'")]
    public void Unresolved_reference_is_reported_where_it_is_written(string file, string oldText, string newText, string lineMarker, string message) =>
        AssertBroken(file, oldText, newText, lineMarker, message);

    [Theory]
    [InlineData("    alongside: prompts\n", "'prompts' is not a known approach id")]
    [InlineData("    alongside:   rag\n", "alongside repeats the recommendation 'rag'")]
    public void Alongside_must_name_another_approach(string broken, string message) =>
        AssertBroken("rules.yaml", "    alongside: prompting\n    why: >-\n      The buyer needs both. Retrieval carries the knowledge part: answers",
            broken + "    why: >-\n      The buyer needs both. Retrieval carries the knowledge part: answers", broken.Trim(), message);

    [Fact]
    public void A_prep_brief_line_that_asks_a_question_is_rejected() =>
        AssertBroken("phrases.yaml", "  - id: finetune-on-documents\n", "  - id: finetune-on-documents\n    prep:  true\n",
            "prep:  true", "a line for the prep brief asks a question");

    [Fact]
    public void Too_few_prep_brief_lines_are_rejected()
    {
        using var playbook = new TempPlaybook()
            .Replace("phrases.yaml", "  - id: finetune-cost\n    prep: true\n", "  - id: finetune-cost\n")
            .Replace("phrases.yaml", "  - id: finetune-security\n    prep: true\n", "  - id: finetune-security\n")
            .Replace("phrases.yaml", "  - id: rag-not-workaround\n    prep: true\n", "  - id: rag-not-workaround\n");
        var report = playbook.Validate();
        Assert.Null(report.Content);
        Assert.Contains(report.Errors, e => e.File == "phrases.yaml" && e.Message.Contains("2 phrases have prep: true", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_asking_next_the_question_its_path_has_answered_is_rejected()
    {
        using var playbook = new TempPlaybook().Replace("rules.yaml",
            "      with confidence; retrieval reads the current version on every question.\n    nextQuestion: data-access",
            "      with confidence; retrieval reads the current version on every question.\n    nextQuestion: data-changed");

        AssertError(playbook.Validate(), "rules.yaml", playbook.LineOf("rules.yaml", "nextQuestion: data-changed"),
            "rule 'knowledge-changing' asks next 'data-changed', which the dialog has already answered when it fires (need=knowledge, data-changed=week)");
    }

    [Fact]
    public void Rule_asking_next_a_question_that_repeats_an_answered_step_in_other_words_is_rejected()
    {
        // style-or-accuracy asks what step need asks (questions.yaml: asks: [need]); every behavior path has answered need.
        using var playbook = new TempPlaybook().Replace("rules.yaml",
            "      costs cents per call, and changes on the next call with no retraining.\n    alsoConsider: >-\n      If the voice must hold at very high volume without reminders, fine-tuning can take over once the\n      prompt is proven.\n    nextQuestion: prompt-governance",
            "      costs cents per call, and changes on the next call with no retraining.\n    alsoConsider: >-\n      If the voice must hold at very high volume without reminders, fine-tuning can take over once the\n      prompt is proven.\n    nextQuestion: style-or-accuracy");

        AssertError(playbook.Validate(), "rules.yaml", playbook.LineOf("rules.yaml", "nextQuestion: style-or-accuracy"),
            "rule 'behavior-tone' asks next 'style-or-accuracy', which the dialog has already answered when it fires (need=behavior, change=tone)");
    }

    [Theory]
    [InlineData("questions.yaml", "    asks: [need]", "    asks: [goal]", "asks: [goal]", "question 'style-or-accuracy': 'goal' is not a known dialog step id")]
    [InlineData("phrases.yaml", "    asks: [own-model]", "    asks: [own-models]", "asks: [own-models]", "phrase 'train-own-model-isolation': 'own-models' is not a known dialog step id")]
    public void Asks_must_name_dialog_steps(string file, string oldText, string newText, string lineMarker, string message) =>
        AssertBroken(file, oldText, newText, lineMarker, message);

    [Fact]
    public void Step_condition_on_a_later_step_is_rejected()
    {
        using var playbook = new TempPlaybook()
            .Replace("qualify.yaml", "        question: data-changed\n        when:\n          need: [knowledge, both]\n", "        question: data-changed\n        when:\n          change: [tone]\n");

        AssertError(playbook.Validate(), "qualify.yaml", playbook.LineOf("qualify.yaml", "change: [tone]"),
            "step 'data-changed': when names 'change', which is not an earlier step");
    }

    // --- Required content --------------------------------------------------------------------------------

    [Fact]
    public void Missing_required_text_is_reported_at_the_entity() =>
        AssertBroken("phrases.yaml", "    doSay: \"Fine-tuning changes how the model behaves, not what it knows.\"\n", "",
            "id: knows-vs-behaves", "phrase 'knows-vs-behaves': doSay is missing");

    [Fact]
    public void Blank_quoted_text_is_reported_at_the_field() =>
        AssertBroken("analogies.yaml", "    concept: Running your own PKI", "    concept: \"  \"", "concept: \"  \"",
            "analogy 'analogy-training': concept is missing");

    [Fact]
    public void Missing_review_date_is_an_error() =>
        AssertBroken("phrases.yaml", "    reviewBy: 2027-03-31\n\n  - id: training-vs-finetuning", "\n  - id: training-vs-finetuning",
            "id: knows-vs-behaves", "reviewBy is missing");

    [Fact]
    public void Phrase_tags_must_be_three_to_eight_single_words()
    {
        using var playbook = new TempPlaybook()
            .Replace("phrases.yaml", "    tags: [smarter, knowledge, behavior, behaviour, data, finetune, learn]", "    tags: [smarter, knowledge]")
            .Replace("phrases.yaml", "    tags: [training, finetune, difference, bigger, scratch, scale]", "    tags: [training, fine tune, difference]");

        var report = playbook.Validate();

        AssertError(report, "phrases.yaml", playbook.LineOf("phrases.yaml", "tags: [smarter, knowledge]"), "has 2 tags; give 3 to 8");
        AssertError(report, "phrases.yaml", playbook.LineOf("phrases.yaml", "tags: [training, fine tune"), "tag 'fine tune' is not a single word");
    }

    [Fact]
    public void Step_kind_must_be_choice_or_text() =>
        AssertBroken("qualify.yaml", "        kind: choice\n        question: change", "        kind: radio\n        question: change",
            "kind: radio", "kind 'radio' is not one of choice, text");

    [Fact]
    public void The_qualify_dialog_must_exist() =>
        AssertBroken("qualify.yaml", "  - id: qualify", "  - id: qualify-v2", "dialogs:", "dialog 'qualify' is missing");

    [Fact]
    public void Synonym_shared_by_two_choices_of_a_step_is_rejected()
    {
        using var playbook = new TempPlaybook()
            .Replace("qualify.yaml", "              - 30 days\n", "              - 30 days\n              - Daily\n");

        AssertError(playbook.Validate(), "qualify.yaml", playbook.LineOf("qualify.yaml", "- Daily"),
            "choice 'month': synonym 'Daily' already means 'week'");
    }

    // --- Analogies ---------------------------------------------------------------------------------------

    [Fact]
    public void Recommendation_without_analogy_is_reported_at_the_approach()
    {
        using var playbook = new TempPlaybook().Replace("analogies.yaml", "    approach: rag", "    approach: context-window");

        AssertError(playbook.Validate(), "approaches.yaml", playbook.LineOf("approaches.yaml", "id: rag"), "approach 'rag' has no analogy");
    }

    [Fact]
    public void Second_analogy_for_a_recommendation_is_reported_at_the_second()
    {
        using var playbook = new TempPlaybook().Replace("analogies.yaml", "    approach: rag", "    approach: prompting");

        var report = playbook.Validate();

        var lines = File.ReadAllLines(Path.Combine(playbook.Directory, "analogies.yaml"));
        var second = Enumerable.Range(0, lines.Length).Where(i => lines[i] == "    approach: prompting").Last() + 1;
        AssertError(report, "analogies.yaml", second, "'prompting' already has an analogy");
    }

    [Theory]
    [InlineData("When a buyer wants their own model, ask whether the worry is really data isolation.")]
    [InlineData("Ask how often the underlying data changes.")]
    public void Analogy_line_written_as_advice_about_the_buyer_is_rejected(string advice)
    {
        using var playbook = new TempPlaybook().Replace("analogies.yaml",
            "      Building your own model is like running your own PKI from the root CA down: you own the trust anchor\n      and every policy under it, and you maintain all of it yourself. Unlike PKI there's no shared standard\n      behind it, so nobody else can carry any of that for you.",
            "      " + advice);

        // A block scalar (buyerLine: >-) is reported on its key's line, just above the text.
        AssertError(playbook.Validate(), "analogies.yaml", playbook.LineOf("analogies.yaml", advice) - 1, "analogy 'analogy-training': buyerLine is said to the buyer");
    }

    // --- Decision table ----------------------------------------------------------------------------------

    [Fact]
    public void Rule_shadowed_by_an_earlier_rule_can_never_fire()
    {
        using var playbook = new TempPlaybook().Replace("rules.yaml", "      need: [train]\n      own-model: [isolation]", "      need: [train, knowledge]");

        AssertError(playbook.Validate(), "rules.yaml", playbook.LineOf("rules.yaml", "id: knowledge-changing"),
            "rule 'knowledge-changing' can never fire: every combination it matches is caught first by 'own-model-isolation'");
    }

    [Fact]
    public void Rule_matching_no_possible_answers_can_never_fire_and_its_answers_go_uncovered()
    {
        // "change" is asked only for behavior or both, so a knowledge rule that needs it matches nothing.
        using var playbook = new TempPlaybook().Replace("rules.yaml", "      need: [behavior]\n      change: [tone]", "      need: [knowledge]\n      change: [tone]");

        var report = playbook.Validate();

        AssertError(report, "rules.yaml", playbook.LineOf("rules.yaml", "id: behavior-tone"), "no possible combination of answers matches");
        AssertError(report, "rules.yaml", playbook.LineOf("rules.yaml", "rules:"), "need=behavior, change=tone");
    }

    [Fact]
    public void Answer_combination_no_rule_covers_is_reported_at_the_rules_list()
    {
        using var playbook = new TempPlaybook().Replace("rules.yaml", "      data-changed: [week, month, quarter, year]\n", "      data-changed: [week, month, quarter]\n");

        AssertError(playbook.Validate(), "rules.yaml", playbook.LineOf("rules.yaml", "rules:"),
            "no rule covers 1 answer combination(s), e.g. need=knowledge, data-changed=year");
    }

    [Fact]
    public void Hidden_choices_must_be_covered_and_coaching_choices_need_not_be()
    {
        using var playbook = new TempPlaybook().Replace("rules.yaml", "      need: [train]\n      own-model: [isolation]", "      need: [knowledge]\n      data-changed: [month]");

        var report = playbook.Validate();

        var uncovered = AssertError(report, "rules.yaml", playbook.LineOf("rules.yaml", "rules:"), "need=train, own-model=isolation");
        Assert.DoesNotContain("unsure", uncovered.Message);
    }

    [Fact]
    public void Rule_on_a_free_text_step_is_rejected()
    {
        using var playbook = new TempPlaybook().Replace("qualify.yaml", "        kind: choice\n        question: change", "        kind: text\n        question: change");

        var report = playbook.Validate();

        foreach (var line in playbook.LinesOf("rules.yaml", "change: [tone]"))
            AssertError(report, "rules.yaml", line, "'change', a free-text step rules cannot match");
    }

    [Fact]
    public void Placeholder_for_a_step_not_answered_when_the_rule_fires_is_rejected()
    {
        using var playbook = new TempPlaybook().Replace("rules.yaml", "      ({answer:data-changed}). Weights tuned", "      ({answer:change}). Weights tuned");

        AssertError(playbook.Validate(), "rules.yaml", playbook.LineOf("rules.yaml", "id: knowledge-changing"),
            "shows {answer:change} but fires when 'change' is not answered");
    }

    // Rule texts are block scalars (why: >-), which YAML places on their key's line; here two above the placeholder.
    [Fact]
    public void Placeholder_naming_no_step_is_rejected()
    {
        using var playbook = new TempPlaybook().Replace("rules.yaml", "({answer:data-changed}). Weights", "({answer:changed}). Weights");

        var report = playbook.Validate();

        AssertError(report, "rules.yaml", playbook.LineOf("rules.yaml", "{answer:changed}") - 2, "{answer:changed} names no dialog step");
        Assert.Single(report.Errors);
    }

    [Fact]
    public void Placeholder_outside_a_rule_is_rejected() =>
        AssertBroken("phrases.yaml", "    doSay: \"What problem are you trying to solve — behavior or knowledge?\"",
            "    doSay: \"You said {answer:need}.\"", "{answer:need}", "only filled in rule why, alsoConsider, caveat and tradeOff");

    // --- Text limits -------------------------------------------------------------------------------------

    [Fact]
    public void Button_text_over_70_characters_is_rejected() =>
        AssertBroken("qualify.yaml", "            short: \"Last week\"", $"            short: \"{new string('w', 71)}\"",
            new string('w', 71), "short is 71 characters; buttons allow 70");

    [Fact]
    public void Headline_over_150_characters_is_rejected() =>
        AssertBroken("approaches.yaml", "    headline: \"Prompting: shape", $"    headline: \"{new string('p', 140)}Prompting: shape",
            new string('p', 140), "headline is 240 characters; cards allow 150");

    [Fact]
    public void Headline_of_150_characters_is_accepted()
    {
        using var playbook = new TempPlaybook()
            .Replace("approaches.yaml", "Prompting: shape the model's behavior at runtime. Changes apply on the next call, for cents per call", new string('p', 150));

        Assert.Empty(playbook.Validate().Errors);
    }

    [Fact]
    public void Text_over_2900_characters_is_rejected() =>
        AssertBroken("glossary.yaml", "    term: Runtime\n", $"    term: {new string('r', 2901)}\n",
            new string('r', 2901), "term is 2901 characters; cards allow 2900");

    // --- Claims ------------------------------------------------------------------------------------------

    [Fact]
    public void Claim_marker_outside_claims_is_rejected_case_insensitively() =>
        AssertBroken("phrases.yaml", "    dontSay: \"Fine-tuning is expensive.\"", "    dontSay: \"As BUBECK says, fine-tuning is expensive.\"",
            "BUBECK", "phrase 'finetune-cost': dontSay quotes 'Bubeck' from unverified claim 'bubeck-knowledge-grounding'");

    [Fact]
    public void Claim_figure_in_a_rule_is_rejected()
    {
        using var playbook = new TempPlaybook()
            .Replace("rules.yaml", "If it changes often, that makes", "Retrieval won in 14 of 17 domains. If it changes often, that makes");

        AssertError(playbook.Validate(), "rules.yaml", playbook.LineOf("rules.yaml", "14 of 17") - 1,
            "rule 'knowledge-recency-unknown': caveat quotes '14 of 17' from unverified claim 'stanford-hf-rag-benchmark'");
    }

    [Fact]
    public void Claim_marker_must_appear_in_its_claim() =>
        AssertBroken("claims.yaml", "markers: [\"80%\", \"20% of the engineering\"]", "markers: [\"80%\", \"90% of the engineering\"]",
            "90% of the engineering", "marker '90% of the engineering' appears in neither its text nor attributedTo");

    // --- Disagreements ----------------------------------------------------------------------------------

    [Fact]
    public void Disagreement_needs_two_views_from_different_articles()
    {
        using var playbook = new TempPlaybook()
            .Replace("disagreements.yaml", "      - source: seed-000\n        view: >-\n          Data spread", "      - source: seed-004\n        view: >-\n          Data spread")
            .Replace("disagreements.yaml", "      - source: seed-000\n        view: >-\n          Training from scratch is almost never relevant to enterprise buyers; the latency lever it names is a\n          shorter prompt, which fine-tuning can give.\n", "");

        var report = playbook.Validate();

        AssertError(report, "disagreements.yaml", playbook.LinesOf("disagreements.yaml", "- source: seed-004", whole: true)[2], "'seed-004' already has a view here");
        // Reported where the list of views starts: its first item, under id, topic and views.
        AssertError(report, "disagreements.yaml", playbook.LineOf("disagreements.yaml", "id: on-prem-latency") + 3, "give at least two views");
    }

    [Fact]
    public void Disagreement_marker_must_appear_in_one_of_its_views() =>
        AssertBroken("disagreements.yaml", "markers: [\"sub-millisecond\"]", "markers: [\"sub-second\"]", "sub-second", "marker 'sub-second' appears in none of its views");

    [Fact]
    public void One_side_of_a_disagreement_stated_elsewhere_is_rejected() =>
        AssertBroken("approaches.yaml", "      - \"Owning the weights and the IP outright", "      - \"Sub-millisecond latency on premises is needed.\"\n      - \"Owning the weights and the IP outright",
            "Sub-millisecond latency", "approach 'training': rightWhen states 'sub-millisecond', one side of disagreement 'on-prem-latency'");

    [Fact]
    public void Rule_citing_an_unknown_disagreement_is_rejected() =>
        AssertBroken("rules.yaml", "    disagreements: [regulated-data]\n", "    disagreements: [regulated-date]\n", "regulated-date", "'regulated-date' is not a known disagreement id");

    // --- Sources ------------------------------------------------------------------------------------------

    [Fact]
    public void Text_that_names_a_source_by_id_is_rejected() =>
        AssertBroken("claims.yaml", "    attributedTo: \"A rule of thumb, stated without a study behind it\"", "    attributedTo: \"A rule of thumb in seed-004\"",
            "A rule of thumb in seed-004", "claim 'in-context-80-20': attributedTo names 'seed-004'; sellers see articles by title");

    // --- Warnings ----------------------------------------------------------------------------------------

    [Fact]
    public void Review_date_in_the_past_is_a_warning_not_an_error()
    {
        using var playbook = new TempPlaybook()
            .Replace("phrases.yaml", "    reviewBy: 2027-03-31\n\n  - id: training-vs-finetuning", "    reviewBy: 2026-05-31\n\n  - id: training-vs-finetuning");

        var report = playbook.Validate(PlaybookFiles.BeforeReviews);

        Assert.Empty(report.Errors);
        Assert.NotNull(report.Content);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(new PlaybookError("phrases.yaml", playbook.LineOf("phrases.yaml", "2026-05-31"),
            "phrase 'knows-vs-behaves': review was due 2026-05-31; ask enablement@coachbot to review it"), warning);
    }

    [Fact]
    public void Review_date_today_is_not_yet_a_warning()
    {
        using var playbook = new TempPlaybook();

        Assert.Empty(playbook.Validate(new DateOnly(2027, 3, 31)).Warnings);
        Assert.NotEmpty(playbook.Validate(new DateOnly(2027, 4, 1)).Warnings);
    }

    // --- Folders and loading -----------------------------------------------------------------------------

    [Fact]
    public void Missing_folder_is_reported()
    {
        var missing = Path.Combine(Path.GetTempPath(), "coachbot-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Single(PlaybookLoader.Validate(missing).Errors);

        Assert.Equal(new PlaybookError(missing, 0, "the playbook folder does not exist"), error);
    }

    [Fact]
    public void Folder_without_yaml_files_is_reported()
    {
        using var playbook = new TempPlaybook(copyShipped: false).Write("notes.txt", "not a playbook");

        var error = Assert.Single(playbook.Validate().Errors);

        Assert.Equal("the playbook folder has no *.yaml files", error.Message);
    }

    [Fact]
    public void Load_throws_with_every_error_listed_as_file_line_message()
    {
        using var playbook = new TempPlaybook()
            .Replace("rules.yaml", "    recommend: training", "    recommend: pretraining")
            .Replace("qualify.yaml", "        question: change", "        question: what-change");

        var exception = Assert.Throws<PlaybookValidationException>(() => PlaybookLoader.LoadDirectory(playbook.Directory));

        Assert.Equal(2, exception.Errors.Count);
        foreach (var error in exception.Errors)
            Assert.Contains($"{error.File}:{error.Line}: {error.Message}", exception.Message);
    }
}
