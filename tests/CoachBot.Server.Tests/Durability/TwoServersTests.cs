using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Durability;

/// <summary>Two server processes behind one load balancer share PostgreSQL: each turn of a dialog may land on either.</summary>
public sealed class TwoServersTests : IAsyncLifetime
{
    private ConnectorFake _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorFake.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [PostgresFact]
    public async Task A_dialog_started_on_one_server_continues_on_the_other()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = schema.ConnectionString };
        var probe = new DialogProbe(_connector);
        await using var first = await ServerProcess.StartAsync(settings);
        await using var second = await ServerProcess.StartAsync(settings);

        Assert.Equal(Seen.NeedPrompt, await probe.SayAsync(first.Http, "two-servers", "qualify"));
        Assert.Equal(Seen.ChangePrompt, await probe.SayAsync(second.Http, "two-servers", "behavior"));
        Assert.Equal(Seen.BehaviorChangesPrompt, await probe.SayAsync(first.Http, "two-servers", "volume"));
        Assert.Equal(Seen.LabeledDataPrompt, await probe.SayAsync(second.Http, "two-servers", "stable"));
        Assert.Equal(Seen.FineTuning, await probe.SayAsync(second.Http, "two-servers", "yes"));
    }
}
