using CoachBot.Core.Analytics;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CoachBot.Core.Tests.State;

public sealed class ConversationTurnRunnerTests
{
    private static readonly ConversationKey Key = new("test:conversation");
    private static readonly TurnRetryPolicy NoWait = new(3, TimeSpan.Zero, TimeSpan.Zero);

    private readonly Mock<IConversationStateStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IAnalyticsSink> _analytics = new();
    private readonly List<DialogState> _turnInputs = [];

    [Fact]
    public async Task A_first_turn_starts_from_the_empty_state_and_saves_expecting_version_0()
    {
        _store.Setup(s => s.LoadAsync(Key, It.IsAny<CancellationToken>())).ReturnsAsync((StoredState?)null);
        _store.Setup(s => s.TrySaveAsync(Key, It.IsAny<DialogState>(), 0, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await Runner().RunAsync(Key, Utterance.FromText("hello"));

        Assert.Same(DialogState.Empty, Assert.Single(_turnInputs));
        Assert.Equal([new TextReply("step-1")], result.Replies);
        _store.Verify(s => s.TrySaveAsync(Key, It.Is<DialogState>(d => d.StepId == "step-1"), 0, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_turn_saves_expecting_the_version_it_read_and_returns_the_coachs_result_with_its_events()
    {
        var stored = new DialogState { StepId = "need" };
        _store.Setup(s => s.LoadAsync(Key, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredState(stored, 7));
        _store.Setup(s => s.TrySaveAsync(Key, It.IsAny<DialogState>(), 7, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await Runner().RunAsync(Key, Utterance.FromText("knowledge"));

        Assert.Same(stored, Assert.Single(_turnInputs));
        Assert.Equal("need+1", result.State.StepId);
        _analytics.Verify(a => a.RecordAsync(result.Events, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task When_another_turn_saved_first_the_turn_is_run_again_on_the_fresh_state()
    {
        var first = new DialogState { StepId = "need" };
        var fresh = new DialogState { StepId = "data-changed" };
        _store.SetupSequence(s => s.LoadAsync(Key, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StoredState(first, 1))
            .ReturnsAsync(new StoredState(fresh, 2));
        _store.Setup(s => s.TrySaveAsync(Key, It.IsAny<DialogState>(), 1, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _store.Setup(s => s.TrySaveAsync(Key, It.IsAny<DialogState>(), 2, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await Runner().RunAsync(Key, Utterance.FromText("month"));

        Assert.Equal([first, fresh], _turnInputs);
        Assert.Equal("data-changed+1", result.State.StepId);
        _analytics.Verify(a => a.RecordAsync(It.IsAny<IReadOnlyList<AnalyticsEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task After_the_last_allowed_attempt_loses_the_seller_is_told_to_send_again_and_nothing_is_recorded()
    {
        _store.Setup(s => s.LoadAsync(Key, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredState(DialogState.Empty, 4));
        _store.Setup(s => s.TrySaveAsync(Key, It.IsAny<DialogState>(), 4, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await Runner().RunAsync(Key, Utterance.FromText("rag"));

        Assert.Equal(NoWait.MaxAttempts, _turnInputs.Count);
        var reply = Assert.IsType<TextReply>(Assert.Single(result.Replies));
        Assert.Contains("again", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(result.Events);
        _analytics.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task When_the_store_cannot_be_read_the_seller_is_asked_to_try_again_and_the_coach_is_not_run()
    {
        _store.Setup(s => s.LoadAsync(Key, It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("connection reset"));

        var result = await Runner().RunAsync(Key, Utterance.FromText("hello"));

        var reply = Assert.IsType<TextReply>(Assert.Single(result.Replies));
        Assert.Contains("try again", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_turnInputs);
        _analytics.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task When_the_store_cannot_be_written_the_seller_is_asked_to_try_again_and_nothing_is_recorded()
    {
        _store.Setup(s => s.LoadAsync(Key, It.IsAny<CancellationToken>())).ReturnsAsync((StoredState?)null);
        _store.Setup(s => s.TrySaveAsync(Key, It.IsAny<DialogState>(), 0, It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk full"));

        var result = await Runner().RunAsync(Key, Utterance.FromText("hello"));

        Assert.Equal([ConversationTurnRunner.UnavailableReply], result.Replies);
        Assert.Contains("try again", ConversationTurnRunner.UnavailableReply.Text, StringComparison.OrdinalIgnoreCase);
        _analytics.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Analytics_that_cannot_be_recorded_do_not_fail_a_saved_turn()
    {
        _store.Setup(s => s.LoadAsync(Key, It.IsAny<CancellationToken>())).ReturnsAsync((StoredState?)null);
        _store.Setup(s => s.TrySaveAsync(Key, It.IsAny<DialogState>(), 0, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _analytics.Setup(a => a.RecordAsync(It.IsAny<IReadOnlyList<AnalyticsEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("analytics table locked"));

        var result = await Runner().RunAsync(Key, Utterance.FromText("hello"));

        Assert.Equal([new TextReply("step-1")], result.Replies);
    }

    [Fact]
    public async Task A_cancelled_turn_is_cancelled_rather_than_answered()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        _store.Setup(s => s.LoadAsync(Key, cancellation.Token)).ThrowsAsync(new OperationCanceledException(cancellation.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner().RunAsync(Key, Utterance.FromText("hello"), cancellation.Token));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 250)]
    [InlineData(40, 250)]
    public void The_wait_after_a_lost_attempt_doubles_from_the_first_delay_up_to_the_maximum(int failedAttempt, int ceilingMilliseconds)
    {
        var policy = new TurnRetryPolicy(50, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(250));

        var delays = Enumerable.Range(0, 500).Select(_ => policy.DelayAfter(failedAttempt)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(ceilingMilliseconds)));
        Assert.Contains(delays, d => d > TimeSpan.FromMilliseconds(ceilingMilliseconds / 2.0));
    }

    private ConversationTurnRunner Runner() =>
        new(Turn, _store.Object, _analytics.Object, TimeProvider.System, NullLogger<ConversationTurnRunner>.Instance, NoWait);

    /// <summary>A coach that moves to "step-1" when idle, else to "{step}+1", says where it went and records one look-up.</summary>
    private Task<TurnResult> Turn(DialogState state, Utterance utterance, CancellationToken cancellationToken) => Task.FromResult(TurnNow(state, utterance));

    private TurnResult TurnNow(DialogState state, Utterance utterance)
    {
        _turnInputs.Add(state);
        var next = state.StepId is null ? "step-1" : state.StepId + "+1";
        return new TurnResult(
            state with { StepId = next },
            [new TextReply(next)],
            [new AnalyticsEvent(AnalyticsKind.Lookup, utterance.Text ?? "", DateTimeOffset.UnixEpoch)]);
    }
}
