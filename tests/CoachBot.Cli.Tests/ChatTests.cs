namespace CoachBot.Cli.Tests;

/// <summary>`coachbot chat` end to end: typed lines in, the terminal's text out, the conversation kept in SQLite.</summary>
public class ChatTests : IDisposable
{
    private const string DataChangedPrompt = "When did the underlying data last change?";
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private CliResult Chat(string lines) => _cli.RunWithInput(lines, "chat", "--plain");

    [Fact]
    public void After_a_restart_the_pending_question_is_shown_again_with_the_answers_so_far()
    {
        Chat("qualify\n2\n/quit\n");

        var resumed = Chat("/quit\n");

        Assert.Contains("Where you left off", resumed.Out);
        Assert.Matches(@"Need\s+What it knows", resumed.Out);
        Assert.Contains(DataChangedPrompt, resumed.Out);
        Assert.Contains("1) In the last week", resumed.Out);
        // No welcome card whose "Qualify" button could throw the answers away.
        Assert.DoesNotContain("Qualify a need", resumed.Out);
        Assert.Contains("a) Start over", resumed.Out);
    }

    [Fact]
    public void Qualify_on_a_resumed_dialog_keeps_the_answers_and_start_over_is_the_way_to_drop_them()
    {
        Chat("qualify\n2\n/quit\n");

        var again = Chat("qualify\n2\n/quit\n");
        Assert.Contains("so I've kept it", again.Out);
        // "2" then answered the question still waiting (last month), so the recommendation came.
        Assert.Contains("Retrieval (RAG)", again.Out);

        Chat("qualify\n2\n/quit\n");
        var startOver = Chat("a\n/quit\n");
        Assert.Contains("Is the goal to change how the model responds", startOver.Out);
        Assert.DoesNotContain("Where you left off", startOver.Out[startOver.Out.IndexOf("a) Start over", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Letters_are_unique_across_the_cards_of_one_turn_and_press_the_button_they_label()
    {
        var result = Chat("coach: the CIO wants to fine-tune on procurement policy that changes every week so contracting officers can ask questions\nd\n/quit\n");

        // The understood card and the recommendation arrive together: a) for the first, b) to d) for the second.
        Assert.Contains("a) Ask me instead", result.Out);
        Assert.Contains("b) Post summary to deal channel", result.Out);
        Assert.Contains("d) More phrases", result.Out);
        Assert.DoesNotContain("a) Post summary", result.Out);
        Assert.Contains("Phrases for Retrieval (RAG)", result.Out);
    }

    [Fact]
    public void Control_characters_typed_into_a_line_edit_it_and_never_reach_the_coach()
    {
        // Ctrl-L, then "qual" wiped by Ctrl-U, "qualify"; "beh" wiped by Ctrl-W, a stray ESC and BEL, "behavior".
        var result = Chat("\u000cqual\u0015qualify\nbeh\u0017\u001b\u0007behavior\nformat\n/quit\n");

        Assert.Contains("What kind of change?", result.Out);
        Assert.Contains("How often does the behavior you want change", result.Out);
        Assert.DoesNotContain("\u001b", result.Out);
        Assert.DoesNotContain("\u0015", result.Out);
        Assert.DoesNotContain("\u000c", result.Out);
    }

    [Theory]
    [InlineData("qualfy", "qualify", "Is the goal to change how the model responds")]
    [InlineData("phrsae cost", "phrase cost", "the real cost is maintenance")]
    [InlineData("hlep", "help", "What CoachBot does")]
    [InlineData("step", null, "Hi, I'm CoachBot")]
    public void Mistyped_commands_are_taken_for_the_command_they_nearly_are(string typed, string? taken, string shown)
    {
        var result = Chat(typed + "\n/quit\n");

        if (taken is null) Assert.DoesNotContain("(taking", result.Out);
        else Assert.Contains($"(taking \u201c{typed}\u201d as \u201c{taken}\u201d)", result.Out);
        Assert.Contains(shown, result.Out);
    }

    [Fact]
    public void An_answer_to_the_waiting_question_is_never_corrected_into_a_command()
    {
        // At the recency question "stable" is an answer, even though it is one letter-swap from nothing and two from "start".
        var result = Chat("qualify\n2\nstable\n/quit\n");

        Assert.DoesNotContain("(taking", result.Out);
        Assert.Contains("Retrieval (RAG)", result.Out);
    }
}
