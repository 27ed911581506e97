using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Durability;

/// <summary>A dialog outlives the server process: the next answer after a restart continues at the step it was on.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly DurabilityFolder _folder = new();
    private ConnectorFake _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorFake.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_dialog_resumes_at_its_step_after_the_server_is_stopped_and_started_again()
    {
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = _folder.PathOf("coachbot.db") };
        var probe = new DialogProbe(_connector);

        await using (var first = await ServerProcess.StartAsync(settings))
        {
            Assert.Equal(Seen.NeedPrompt, await probe.SayAsync(first.Http, "restart", "qualify"));
            Assert.Equal(Seen.ChangePrompt, await probe.SayAsync(first.Http, "restart", "behavior"));
            await first.StopAsync();
        }

        await using var second = await ServerProcess.StartAsync(settings);
        Assert.Equal(Seen.BehaviorChangesPrompt, await probe.SayAsync(second.Http, "restart", "volume"));
        Assert.Equal(Seen.LabeledDataPrompt, await probe.SayAsync(second.Http, "restart", "stable"));
        Assert.Equal(Seen.FineTuning, await probe.SayAsync(second.Http, "restart", "yes"));
    }
}
