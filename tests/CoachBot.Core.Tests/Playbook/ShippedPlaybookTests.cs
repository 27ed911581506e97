using CoachBot.Core.Playbook;
using CoachBot.Core.Tests.TestSupport;

namespace CoachBot.Core.Tests.Playbook;

public class ShippedPlaybookTests
{
    private static readonly PlaybookContent Shipped = PlaybookLoader.LoadEmbedded();

    [Fact]
    public void Embedded_playbook_validates_without_errors_or_warnings()
    {
        var report = PlaybookLoader.ValidateEmbedded(PlaybookFiles.ClockAt(PlaybookFiles.BeforeReviews));

        Assert.Empty(report.Errors);
        Assert.Empty(report.Warnings);
        Assert.NotNull(report.Content);
    }

    [Fact]
    public void Dialogs_folder_validates_without_errors_or_warnings()
    {
        var report = PlaybookLoader.Validate(PlaybookFiles.ShippedDirectory, PlaybookFiles.ClockAt(PlaybookFiles.BeforeReviews));

        Assert.Empty(report.Errors);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Embedded_copy_matches_the_dialogs_folder()
    {
        var fromFolder = PlaybookLoader.LoadDirectory(PlaybookFiles.ShippedDirectory);

        Assert.Equal(fromFolder.Phrases.Select(p => p.DoSay), Shipped.Phrases.Select(p => p.DoSay));
        Assert.Equal(fromFolder.Rules.Select(r => r.Id), Shipped.Rules.Select(r => r.Id));
        Assert.Equal(fromFolder.Glossary.Select(g => g.Definition), Shipped.Glossary.Select(g => g.Definition));
    }

    [Fact]
    public void The_seed_table_rows_come_first_in_the_seed_order()
    {
        string[] seedTable =
        [
            "knows-vs-behaves", "training-vs-finetuning", "prompting-undersold", "finetune-on-documents",
            "finetune-security", "rag-not-workaround", "needs-training-on-data", "finetune-cost",
            "customize-for-you", "prompting-less-powerful",
        ];

        Assert.Equal(seedTable, Shipped.Phrases.Take(seedTable.Length).Select(p => p.Id));
        Assert.True(Shipped.Phrases.Count(p => p.Source is "seed-003" or "seed-004") >= 6);
    }

    [Fact]
    public void Seed_table_lines_are_kept_word_for_word()
    {
        // Table rows in seed-000 read: | "don't say" | "do say" | why |
        var rows = File.ReadLines(RepositoryFiles.Conformance("seeds", "seed-000-field-table.md"))
            .Where(line => line.StartsWith("| \"", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToList();

        Assert.Equal(10, rows.Count);
        foreach (var (row, phrase) in rows.Zip(Shipped.Phrases))
        {
            Assert.Equal(row[1].Trim('"'), phrase.DontSay.TrimEnd('.'));
            Assert.Equal(row[2].Trim('"'), phrase.DoSay.TrimEnd('.'));
            Assert.Equal("seed-000", phrase.Source);
        }
    }

    [Theory]
    [InlineData("changes-what-model-is", "seed-000", "changes the model itself")]
    [InlineData("rag-wearing-finetuning-clothes", "seed-003", "retrieval problem dressed up as a fine-tuning request")]
    [InlineData("vendors-sell-finetuning", "seed-003", "serious enterprise option")]
    [InlineData("most-never-finetune", "seed-003", "only a forecast")]
    [InlineData("practitioner-evidence", "seed-000", "open-weight models")]
    [InlineData("labelled-data-ready", "seed-004", "natural next step")]
    [InlineData("human-in-the-loop", "seed-004", "Does a person review each output")]
    [InlineData("where-okta-fits", "seed-003", "how the retriever is authorized")]
    public void Rows_the_seeds_made_and_the_playbook_lacked_are_there_with_tags_and_synonyms(string id, string source, string doSayPart)
    {
        var phrase = Shipped.Phrase(id);

        Assert.Equal(source, phrase.Source);
        Assert.Contains(doSayPart, phrase.DoSay);
        Assert.InRange(phrase.Tags.Count, 3, 8);
        Assert.True(phrase.Synonyms.Count >= 8, $"{id} has {phrase.Synonyms.Count} synonyms");
        Assert.NotEmpty(phrase.Approaches);
    }

    [Fact]
    public void The_forecast_and_the_practitioner_evidence_carry_their_qualifiers()
    {
        Assert.Contains("2026", Shipped.Phrase("most-never-finetune").DoSay);
        Assert.Contains("forecast", Shipped.Phrase("most-never-finetune").Why);
        Assert.Contains("may not carry over to enterprise APIs", Shipped.Phrase("practitioner-evidence").DoSay);
    }

    [Fact]
    public void Every_recommendation_has_exactly_one_analogy()
    {
        Assert.Equal(["training", "fine-tuning", "prompting", "rag"], Shipped.Approaches.Select(a => a.Id));
        foreach (var approach in Shipped.Approaches)
            Assert.Single(Shipped.Analogies, a => a.Approach == approach.Id);
        Assert.NotNull(Shipped.AnalogyFor("foundation-model"));
    }

    [Fact]
    public void The_rag_analogy_is_labelled_coachbots_own_and_every_analogy_line_is_said_to_the_buyer()
    {
        Assert.Equal(["analogy-rag"], Shipped.Analogies.Where(a => a.Own).Select(a => a.Id));
        Assert.All(Shipped.Analogies, a =>
        {
            Assert.DoesNotContain("buyer", a.BuyerLine, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"^(Ask|When a)\b", a.BuyerLine);
        });
    }

    [Fact]
    public void Training_cost_keeps_each_seed_figure_with_its_basis()
    {
        var figures = Shipped.Approach("training").Cost.Figures;

        Assert.Contains(figures, f => f.Figure == "$10M–$100M" && f.Source == "seed-003");
        Assert.Contains(figures, f => f.Figure == "Over $100M" && f.Basis.Contains("GPT-4") && f.Source == "seed-000");
        Assert.Contains(figures, f => f.Figure == "Hundreds of millions" && f.Source == "seed-000");
        Assert.Equal("$1K–$1M+", Shipped.Approach("fine-tuning").Cost.Summary);
        Assert.Empty(Shipped.Approach("rag").Cost.Figures);
    }

    [Fact]
    public void Rlhf_and_dpo_are_different_methods_with_their_own_entries()
    {
        var rlhf = Shipped.Glossary.Single(g => g.Id == "rlhf");
        var dpo = Shipped.Glossary.Single(g => g.Id == "dpo");

        Assert.Contains("RLHF", rlhf.Aliases);
        Assert.DoesNotContain(dpo.Aliases, a => a.Contains("RLHF", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("reward model", rlhf.Definition);
        Assert.Contains("no separate reward model", dpo.Definition);
    }

    [Fact]
    public void Context_window_definition_carries_the_seed_figures()
    {
        var definition = Shipped.Glossary.Single(g => g.Id == "context-window").Definition;

        foreach (var figure in new[] { "128,000", "200,000", "1 million", "4,000", "three pages", "hundreds of pages" })
            Assert.Contains(figure, definition);
    }

    [Fact]
    public void Qualify_dialog_offers_the_fixed_answer_values_in_order()
    {
        var steps = Shipped.Dialog("qualify").Steps;

        Assert.Equal(["need", "own-model", "training-budget", "data-changed", "change", "behavior-changes", "labeled-data", "reviewed"], steps.Select(s => s.Id));
        var step = steps.ToDictionary(s => s.Id);
        Assert.Equal(["behavior", "knowledge", "both", "unsure", "train"], step["need"].Choices.Select(c => c.Value));
        Assert.True(step["need"].Choices.Single(c => c.Value == "unsure").Coach);
        Assert.True(step["need"].Choices.Single(c => c.Value == "train").Hidden);
        Assert.Equal("Train our own model", step["need"].Choices.Single(c => c.Value == "train").Asked);
        Assert.Equal(["isolation", "ownership", "unsure"], step["own-model"].Choices.Select(c => c.Value));
        Assert.Equal("data-isolation", step["own-model"].Question);
        Assert.Equal(["funded", "not-funded", "unknown"], step["training-budget"].Choices.Select(c => c.Value));
        Assert.Equal(["week", "month", "quarter", "year", "stable", "unknown"], step["data-changed"].Choices.Select(c => c.Value));
        Assert.Equal(["tone", "format", "volume", "vocabulary"], step["change"].Choices.Select(c => c.Value));
        Assert.Equal(["often", "sometimes", "stable", "unknown"], step["behavior-changes"].Choices.Select(c => c.Value));
        Assert.Equal(["ready", "none", "unknown"], step["labeled-data"].Choices.Select(c => c.Value));
        Assert.Equal(["reviewed", "unreviewed", "unknown"], step["reviewed"].Choices.Select(c => c.Value));
        Assert.Equal(new Dictionary<string, IReadOnlyList<string>> { ["need"] = ["knowledge", "both"] }, step["data-changed"].When);
        Assert.All(steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Label)));
        Assert.All(steps.SelectMany(s => s.Choices), c => Assert.InRange(c.Short.Length, 1, 30));
    }

    // The issue's guidance, written out independently of the validator and the engine: first match wins.
    [Theory]
    [InlineData("need=knowledge;data-changed=week", "rag", "data-access")]
    [InlineData("need=knowledge;data-changed=quarter", "rag", "data-access")]
    [InlineData("need=knowledge;data-changed=stable", "rag", "data-access")]
    [InlineData("need=knowledge;data-changed=unknown", "rag", "data-access")]
    [InlineData("need=both;data-changed=month;change=format;behavior-changes=sometimes;labeled-data=none;reviewed=reviewed", "rag", "data-access")]
    [InlineData("need=both;data-changed=month;change=format;behavior-changes=sometimes;labeled-data=ready", "fine-tuning", "model-custody")]
    [InlineData("need=both;data-changed=unknown;change=tone", "rag", "data-access")]
    [InlineData("need=both;data-changed=week;change=volume;behavior-changes=stable;labeled-data=none", "fine-tuning", "volume")]
    [InlineData("need=both;data-changed=week;change=volume;behavior-changes=often", "rag", "data-access")]
    [InlineData("need=behavior;change=tone", "prompting", "prompt-governance")]
    [InlineData("need=behavior;change=format;behavior-changes=stable;labeled-data=ready", "fine-tuning", "model-custody")]
    [InlineData("need=behavior;change=vocabulary;behavior-changes=sometimes;labeled-data=ready", "fine-tuning", "model-custody")]
    [InlineData("need=behavior;change=format;behavior-changes=stable;labeled-data=none;reviewed=unreviewed", "fine-tuning", "model-custody")]
    [InlineData("need=behavior;change=format;behavior-changes=stable;labeled-data=none;reviewed=reviewed", "prompting", "prompt-governance")]
    [InlineData("need=behavior;change=format;behavior-changes=sometimes;labeled-data=unknown;reviewed=unknown", "prompting", "prompt-governance")]
    [InlineData("need=behavior;change=format;behavior-changes=often", "prompting", "prompt-governance")]
    [InlineData("need=behavior;change=vocabulary;behavior-changes=unknown", "prompting", "labeled-data")]
    [InlineData("need=behavior;change=volume;behavior-changes=sometimes;labeled-data=ready", "fine-tuning", "volume")]
    [InlineData("need=behavior;change=volume;behavior-changes=stable;labeled-data=none", "fine-tuning", "volume")]
    [InlineData("need=behavior;change=volume;behavior-changes=unknown", "fine-tuning", "volume")]
    [InlineData("need=behavior;change=volume;behavior-changes=often", "prompting", "volume")]
    public void Rules_follow_the_guidance(string path, string recommend, string nextQuestion)
    {
        var answers = path.Split(';').Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);

        var rule = Shipped.Rules.First(r => r.When.All(w => answers.TryGetValue(w.Key, out var a) && w.Value.Contains(a)));

        Assert.Equal(recommend, rule.Recommend);
        Assert.Equal(nextQuestion, rule.NextQuestion);
    }

    [Fact]
    public void Volume_rules_show_the_cost_trade_off_and_never_send_a_settled_behavior_to_long_prompts()
    {
        var volume = Shipped.Rules.Where(r => r.When.TryGetValue("change", out var c) && c.Contains("volume")).ToList();
        Assert.NotEmpty(volume);
        Assert.All(volume, r => Assert.Contains("tokens", r.TradeOff));
        Assert.All(volume.Where(r => r.Recommend == "prompting" || r.Alongside == "prompting"), r => Assert.Equal(["often"], r.When["behavior-changes"]));
    }

    [Fact]
    public void Both_needs_always_get_retrieval_for_the_knowledge_and_a_second_approach_for_the_behavior()
    {
        var both = Shipped.Rules.Where(r => r.When["need"].SequenceEqual(["both"])).ToList();
        Assert.NotEmpty(both);
        Assert.All(both, r => Assert.Contains("rag", new[] { r.Recommend, r.Alongside }));
        Assert.All(both, r => Assert.Contains(r.Recommend == "rag" ? r.Alongside : r.Recommend, new[] { "prompting", "fine-tuning" }));
    }

    [Theory]
    [InlineData("isolation", null, "rag", "data-access")]
    [InlineData("ownership", "funded", "training", "model-custody")]
    [InlineData("ownership", "not-funded", "prompting", "switch-models")]
    [InlineData("ownership", "unknown", "prompting", "switch-models")]
    public void Our_own_model_is_decided_by_why_they_want_it(string ownModel, string? budget, string recommend, string nextQuestion)
    {
        var answers = new Dictionary<string, string> { ["need"] = "train", ["own-model"] = ownModel };
        if (budget is not null)
            answers["training-budget"] = budget;

        var rule = Shipped.Rules.First(r => r.When.All(w => answers.TryGetValue(w.Key, out var a) && w.Value.Contains(a)));

        Assert.Equal(recommend, rule.Recommend);
        Assert.Equal(nextQuestion, rule.NextQuestion);
    }

    [Fact]
    public void Stable_means_unchanged_for_a_year_or_more_in_every_label_rule_and_text()
    {
        const string Definition = "unchanged for a year or more";
        var steps = Shipped.Dialog("qualify").Steps;
        // Every answer called stable says what stable means, and no other answer claims to be stable.
        var stableChoices = steps.SelectMany(s => s.Choices).Where(c => c.Value == "stable").ToList();
        Assert.Equal(2, stableChoices.Count);
        Assert.All(stableChoices, c => Assert.Contains(Definition, c.Label));
        Assert.All(steps.SelectMany(s => s.Choices).Where(c => c.Value != "stable"), c => Assert.DoesNotContain("stable", c.Label, StringComparison.OrdinalIgnoreCase));
        // Rules treat only that answer as stable: "6–12 months ago" and "a few times a year" never sit with it.
        foreach (var rule in Shipped.Rules)
            foreach (var (step, values) in rule.When.Where(w => w.Value.Contains("stable")))
                Assert.Equal(["stable"], values);
        // Wherever a text calls something stable and says for how long, it is the one definition.
        var texts = Shipped.Rules.SelectMany(r => new[] { r.Why, r.AlsoConsider, r.Caveat, r.TradeOff })
            .Concat(steps.SelectMany(s => s.Choices.Select(c => c.Label).Append(s.Prompt).Append(s.RetryPrompt)))
            .Concat(Shipped.Questions.SelectMany(q => q.ListenFor.Select(l => l.SoundsLike).Append(q.WhyItMatters)))
            .OfType<string>();
        foreach (var text in texts.Where(t => t.Contains("stable", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.DoesNotContain("6–12", text);
            Assert.DoesNotContain("six to twelve", text, StringComparison.OrdinalIgnoreCase);
            if (text.Contains("year", StringComparison.OrdinalIgnoreCase) && text.Contains("stable ("))
                Assert.Contains("stable (" + Definition, text);
        }
    }

    /// <summary>Everything in the playbook a seller reads; ids, values, tags, synonyms and aliases are what sellers type.</summary>
    private static IEnumerable<string> SellerFacingText()
    {
        foreach (var a in Shipped.Approaches)
        {
            foreach (var t in new[] { a.Name, a.Headline, a.WhatItIs, a.WhatChanges, a.WhoDoesIt, a.Cost.Summary, a.Cost.Ongoing }) yield return t;
            foreach (var t in a.RightWhen.Concat(a.WrongWhen).Concat(a.Cost.Figures.Select(f => f.Basis))) yield return t;
        }
        foreach (var a in Shipped.Analogies)
            foreach (var t in new[] { a.Concept, a.Mapping, a.Holds, a.Breaks, a.BuyerLine }) yield return t;
        foreach (var p in Shipped.Phrases)
            foreach (var t in new[] { p.DontSay, p.DoSay, p.Why }) yield return t;
        foreach (var q in Shipped.Questions)
            foreach (var t in q.ListenFor.Select(l => l.SoundsLike).Append(q.AskTheBuyer).Append(q.WhyItMatters)) yield return t;
        foreach (var g in Shipped.Glossary)
            foreach (var t in new[] { g.Term, g.Definition }) yield return t;
        foreach (var c in Shipped.Claims)
            foreach (var t in new[] { c.Text, c.AttributedTo, c.Caveat }) yield return t;
        foreach (var r in Shipped.Rules)
            foreach (var t in new[] { r.Why, r.AlsoConsider, r.Caveat, r.TradeOff }.OfType<string>()) yield return t;
        foreach (var d in Shipped.Disagreements)
            foreach (var t in d.Views.Select(v => v.View).Append(d.Topic).Append(d.Advice ?? "")) yield return t;
        foreach (var step in Shipped.Dialogs.SelectMany(d => d.Steps))
        {
            foreach (var t in new[] { step.Label, step.Prompt, step.RetryPrompt }) yield return t;
            foreach (var c in step.Choices)
                foreach (var t in new[] { c.Label, c.Short, c.Asked ?? "" }) yield return t;
        }
        foreach (var source in Shipped.Sources) yield return source.Title;
    }

    [Fact]
    public void Seller_facing_text_uses_one_spelling_the_one_of_the_scripted_seed_lines()
    {
        // The seed's scripted lines, kept word for word, say "behavior"; everything else follows them.
        Assert.Contains(Shipped.Phrases.Take(10), p => p.DoSay.Contains("behavior"));
        string[] british = ["behaviour", "labelled", "organisation", "customisation", "specialised", "recognise", "summarise", "colour", "optimisation"];
        foreach (var text in SellerFacingText())
            foreach (var word in british)
                Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' in: {text}");
    }

    [Fact]
    public void Unknown_recency_rules_carry_a_caveat_and_stable_knowledge_mentions_the_context_window()
    {
        Assert.All(Shipped.Rules.Where(r => r.When.TryGetValue("data-changed", out var v) && v.SequenceEqual(["unknown"])),
            r => Assert.False(string.IsNullOrWhiteSpace(r.Caveat)));
        Assert.Contains("context window", Shipped.Rules.Single(r => r.Id == "knowledge-stable").AlsoConsider);
    }

    [Fact]
    public void Claims_are_unverified_and_carry_a_verify_caveat()
    {
        Assert.Equal(["bubeck-knowledge-grounding", "stanford-hf-rag-benchmark", "in-context-80-20"], Shipped.Claims.Select(c => c.Id));
        Assert.All(Shipped.Claims, c =>
        {
            Assert.False(c.Verified);
            Assert.StartsWith("Verify before quoting", c.Caveat);
        });
    }
}
