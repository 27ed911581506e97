using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Conversation;

public sealed class TypingIndicatorTests
{
    [Fact]
    public async Task A_slow_turn_shows_typing_before_the_reply()
    {
        await using var connector = await ConnectorFake.StartAsync();
        var typingSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connector.OnRequest = r => { if (r.Type == "typing") typingSeen.TrySetResult(); };
        // The store holds the turn until the typing indicator has arrived: the turn is slow by construction.
        await using var bot = new BotApp(
            new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["TypingDelay"] = "00:00:00.050" },
            services => services.AddSingleton<IConversationStateStore>(new GatedStore(typingSeen.Task)));

        Assert.Equal(200, (await bot.PostAsync(Activities.Message(connector.ServiceUrl, "slow", "help"))).Status);

        var types = connector.Requests.Select(r => r.Type).ToList();
        Assert.Equal("typing", types[0]);
        Assert.Contains("message", types.Skip(1));
    }

    [Fact]
    public async Task A_quick_turn_shows_no_typing()
    {
        await using var connector = await ConnectorFake.StartAsync();
        await using var bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["TypingDelay"] = "00:00:30" });

        Assert.Equal(200, (await bot.PostAsync(Activities.Message(connector.ServiceUrl, "quick", "help"))).Status);

        Assert.NotEmpty(connector.Requests);
        Assert.DoesNotContain(connector.Requests, r => r.Type == "typing");
    }

    /// <summary>An in-memory store whose loads wait for <paramref name="gate"/> (10 s at most, so a bug cannot hang the run).</summary>
    private sealed class GatedStore(Task gate) : IConversationStateStore
    {
        private readonly InMemoryConversationStateStore _inner = new(TimeProvider.System);

        public async Task<StoredState?> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default)
        {
            await gate.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return await _inner.LoadAsync(key, cancellationToken);
        }

        public Task<bool> TrySaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            _inner.TrySaveAsync(key, state, expectedVersion, cancellationToken);

        public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) => _inner.PurgeAsync(olderThan, cancellationToken);

        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
