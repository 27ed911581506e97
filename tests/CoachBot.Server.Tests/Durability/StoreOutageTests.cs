using System.Net;
using System.Net.Sockets;
using CoachBot.Server.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CoachBot.Server.Tests.Durability;

/// <summary>
/// A state store that cannot be reached: /readyz answers 503, a turn answers "try again" and changes nothing, and
/// once the store is back the server is ready again, with no restart, and dialogs go on where they were.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
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
    public async Task While_the_sqlite_folder_is_gone_turns_answer_try_again_and_the_dialog_resumes_when_it_is_back()
    {
        var dataFolder = _folder.PathOf("data");
        await using var bot = new BotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["Storage:Provider"] = "sqlite",
            ["Storage:SqlitePath"] = Path.Combine(dataFolder, "coachbot.db"),
        });
        var probe = new DialogProbe(_connector);
        using var http = bot.CreateClient();
        Assert.Equal(Seen.NeedPrompt, await probe.SayAsync(bot, "outage", "qualify"));
        Assert.Equal(Seen.ChangePrompt, await probe.SayAsync(bot, "outage", "behavior"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        // The volume holding the database goes away: its folder is moved and a file takes its place, so SQLite can
        // open nothing there. Idle pooled connections would still reach the moved file, so they are dropped.
        var movedAway = _folder.PathOf("data-away");
        Directory.Move(dataFolder, movedAway);
        await File.WriteAllTextAsync(dataFolder, "not a folder");
        SqliteConnection.ClearAllPools();

        var unready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.Contains("state store", await unready.Content.ReadAsStringAsync());
        Assert.Equal(Seen.Unavailable, await probe.SayAsync(bot, "outage", "volume"));

        File.Delete(dataFolder);
        Directory.Move(movedAway, dataFolder);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        // The turn during the outage left the dialog where it was: "volume" now answers step change.
        Assert.Equal(Seen.BehaviorChangesPrompt, await probe.SayAsync(bot, "outage", "volume"));
        Assert.Equal(Seen.LabeledDataPrompt, await probe.SayAsync(bot, "outage", "stable"));
        Assert.Equal(Seen.FineTuning, await probe.SayAsync(bot, "outage", "yes"));
    }

    [Fact]
    public async Task With_postgres_unreachable_readyz_is_503_and_a_turn_answers_try_again()
    {
        await using var bot = new BotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = $"Host=127.0.0.1;Port={ClosedLoopbackPort()};Username=coachbot;Password=unused;Database=coachbot;Timeout=2",
        });
        var probe = new DialogProbe(_connector);
        using var http = bot.CreateClient();

        var unready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.DoesNotContain("unused", await unready.Content.ReadAsStringAsync());
        Assert.Equal(Seen.Unavailable, await probe.SayAsync(bot, "unreachable", "qualify"));
    }

    [PostgresFact]
    public async Task While_postgres_is_cut_off_turns_answer_try_again_and_the_dialog_resumes_when_it_is_back()
    {
        await using var schema = await PostgresTestSchema.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Parse(direct.Host!), direct.Port));
        relay.Start();
        await using var bot = new BotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 2 }.ConnectionString,
        });
        var probe = new DialogProbe(_connector);
        using var http = bot.CreateClient();
        Assert.Equal(Seen.NeedPrompt, await probe.SayAsync(bot, "pg-outage", "qualify"));
        Assert.Equal(Seen.ChangePrompt, await probe.SayAsync(bot, "pg-outage", "behavior"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        await relay.CutAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadinessAsync(http, HttpStatusCode.ServiceUnavailable));
        Assert.Equal(Seen.Unavailable, await probe.SayAsync(bot, "pg-outage", "volume"));

        relay.Start();
        // Pooled connections broken by the cut are discarded as they fail; readiness returns without a restart.
        Assert.Equal(HttpStatusCode.OK, await ReadinessAsync(http, HttpStatusCode.OK));
        Assert.Equal(Seen.BehaviorChangesPrompt, await probe.SayAsync(bot, "pg-outage", "volume"));
        Assert.Equal(Seen.LabeledDataPrompt, await probe.SayAsync(bot, "pg-outage", "stable"));
        Assert.Equal(Seen.FineTuning, await probe.SayAsync(bot, "pg-outage", "yes"));
    }

    /// <summary>Polls /readyz for up to 20 seconds until it answers <paramref name="wanted"/>; returns the last status.</summary>
    private static async Task<HttpStatusCode> ReadinessAsync(HttpClient http, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            status = (await http.GetAsync("/readyz")).StatusCode;
            if (status == wanted) break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return status;
    }

    /// <summary>A loopback port nothing listens on: taken from the OS, then released.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
