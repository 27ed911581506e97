using System.Diagnostics;
using System.Net;
using CoachBot.Core.Conversation;
using CoachBot.Core.Playbook;
using CoachBot.Core.Semantics;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;
using CoachBot.TestSupport;

namespace CoachBot.Server.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_and_readyz_answer_200_when_the_playbook_is_loaded_and_the_store_reachable()
    {
        await using var bot = new BotApp(new Dictionary<string, string?>());
        var client = bot.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await WaitUntilReadyAsync(client);
        Assert.Equal("ready", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task While_the_coach_is_built_the_server_listens_readyz_says_so_and_a_message_waits_for_it()
    {
        using var modelLoaded = new ManualResetEventSlim();
        await using var connector = await ConnectorFake.StartAsync();
        await using var bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" },
            services => services.AddSingleton(sp =>
            {
                modelLoaded.Wait(TimeSpan.FromSeconds(30));
                return TestCoach.Build(sp.GetRequiredService<PlaybookContent>());
            }));
        var client = bot.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var loading = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
        Assert.Contains("the coach is loading", await loading.Content.ReadAsStringAsync());

        var message = bot.PostAsync(Activities.Message(connector.ServiceUrl, "early", "phrase cost"));
        await Task.Delay(200);
        Assert.False(message.IsCompleted);
        modelLoaded.Set();

        Assert.Equal(200, (await message).Status);
        Assert.NotEmpty(connector.MessagesIn("early"));
        Assert.Equal(HttpStatusCode.OK, (await WaitUntilReadyAsync(client)).StatusCode);
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

    /// <summary>/readyz until it answers 200, or its last answer after 30 s.</summary>
    private static async Task<HttpResponseMessage> WaitUntilReadyAsync(HttpClient client)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var ready = await client.GetAsync("/readyz");
            if (ready.StatusCode == HttpStatusCode.OK || waited.Elapsed > TimeSpan.FromSeconds(30)) return ready;
            await Task.Delay(50);
        }
    }

    private sealed class UnreachableStore : IConversationStateStore
    {
        public Task<StoredState?> LoadAsync(ConversationKey key, CancellationToken cancellationToken = default) => throw new IOException("down");
        public Task<bool> TrySaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken = default) => throw new IOException("down");
        public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) => throw new IOException("down");
        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
