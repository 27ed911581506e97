using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Durability;

/// <summary>
/// SIGKILL in the middle of dialogs, many times over: after each restart every dialog goes on from the last answer
/// the server acknowledged (HTTP 200), or from the answer in flight when it died, never from further back.
/// </summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private const int Rounds = 100;
    private const int Conversations = 5;
    private const int Seed = 20261123;
    private static readonly TimeSpan LongestRun = TimeSpan.FromMilliseconds(300);

    private readonly DurabilityFolder _folder = new();
    private ConnectorFake _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorFake.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>One conversation as the seller knows it: the script line to send next, and whether the last one sent got no answer.</summary>
    private sealed class Seller(int number)
    {
        public string Id { get; } = "crash-" + number;
        public int Next { get; set; }
        public bool InFlightWhenKilled { get; set; }
        public int Acknowledged { get; set; }
    }

    [Fact]
    public async Task Every_dialog_resumes_at_its_step_after_each_of_100_kills()
    {
        var random = new Random(Seed);
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = _folder.PathOf("coachbot.db") };
        var probe = new DialogProbe(_connector);
        var sellers = Enumerable.Range(1, Conversations).Select(n => new Seller(n)).ToList();
        var failures = new List<string>();
        var kills = 0;

        for (var round = 1; round <= Rounds && failures.Count == 0; round++)
        {
            _connector.Clear();
            await using var server = await ServerProcess.StartAsync(settings);

            // After a kill: the next answer of each dialog must get what follows the last acknowledged answer. When an
            // answer was in flight, it may have been saved; sending it again then shows the same step (a repeated
            // "qualify" starts over, a repeated answer is not a choice of the next step and is asked again), except
            // after the last answer, whose repeat while idle is a phrase look-up.
            foreach (var seller in sellers.Where(s => round > 1))
            {
                var (text, expected) = DialogProbe.Script[seller.Next];
                var seen = await probe.SayAsync(server.Http, seller.Id, text);
                var resentLastAnswer = seller.InFlightWhenKilled && seller.Next == DialogProbe.Script.Count - 1 && seen == Seen.Other;
                if (seen != expected && !resentLastAnswer)
                    failures.Add($"round {round}, {seller.Id}: after restart \"{text}\" showed {seen?.ToString() ?? "no 200"}, expected {expected}{(seller.InFlightWhenKilled ? " (an answer was in flight at the kill)" : "")}");
                seller.Next = (seller.Next + 1) % DialogProbe.Script.Count;
                seller.InFlightWhenKilled = false;
            }

            // Dialogs run concurrently until the process is killed at a random moment.
            var killAt = TimeSpan.FromMilliseconds(random.NextDouble() * LongestRun.TotalMilliseconds);
            using var stop = new CancellationTokenSource();
            var runs = sellers.Select(seller => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var (text, expected) = DialogProbe.Script[seller.Next];
                    var seen = await probe.SayAsync(server.Http, seller.Id, text);
                    if (seen is null)
                    {
                        seller.InFlightWhenKilled = true;
                        return;
                    }
                    lock (failures)
                    {
                        if (seen != expected) failures.Add($"round {round}, {seller.Id}: \"{text}\" showed {seen}, expected {expected}");
                    }
                    seller.Acknowledged++;
                    seller.Next = (seller.Next + 1) % DialogProbe.Script.Count;
                }
            })).ToList();
            await Task.Delay(killAt);
            await stop.CancelAsync();
            await server.KillAsync();
            kills++;
            await Task.WhenAll(runs);
        }

        Assert.True(failures.Count == 0,
            $"Seed {Seed}, {kills} kills, {sellers.Sum(s => s.Acknowledged)} acknowledged turns:\n{string.Join("\n", failures)}");
        Assert.Equal(Rounds, kills);
        // Kills that only ever hit idle servers would prove nothing.
        Assert.True(sellers.Sum(s => s.Acknowledged) >= Rounds, $"Seed {Seed}: only {sellers.Sum(s => s.Acknowledged)} turns were acknowledged between kills.");
    }
}
