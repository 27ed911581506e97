namespace CoachBot.Cli.Tests;

/// <summary>`coachbot eval`: accuracy of the look-up and the classifier on labelled sets.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("coachbot-eval-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_set_of_look_ups_reports_top_1_top_3_and_no_match_precision_and_lists_misses()
    {
        var set = Path.Combine(_folder, "lookups.yaml");
        File.WriteAllText(set, """
            queries:
              - { query: "fine tuning is too expensive", expect: finetune-cost }
              - { query: "what is LoRA", expect: glossary:lora }
              - { query: "book a flight to denver", expect: none }
              - { query: "fine tuning is too expensive", expect: prompt-governance }
            """);

        var result = _cli.Run("eval", "--set", set, "--misses");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("lookups.yaml: 4 look-ups", result.Out);
        Assert.Contains("top-1 75.0 % (3/4)", result.Out);
        Assert.Contains("precision 100.0 % (1/1", result.Out);
        Assert.Contains("miss: \"fine tuning is too expensive\" expected prompt-governance, got finetune-cost", result.Out);
    }

    [Fact]
    public void A_set_of_buyer_statements_reports_accuracy_and_a_confusion_matrix()
    {
        var set = Path.Combine(_folder, "statements.yaml");
        File.WriteAllText(set, """
            statements:
              - { text: "We'd like to train our own model from scratch.", need: train }
              - { text: "It keeps making up citations to policies that don't exist.", need: knowledge }
            """);

        var result = _cli.Run("eval", "--set", set);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("statements.yaml: 2 buyer statements", result.Out);
        Assert.Contains("need accuracy 100.0 % (2/2)", result.Out);
        Assert.Contains("rows: labelled, columns: read", result.Out);
        Assert.Matches(@"train\s+0\s+0\s+0\s+1\s+0", result.Out);
    }

    [Fact]
    public void Without_a_set_the_shipped_tuning_and_held_out_sets_are_measured()
    {
        var result = _cli.Run("eval");

        Assert.Equal(0, result.ExitCode);
        foreach (var set in (string[])["tuning-phrase-queries.yaml", "heldout-phrase-queries.yaml", "heldout-phrase-queries-2.yaml", "heldout-phrase-queries-3.yaml", "tuning-buyer-statements.yaml", "heldout-buyer-statements.yaml", "heldout-buyer-statements-2.yaml"])
            Assert.Contains(set, result.Out);
    }

    [Fact]
    public void Misses_of_the_shipped_sets_are_listed_for_the_tuning_sets_only()
    {
        var result = _cli.Run("eval", "--misses");

        Assert.Equal(0, result.ExitCode);
        var heldOut = result.Out[..result.Out.IndexOf("tuning-buyer-statements.yaml", StringComparison.Ordinal)];
        Assert.DoesNotContain("miss:", heldOut);
        Assert.Contains("miss:", result.Out[result.Out.IndexOf("tuning-phrase-queries.yaml", StringComparison.Ordinal)..]);
        Assert.Contains("Misses of the held-out sets are not listed", result.Out);
    }

    [Fact]
    public void Misses_list_answers_inferred_wrongly_with_the_step_they_would_skip()
    {
        // Labelled without a data age, the statement says one: inferring it skips the question with an answer the label
        // does not give, which the listing shows with the step and both answers.
        var set = Path.Combine(_folder, "inferred.yaml");
        File.WriteAllText(set, """
            statements:
              - { text: "The policy manual is updated weekly and staff get stale answers.", need: knowledge }
            """);

        var result = _cli.Run("eval", "--set", set, "--misses");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("answers inferred wrongly 1", result.Out);
        Assert.Contains("inferred wrongly: \"The policy manual is updated weekly and staff get stale answers.\" data-changed (not said), inferred week", result.Out);
    }

    [Fact]
    public void A_missing_or_malformed_set_is_a_usage_error()
    {
        var broken = Path.Combine(_folder, "broken.yaml");
        File.WriteAllText(broken, "queries: [ { query: \"x\" } ]");

        var missing = _cli.Run("eval", "--set", Path.Combine(_folder, "nope.yaml"));
        var malformed = _cli.Run("eval", "--set", broken);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no labelled set at", missing.Error);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("has no `expect`", malformed.Error);
    }

    [Theory]
    [InlineData("phrase", "   ")]
    [InlineData("classify", "")]
    public void An_empty_query_is_a_usage_error(string command, string text)
    {
        var result = _cli.Run(command, text);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs", result.Error);
    }
}
