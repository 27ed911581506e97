using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;

namespace CoachBot.Core.Tests.Cards;

/// <summary>
/// The wire form of a card command: every command the cards carry survives ToData/Parse, data written by earlier
/// versions (the same keys and values, posted cards still in channels) still parses to what it meant, and anything
/// else is <see cref="CardCommand.Unrecognized"/>, never an exception.
/// </summary>
public sealed class CardCommandTests
{
    public static TheoryData<CardCommand> Commands() =>
    [
        new CardCommand.Answer("need", "knowledge"),
        new CardCommand.PostSummary("rag"),
        new CardCommand.PostSummary(null),
        new CardCommand.PostSummary("rag", AccountName: "Acme Corp"),
        new CardCommand.PostSummary("rag", DealChannel: "19:abc@thread.tacv2"),
        new CardCommand.MorePhrases("fine-tuning"),
        new CardCommand.MorePhrases(null),
        new CardCommand.ShowDetails("rag"),
        new CardCommand.Lookup("they say fine-tuning is more secure"),
        new CardCommand.ShowAnswer("analogy:analogy-training", "compare pretraining an llm to something in iam"),
        new CardCommand.ShowAnswer("glossary:lora"),
        new CardCommand.ShowAnswer("finetune-cost"),
        new CardCommand.Qualify(),
        new CardCommand.StartOver(),
        new CardCommand.Prep(),
        new CardCommand.Help(),
        new CardCommand.Back(),
        new CardCommand.Cancel(),
        new CardCommand.Correct(),
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_command_reads_back_from_its_data(CardCommand command)
    {
        var data = command.ToData();
        Assert.Equal(command, CardCommand.Parse(data));
        Assert.Equal(command.Name, data[ActionKeys.Action]);
    }

    [Fact]
    public void Every_button_the_shipped_cards_carry_reads_back_as_itself()
    {
        var coach = TestCoach.Create();
        var cards = new[] { coach.WelcomeCard(), coach.HelpCard(), coach.PrepCard() };
        var actions = cards.SelectMany(c => c.ActionsWithShowDetails).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal(a.Command, CardCommand.Parse(a.Command.ToData())));
        Assert.DoesNotContain(actions, a => a.Command is CardCommand.Unrecognized);
    }

    /// <summary>Button data exactly as earlier versions wrote it (Adaptive Card data and Slack values alike).</summary>
    public static TheoryData<Dictionary<string, string>, CardCommand> OldPayloads() => new()
    {
        { new() { ["action"] = "answer", ["step"] = "need", ["value"] = "knowledge" }, new CardCommand.Answer("need", "knowledge") },
        { new() { ["action"] = "postSummary", ["recommendation"] = "rag" }, new CardCommand.PostSummary("rag") },
        { new() { ["action"] = "postSummary", ["recommendation"] = "rag", ["dealChannel"] = "19:c1" }, new CardCommand.PostSummary("rag", DealChannel: "19:c1") },
        { new() { ["action"] = "postSummary" }, new CardCommand.PostSummary(null) },
        { new() { ["action"] = "morePhrases", ["recommendation"] = "rag" }, new CardCommand.MorePhrases("rag") },
        { new() { ["action"] = "details", ["recommendation"] = "fine-tuning" }, new CardCommand.ShowDetails("fine-tuning") },
        { new() { ["action"] = "query", ["query"] = "cost" }, new CardCommand.Lookup("cost") },
        { new() { ["action"] = "showAnswer", ["answerLabel"] = "glossary:lora", ["query"] = "what is lora" }, new CardCommand.ShowAnswer("glossary:lora", "what is lora") },
        { new() { ["action"] = "showAnswer", ["answerLabel"] = "finetune-cost" }, new CardCommand.ShowAnswer("finetune-cost") },
        { new() { ["action"] = "startOver" }, new CardCommand.StartOver() },
        { new() { ["action"] = "qualify" }, new CardCommand.Qualify() },
        { new() { ["action"] = "prep" }, new CardCommand.Prep() },
        { new() { ["action"] = "help" }, new CardCommand.Help() },
        { new() { ["action"] = "back" }, new CardCommand.Back() },
        { new() { ["action"] = "cancel" }, new CardCommand.Cancel() },
        { new() { ["action"] = "correct" }, new CardCommand.Correct() },
        // Teams adds input values and numbers as strings: keys a command does not use are ignored.
        { new() { ["action"] = "help", ["count"] = "3", ["ok"] = "true" }, new CardCommand.Help() },
    };

    [Theory]
    [MemberData(nameof(OldPayloads))]
    public void Data_posted_by_earlier_versions_still_parses(Dictionary<string, string> data, CardCommand expected) =>
        Assert.Equal(expected, CardCommand.Parse(data));

    public static TheoryData<Dictionary<string, string>> Garbage() =>
    [
        new(),
        new() { ["action"] = "selfDestruct" },
        new() { ["action"] = "" },
        new() { ["action"] = "query" },
        new() { ["action"] = "query", ["query"] = "" },
        new() { ["action"] = "showAnswer" },
        new() { ["action"] = "showAnswer", ["answerLabel"] = "", ["query"] = "cost" },
        new() { ["ACTION"] = "help" },
        new() { ["step"] = "need", ["value"] = "knowledge" },
        new() { ["action"] = "\u0000\ud800" },
    ];

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Data_naming_no_known_command_is_unrecognized_and_the_coach_says_so(Dictionary<string, string> data)
    {
        var command = CardCommand.Parse(data);
        Assert.IsType<CardCommand.Unrecognized>(command);

        var coach = TestCoach.Create();
        var result = coach.TurnSync(DialogState.Empty, Utterance.FromAction(command));
        Assert.Equal(Coach.UnrecognizedButtonText, Assert.IsType<TextReply>(Assert.Single(result.Replies)).Text);
    }

    [Fact]
    public void An_answer_that_names_no_question_is_an_answer_the_coach_does_not_match()
    {
        Assert.Equal(new CardCommand.Answer("", ""), CardCommand.Parse(new Dictionary<string, string> { ["action"] = "answer" }));
    }
}
