using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CoachBot.Core;
using CoachBot.Core.Conversation;
using CoachBot.Core.Playbook;
using CoachBot.Core.Cards;
using CoachBot.BotFramework.Rendering.AdaptiveCards;

namespace CoachBot.Benchmarks;

/// <summary>
/// One dialog turn as a channel runs it: state read from JSON, the turn, state written back to JSON, every reply
/// rendered as an Adaptive Card. Target: median <= 200 µs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TurnBenchmarks
{
    private Coach _coach = null!;
    private string _atLastQuestion = "";
    private string _atFirstQuestion = "";
    private readonly AdaptiveCardRenderer _renderer = new();

    [GlobalSetup]
    public void Setup()
    {
        _coach = ShippedCoach.Create();
        var state = _coach.TurnAsync(DialogState.Empty, Utterance.FromText("qualify")).GetAwaiter().GetResult().State;
        _atFirstQuestion = JsonSerializer.Serialize(state);
        state = _coach.TurnAsync(state, Utterance.FromText("2")).GetAwaiter().GetResult().State;
        _atLastQuestion = JsonSerializer.Serialize(state);
    }

    [Benchmark(Description = "answer -> next question")]
    public int AnswerToNextQuestion() => Run(_atFirstQuestion, "knowledge");

    [Benchmark(Description = "last answer -> recommendation card")]
    public int LastAnswerToRecommendation() => Run(_atLastQuestion, "this month");

    private int Run(string stateJson, string text)
    {
        var state = JsonSerializer.Deserialize<DialogState>(stateJson)!;
        var result = _coach.TurnAsync(state, Utterance.FromText(text)).GetAwaiter().GetResult();
        var length = JsonSerializer.Serialize(result.State).Length;
        foreach (var reply in result.Replies)
        {
            length += reply switch
            {
                CardReply card => _renderer.Render(card.Card).ToJsonString().Length,
                ChoicePrompt prompt => _renderer.Render(prompt).ToJsonString().Length,
                _ => 0,
            };
        }
        return length;
    }
}
