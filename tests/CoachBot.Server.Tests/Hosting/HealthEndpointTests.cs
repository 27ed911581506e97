using System.Net;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_and_readyz_answer_200_when_the_playbook_is_loaded_and_the_store_reachable()
    {
        await using var bot = new BotApp(new Dictionary<string, string?>());
        var client = bot.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Readyz_is_503_naming_the_problem_when_the_state_store_is_unreachable()
    {
        await using var bot = new BotApp(new Dictionary<string, string?>(),
            services => services.AddSingleton<IConversationStateStore, UnreachableStore>());
        var client = bot.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("state store", await ready.Content.ReadAsStringAsync());
    }

    private sealed class UnreachableStore : IConversationStateStore
    {
        public Task<StoredState?> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default) => throw new IOException("down");
        public Task<bool> TrySaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken = default) => throw new IOException("down");
        public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) => throw new IOException("down");
        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
