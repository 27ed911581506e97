using System.Collections.Concurrent;
using CoachBot.Core.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CoachBot.Storage.Tests;

public sealed class StatePurgeServiceTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly StorageOptions _options = new() { StateTimeToLive = TimeSpan.FromDays(2), PurgeInterval = TimeSpan.FromHours(1) };
    private readonly BlockingCollection<DateTimeOffset> _cutoffs = [];
    private readonly Mock<IConversationStateStore> _store = new();

    [Fact]
    public async Task Purges_state_older_than_the_time_to_live_at_start_and_then_every_interval()
    {
        _store.Setup(s => s.PurgeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((DateTimeOffset olderThan, CancellationToken _) => _cutoffs.Add(olderThan))
            .ReturnsAsync(3);
        using var service = new StatePurgeService(_store.Object, _options, _time, NullLogger<StatePurgeService>.Instance);
        var start = _time.GetUtcNow();

        await service.StartAsync(CancellationToken.None);
        Assert.Equal(start - TimeSpan.FromDays(2), NextCutoff());

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(start + TimeSpan.FromHours(1) - TimeSpan.FromDays(2), NextCutoff());

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_purge_is_tried_again_at_the_next_interval()
    {
        var calls = 0;
        _store.Setup(s => s.PurgeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((DateTimeOffset olderThan, CancellationToken _) => _cutoffs.Add(olderThan))
            .Returns(() => Interlocked.Increment(ref calls) == 1
                ? Task.FromException<int>(new TimeoutException("database down"))
                : Task.FromResult(0));
        using var service = new StatePurgeService(_store.Object, _options, _time, NullLogger<StatePurgeService>.Instance);

        await service.StartAsync(CancellationToken.None);
        NextCutoff();
        _time.Advance(TimeSpan.FromHours(1));
        NextCutoff();

        Assert.False(service.ExecuteTask!.IsFaulted);
        await service.StopAsync(CancellationToken.None);
    }

    private DateTimeOffset NextCutoff()
    {
        Assert.True(_cutoffs.TryTake(out var cutoff, WaitLimit), "The service did not purge.");
        return cutoff;
    }
}
