using System.Text.Json;
using CoachBot.Core.Cards;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CoachBot.Cli.Tests;

public class CommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Phrase_json_has_the_documented_shape_and_finds_the_cost_row()
    {
        var result = _cli.Run("phrase", "too expensive", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("too expensive", root.GetProperty("query").GetString());
        var top = root.GetProperty("matches")[0];
        Assert.Equal("finetune-cost", top.GetProperty("id").GetString());
        foreach (var field in new[] { "score", "dontSay", "doSay", "why" }) Assert.True(top.TryGetProperty(field, out _), field);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("suggestions").ValueKind);
    }

    [Fact]
    public void Phrase_for_an_unrelated_query_has_no_matches_and_suggestions()
    {
        var result = _cli.Run("phrase", "weather in paris tomorrow", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(0, json.RootElement.GetProperty("matches").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("suggestions").GetArrayLength() > 0);
    }

    [Fact]
    public void Phrase_text_output_shows_the_do_say_line()
    {
        var result = _cli.Run("phrase", "is fine tuning more secure");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("puts your data into the model", result.Out);
    }

    [Fact]
    public void Phrase_offers_related_answers_as_one_see_also_row_in_text_and_json()
    {
        const string query = "whats a foundation model, okta style";

        var text = _cli.Run("phrase", query);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("See also\n\nType one of: \"Foundation model\"", text.Out.ReplaceLineEndings("\n"));

        var result = _cli.Run("phrase", query, "--json");
        using var json = JsonDocument.Parse(result.Out);
        var related = json.RootElement.GetProperty("related")[0];
        Assert.Equal("glossary:foundation-model", related.GetProperty("answer").GetString());
        Assert.Equal("foundation-model", related.GetProperty("term").GetProperty("id").GetString());
    }

    [Fact]
    public void Chat_presses_a_see_also_button_by_its_letter_and_shows_that_answer()
    {
        var result = _cli.RunWithInput("whats a foundation model, okta style\na\n/quit\n", "chat", "--plain");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Okta analogy: A commercial IdP you configure and extend", result.Out);
        Assert.Contains("A large, general-purpose neural network", result.Out);
    }

    [Fact]
    public void Phrase_and_classify_stdin_write_one_json_object_per_input_line()
    {
        var phrases = _cli.RunWithInput("expensive\n\nrag is a workaround\nlunch menu\n", "phrase", "--stdin");
        Assert.Equal(0, phrases.ExitCode);
        var lines = phrases.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("rag is a workaround", JsonDocument.Parse(lines[1]).RootElement.GetProperty("query").GetString());

        var needs = _cli.RunWithInput("we need it to sound like our agency\nit must answer questions about current policy documents\n", "classify", "--stdin");
        var readings = needs.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["behavior", "knowledge"], readings.Select(r => r.GetProperty("need").GetString()));
    }

    [Fact]
    public void Classify_json_reports_need_confidence_and_signals()
    {
        var result = _cli.Run("classify", "the CIO wants to fine-tune on three years of procurement policy so contracting officers can ask questions", "--json");
        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("knowledge", root.GetProperty("need").GetString());
        Assert.InRange(root.GetProperty("confidence").GetDouble(), 0.5, 1.0);
        Assert.True(root.GetProperty("signals").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("rag", "--need", "knowledge", "--data-changed", "month")]
    [InlineData("fine-tuning", "--need", "behavior", "--change", "format", "--behavior-changes", "stable", "--labeled-data", "ready")]
    [InlineData("prompting", "--need", "behavior", "--change", "format", "--behavior-changes", "stable", "--labeled-data", "none", "--reviewed", "reviewed")]
    [InlineData("prompting", "--need", "behavior", "--change", "vocabulary", "--behavior-changes", "often")]
    [InlineData("fine-tuning", "--need", "behavior", "--change", "volume", "--behavior-changes", "sometimes", "--labeled-data", "unknown")]
    [InlineData("rag", "--need", "both", "--data-changed", "year", "--change", "tone")]
    [InlineData("rag", "--need", "train", "--own-model", "isolation")]
    [InlineData("training", "--need", "train", "--own-model", "ownership", "--training-budget", "funded")]
    public void Diagnose_json_gives_recommendation_analogy_and_next_question(string expected, params string[] answers)
    {
        var result = _cli.Run(["diagnose", .. answers, "--json"]);
        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(expected, root.GetProperty("recommendation").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("analogy").GetProperty("breaks").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("nextQuestion").GetProperty("text").GetString()));
    }

    [Fact]
    public void Diagnose_json_keeps_what_the_buyer_asked_for_apart_from_the_recommendation()
    {
        var result = _cli.Run("diagnose", "--need", "train", "--own-model", "isolation", "--json");
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("Train our own model", root.GetProperty("asked").GetString());
        Assert.Equal("rag", root.GetProperty("recommendation").GetString());
        var disagreement = root.GetProperty("disagreements")[0];
        Assert.Equal("regulated-data", disagreement.GetProperty("id").GetString());
        Assert.Contains(disagreement.GetProperty("views").EnumerateArray(), v => v.GetProperty("article").GetString() == "Enterprise AI Is Not a Magic Trick");
    }

    [Fact]
    public void Diagnose_json_names_the_approach_recommended_alongside_and_the_cost_trade_off()
    {
        var result = _cli.Run("diagnose", "--need", "both", "--data-changed", "week", "--change", "volume", "--behavior-changes", "stable", "--labeled-data", "ready", "--json");
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("fine-tuning", root.GetProperty("recommendation").GetString());
        Assert.Equal("rag", root.GetProperty("alongside").GetString());
        Assert.Contains("every call", root.GetProperty("cost").GetProperty("tradeOff").GetString());
    }

    [Theory]
    [InlineData("--need is required", "diagnose", "--data-changed", "week")]
    [InlineData("--own-model is required when --need is train (isolation, ownership)", "diagnose", "--need", "train")]
    [InlineData("--data-changed applies only when --need is", "diagnose", "--need", "train", "--own-model", "isolation", "--data-changed", "week")]
    [InlineData("--need: 'banana' is not one of behavior, knowledge, both, train", "diagnose", "--need", "banana", "--data-changed", "week")]
    public void Diagnose_names_the_missing_misplaced_or_unknown_answer(string message, params string[] args)
    {
        var result = _cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void Diagnose_text_prints_the_recommendation_card()
    {
        var result = _cli.Run("diagnose", "--need", "knowledge", "--data-changed", "week");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("RAG", result.Out);
        Assert.Contains("Where it breaks", result.Out);
    }

    [Theory]
    [InlineData("diagnose", "--need", "banana", "--data-changed", "week")]
    [InlineData("diagnose", "--need", "behavior", "--data-changed", "week")]
    [InlineData("diagnose", "--need", "behavior", "--change", "format")]
    [InlineData("diagnose", "--need", "knowledge", "--data-changed", "week", "--change", "tone")]
    [InlineData("diagnose", "--data-changed", "week")]
    [InlineData("phrase")]
    [InlineData("classify")]
    [InlineData("phrase", "cost", "--stdin")]
    [InlineData("report", "--since", "forever")]
    [InlineData("report", "--top", "0")]
    [InlineData("no-such-command")]
    [InlineData("phrase", "cost", "--bogus-flag")]
    public void Bad_arguments_get_a_clear_message_and_exit_code_2(params string[] args)
    {
        var result = _cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("coachbot: ", result.Error);
    }

    [Fact]
    public void Prep_prints_the_three_questions_and_the_four_approaches()
    {
        var result = _cli.Run("prep");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Is the goal to change how the model responds, or what it knows?", result.Out);
        Assert.Contains("When did the underlying data last change?", result.Out);
        foreach (var name in new[] { "Prompting", "Fine-tuning", "RAG", "Training" })
            Assert.Contains(name, result.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Prep_is_a_document_with_the_picked_lines_and_the_fine_tuning_section_and_no_chat_text()
    {
        var result = _cli.Run("prep");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(CardFactory.FineTuningRightHeading, result.Out);
        Assert.Contains("Lines to use", result.Out);
        Assert.DoesNotContain("Type one of", result.Out);
        Assert.DoesNotContain("Qualify a need", result.Out);
        // The first phrase in the file is a line to use; the second (training vs fine-tuning) is not picked.
        Assert.Contains("Fine-tuning changes how the model behaves, not what it knows.", result.Out);
        Assert.DoesNotContain("they're different categories, not different sizes", result.Out);
    }

    [Fact]
    public void Prep_markdown_parses_as_one_title_five_sections_and_no_table()
    {
        var result = _cli.Run("prep", "--markdown");
        Assert.Equal(0, result.ExitCode);
        var document = Markdown.Parse(result.Out, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        var headings = document.Descendants<Markdig.Syntax.HeadingBlock>().Select(h => (h.Level, Text: Plain(h.Inline))).ToList();

        Assert.Equal(1, headings[0].Level);
        Assert.Equal("Meeting prep: when the buyer says \u201cfine-tune\u201d", headings[0].Text);
        Assert.Equal(
            ["Three questions that surface the real need", "The approaches in a line each", "Lines to use",
             "Okta analogies: the line to use, and where it breaks", CardFactory.FineTuningRightHeading],
            headings.Skip(1).Select(h => h.Level == 2 ? h.Text : $"level {h.Level}: {h.Text}"));
        Assert.Empty(document.Descendants<Markdig.Extensions.Tables.Table>());
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.DoesNotContain("Type one of", result.Out);
        // Escaped text reads back as written: "RAG's", "$1K–$1M+" and the quotes survive.
        var list = document.Descendants<ListBlock>().SelectMany(l => l.Descendants<LiteralInline>()).Select(l => l.Content.ToString());
        Assert.Contains(list, text => text.Contains("$1K–$1M+", StringComparison.Ordinal));
    }

    private static string Plain(ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    [Fact]
    public void Playbook_validate_accepts_the_shipped_playbook()
    {
        var result = _cli.Run("playbook", "validate", Path.Combine(RepositoryFiles.Root, "dialogs"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Playbook OK", result.Out);
    }

    [Fact]
    public void A_broken_playbook_is_reported_with_file_and_line_and_exit_code_1()
    {
        var broken = Directory.CreateTempSubdirectory("coachbot-broken-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "dialogs"), "*.yaml"))
                File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
            var rules = Path.Combine(broken, "rules.yaml");
            File.WriteAllText(rules, File.ReadAllText(rules).Replace("recommend: rag", "recommend: telepathy"));

            var validate = _cli.Run("playbook", "validate", broken);
            Assert.Equal(1, validate.ExitCode);
            Assert.Matches(@"rules\.yaml:\d+: .*telepathy", validate.Error);

            var phrase = _cli.Run("phrase", "cost", "--playbook", broken);
            Assert.Equal(1, phrase.ExitCode);
            Assert.Contains("telepathy", phrase.Error);
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public void Chat_runs_the_qualify_dialog_with_numbers_and_card_letters()
    {
        var result = _cli.RunWithInput("qualify\n2\n1\nc\n/quit\n", "chat", "--plain");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Is the goal to change how the model responds", result.Out);
        Assert.Contains("When did the underlying data last change?", result.Out);
        Assert.Contains("Retrieval (RAG)", result.Out);
        // "c" pressed the third button of the recommendation card: More phrases.
        Assert.Contains("Phrases for", result.Out);
        Assert.DoesNotContain("\u001b[", result.Out);
    }

    [Fact]
    public void Chat_resumes_a_dialog_left_half_way_and_report_counts_what_was_searched()
    {
        _cli.RunWithInput("phrase weather on mars\nqualify\n2\n/quit\n", "chat", "--plain");
        var resumed = _cli.RunWithInput("this week\n/quit\n", "chat", "--plain");
        Assert.Contains("middle of qualifying a buyer", resumed.Out);
        Assert.Contains("Retrieval (RAG)", resumed.Out);

        var report = _cli.Run("report", "--since", "1d");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("weather on mars", report.Out);
        Assert.Contains("rag", report.Out);
    }

    [Fact]
    public void Ephemeral_chat_writes_nothing_to_the_store()
    {
        _cli.RunWithInput("phrase weather on mars\n/quit\n", "chat", "--plain", "--ephemeral");
        var report = _cli.Run("report", "--since", "1d");
        Assert.DoesNotContain("weather on mars", report.Out);
    }
}

public class TeamsPackageCommandTests
{
    [Fact]
    public void Teams_package_writes_a_zip_with_the_ids_filled_in()
    {
        using var cli = new CliRunner();
        var output = Path.Combine(Path.GetTempPath(), $"coachbot-{Guid.NewGuid():N}.zip");
        try
        {
            var appId = "5a1c3f6e-2b7d-4e8f-9a0b-1c2d3e4f5a6b";
            var result = cli.Run("teams", "package", "--app-id", appId, "--out", output);
            Assert.Equal(0, result.ExitCode);
            using var zip = System.IO.Compression.ZipFile.OpenRead(output);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
            using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
            Assert.Equal(appId, manifest.RootElement.GetProperty("bots")[0].GetProperty("botId").GetString());
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Teams_package_points_the_tabs_at_the_base_url()
    {
        using var cli = new CliRunner();
        var output = Path.Combine(Path.GetTempPath(), $"coachbot-{Guid.NewGuid():N}.zip");
        try
        {
            var result = cli.Run("teams", "package", "--app-id", "5a1c3f6e-2b7d-4e8f-9a0b-1c2d3e4f5a6b", "--base-url", "https://coachbot.contoso.com", "--out", output);
            Assert.Equal(0, result.ExitCode);
            using var zip = System.IO.Compression.ZipFile.OpenRead(output);
            using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
            Assert.Equal("https://coachbot.contoso.com/coach?host=teams",
                manifest.RootElement.GetProperty("configurableTabs")[0].GetProperty("configurationUrl").GetString());
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("teams", "package")]
    [InlineData("teams", "package", "--app-id", "not-a-guid")]
    [InlineData("teams", "package", "--app-id", "5a1c3f6e-2b7d-4e8f-9a0b-1c2d3e4f5a6b", "--base-url", "http://coachbot.contoso.com")]
    public void Teams_package_rejects_a_missing_or_malformed_app_id(params string[] args)
    {
        using var cli = new CliRunner();
        var result = cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("coachbot: ", result.Error);
    }
}
