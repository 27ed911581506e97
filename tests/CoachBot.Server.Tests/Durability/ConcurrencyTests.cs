using CoachBot.Core;
using CoachBot.Core.Playbook;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;
using Xunit.Abstractions;

namespace CoachBot.Server.Tests.Durability;

/// <summary>
/// 1,000 simultaneous turns over 100 conversations through POST /api/messages, on durable storage: no turn the bot
/// acknowledged is lost. Every turn is an answer the current step does not accept, and the coach counts failed
/// tries in the stored state, so after the burst each conversation's count must equal its applied turns.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ConversationCount = 100;
    private const int TurnsPerConversation = 10;
    /// <summary>Not a choice of step "need", not a command.</summary>
    private const string NotAnAnswer = "xyzzy";

    private readonly DurabilityFolder _folder = new();
    private ConnectorFake _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorFake.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public Task No_acknowledged_turn_is_lost_on_sqlite() =>
        RunBurstAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "sqlite", ["Storage:SqlitePath"] = _folder.PathOf("coachbot.db") });

    [PostgresFact]
    public async Task No_acknowledged_turn_is_lost_on_postgres()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        await RunBurstAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["ConnectionStrings:Postgres"] = schema.ConnectionString });
    }

    private async Task RunBurstAsync(Dictionary<string, string?> storage)
    {
        storage["MicrosoftAppId"] = "";
        // This is about the store under 1,000 turns at once, not about shedding them (HostileTrafficTests): no cap.
        storage["Limits:MaxConcurrentTurns"] = "1000";
        // Failed tries normally wrap round after three (the coach then offers a way out); here they only count up.
        await using var bot = new BotApp(storage, s => s.AddSingleton(sp => new Coach(
            sp.GetRequiredService<PlaybookContent>(), sp.GetRequiredService<CoachBot.Core.Semantics.CoachUnderstanding>(),
            sp.GetRequiredService<TimeProvider>(), new CoachOptions { MaxRetries = int.MaxValue })));
        var probe = new DialogProbe(_connector);
        var conversations = Enumerable.Range(1, ConversationCount).Select(n => $"burst-{n}").ToList();

        foreach (var conversation in conversations)
            Assert.Equal(Seen.NeedPrompt, await probe.SayAsync(bot, conversation, "qualify"));

        var turns = conversations
            .SelectMany(conversation => Enumerable.Range(0, TurnsPerConversation).Select(_ => conversation))
            .Select(conversation => Task.Run(async () => (Conversation: conversation, Seen: await probe.SayAsync(bot, conversation, NotAnAnswer))))
            .ToList();
        var results = await Task.WhenAll(turns);

        // A busy answer is the runner giving up after its retries: nothing saved, the seller told to send again.
        var busy = results.Count(r => r.Seen == Seen.Busy);
        var unanswered = results.Where(r => r.Seen is not (Seen.NeedPrompt or Seen.Busy)).ToList();
        output.WriteLine($"{results.Length} turns: {results.Length - busy} applied, {busy} answered busy.");
        Assert.True(unanswered.Count == 0, $"Turns answered neither with the step's prompt nor busy: {string.Join(", ", unanswered.Select(r => $"{r.Conversation}: {r.Seen}"))}");

        var store = bot.Services.GetRequiredService<IConversationStateStore>();
        var lost = new List<string>();
        foreach (var conversation in conversations)
        {
            var applied = results.Count(r => r.Conversation == conversation && r.Seen == Seen.NeedPrompt);
            var stored = await store.LoadAsync(DialogProbe.KeyOf(conversation));
            Assert.NotNull(stored);
            Assert.Equal("need", stored.State.StepId);
            // One save for "qualify", one per applied turn.
            if (stored.State.Retries != applied || stored.Version != 1 + applied)
                lost.Add($"{conversation}: {applied} turns applied, state counts {stored.State.Retries} at version {stored.Version}");
        }
        Assert.True(lost.Count == 0, $"Lost updates ({busy} busy answers):\n{string.Join("\n", lost)}");
    }
}
