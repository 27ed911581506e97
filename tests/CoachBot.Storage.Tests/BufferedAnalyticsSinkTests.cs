using System.Collections.Concurrent;
using CoachBot.Core.Analytics;
using CoachBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Storage.Tests;

public sealed class BufferedAnalyticsSinkTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger<BufferedAnalyticsSink> _logger = new();
    private readonly FakeSink _inner;

    public BufferedAnalyticsSinkTests() => _inner = new FakeSink(_time);

    [Fact]
    public async Task Events_buffered_before_the_start_are_written_in_order_in_batches_of_at_most_the_batch_limit()
    {
        using var sink = Sink(capacity: 10_000);
        var events = Events("q", 2 * BufferedAnalyticsSink.MaxBatchSize + 500);
        await sink.RecordAsync(events);

        await sink.StartAsync(CancellationToken.None);

        var calls = new[] { _inner.NextCall(), _inner.NextCall(), _inner.NextCall() };
        Assert.Equal([BufferedAnalyticsSink.MaxBatchSize, BufferedAnalyticsSink.MaxBatchSize, 500], calls.Select(c => c.Events.Count));
        Assert.Equal(events, calls.SelectMany(c => c.Events));
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Events_recorded_while_running_reach_the_inner_sink()
    {
        using var sink = Sink(capacity: 100);
        await sink.StartAsync(CancellationToken.None);

        var first = Events("first", 1);
        await sink.RecordAsync(first);
        Assert.Equal(first, _inner.NextCall().Events);

        var more = Events("more", 3);
        await sink.RecordAsync(more);
        Assert.Equal(more, _inner.TakeEvents(more.Length));
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_full_buffer_drops_new_events_and_counts_them_without_making_the_caller_wait()
    {
        using var sink = Sink(capacity: 3);
        var events = Events("q", 5);

        // Not started: nothing empties the buffer.
        var recording = sink.RecordAsync(events);

        Assert.True(recording.IsCompletedSuccessfully);
        Assert.Equal(2, sink.DroppedEventCount);
        await sink.StartAsync(CancellationToken.None);
        Assert.Equal(events.Take(3), _inner.NextCall().Events);
        Assert.Equal(["Dropped 2 analytics events: the buffer of 3 events was full"], _logger.At(LogLevel.Warning));
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Drops_are_reported_at_most_once_per_report_interval_with_the_count_since_the_last_report()
    {
        using var sink = Sink(capacity: 2);
        var calls = 0;
        var release = new[] { Gate(), Gate() };
        _inner.OnCall = _ => ++calls <= release.Length ? release[calls - 1].Task : Task.CompletedTask;
        await sink.StartAsync(CancellationToken.None);

        // While the loop writes one event, two fill the buffer and one more is dropped.
        await sink.RecordAsync(Events("a", 1));
        _inner.NextCall();
        await sink.RecordAsync(Events("b", 3));
        release[0].SetResult();
        _inner.NextCall();
        Assert.Equal(["Dropped 1 analytics events: the buffer of 2 events was full"], _logger.At(LogLevel.Warning));

        // Dropped again within the interval: counted, not yet reported when the next batch is written.
        await sink.RecordAsync(Events("c", 3));
        release[1].SetResult();
        _inner.NextCall();
        Assert.Single(_logger.At(LogLevel.Warning));

        _time.Advance(BufferedAnalyticsSink.DropReportInterval);
        await sink.RecordAsync(Events("d", 1));
        _inner.NextCall();
        Assert.Equal("Dropped 1 analytics events: the buffer of 2 events was full", _logger.At(LogLevel.Warning)[^1]);
        Assert.Equal(2, sink.DroppedEventCount);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_inner_sink_loses_its_batch_and_the_loop_goes_on_after_the_retry_delay()
    {
        using var sink = Sink(capacity: 100);
        _inner.OnCall = call => call == 1 ? Task.FromException(new TimeoutException("database down")) : Task.CompletedTask;
        await sink.StartAsync(CancellationToken.None);

        await sink.RecordAsync(Events("lost", 2));
        var failed = _inner.NextCall();
        var later = Events("later", 1);
        await sink.RecordAsync(later);

        // The loop waits on the fake clock: it is moved on in small steps until the next write comes.
        var next = _inner.NextCall(whileWaiting: () => _time.Advance(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(later, next.Events);
        Assert.True(next.At - failed.At >= BufferedAnalyticsSink.RetryDelay, $"Retried after {next.At - failed.At}.");
        Assert.Equal(["Could not write 2 analytics events; they are lost"], _logger.At(LogLevel.Warning));
        Assert.False(sink.ExecuteTask!.IsCompleted);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_writes_every_event_still_buffered_before_it_returns()
    {
        using var sink = Sink(capacity: 100);
        var firstWrite = Gate();
        _inner.OnCall = call => call == 1 ? firstWrite.Task : Task.CompletedTask;
        await sink.StartAsync(CancellationToken.None);
        var events = Events("q", 5);
        await sink.RecordAsync(events[..1]);
        _inner.NextCall();
        await sink.RecordAsync(events[1..]);

        var stopping = sink.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        firstWrite.SetResult();
        await stopping.WaitAsync(WaitLimit);

        Assert.Equal(events[1..], _inner.NextCall().Events);
        await sink.RecordAsync(Events("after the stop", 1));
        Assert.Equal(1, sink.DroppedEventCount);
        Assert.Empty(_logger.At(LogLevel.Warning));
    }

    [Fact]
    public async Task What_is_buffered_is_written_even_when_the_stop_comes_before_the_loop_ever_ran()
    {
        using var sink = Sink(capacity: 100);
        var events = Events("q", 3);
        await sink.RecordAsync(events);

        await sink.StopAsync(CancellationToken.None);

        Assert.Equal(events, _inner.NextCall().Events);
    }

    [Fact]
    public async Task A_stop_that_runs_out_of_time_abandons_the_write_and_reports_what_is_lost()
    {
        using var sink = Sink(capacity: 100);
        _inner.OnCall = _ => Task.Delay(Timeout.Infinite, _inner.LastToken);
        await sink.StartAsync(CancellationToken.None);
        await sink.RecordAsync(Events("q", 1));
        _inner.NextCall();
        await sink.RecordAsync(Events("q", 2));

        await sink.StopAsync(new CancellationToken(canceled: true)).WaitAsync(WaitLimit);

        await sink.ExecuteTask!.WaitAsync(WaitLimit);
        Assert.Equal(["Stopped before writing 3 buffered analytics events; they are lost"], _logger.At(LogLevel.Warning));
    }

    private BufferedAnalyticsSink Sink(int capacity) => new(_inner, capacity, _time, _logger);

    // Asynchronous continuations: releasing a write must not run the sink's loop on the test's thread.
    private static TaskCompletionSource Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AnalyticsEvent[] Events(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(n => new AnalyticsEvent(AnalyticsKind.Lookup, $"{prefix} {n}", _time.GetUtcNow()))];

    /// <summary>One call to the inner sink: a copy of the events (the buffer reuses its list) and the fake time it came at.</summary>
    private sealed record Call(IReadOnlyList<AnalyticsEvent> Events, DateTimeOffset At);

    /// <summary>
    /// An inner sink that hands each call to the test, then does what <see cref="OnCall"/> returns for the call's
    /// number (from 1): complete, fail, or wait.
    /// </summary>
    private sealed class FakeSink(TimeProvider time) : IAnalyticsSink
    {
        private readonly BlockingCollection<Call> _calls = [];
        private int _callCount;

        public Func<int, Task> OnCall { get; set; } = _ => Task.CompletedTask;

        /// <summary>The cancellation token of the latest call.</summary>
        public CancellationToken LastToken { get; private set; }

        public async ValueTask RecordAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken = default)
        {
            LastToken = cancellationToken;
            var call = Interlocked.Increment(ref _callCount);
            _calls.Add(new Call([.. events], time.GetUtcNow()));
            await OnCall(call);
        }

        /// <summary>The next call, waiting for it if need be; <paramref name="whileWaiting"/> runs between short waits.</summary>
        public Call NextCall(Action? whileWaiting = null)
        {
            var deadline = DateTime.UtcNow + WaitLimit;
            Call? call;
            while (!_calls.TryTake(out call, whileWaiting is null ? WaitLimit : TimeSpan.FromMilliseconds(10)))
            {
                Assert.True(DateTime.UtcNow < deadline, "The inner sink was not called.");
                whileWaiting?.Invoke();
            }
            return call;
        }

        /// <summary>The events of as many calls as it takes to get <paramref name="count"/> of them.</summary>
        public List<AnalyticsEvent> TakeEvents(int count)
        {
            var events = new List<AnalyticsEvent>();
            while (events.Count < count)
            {
                events.AddRange(NextCall().Events);
            }
            return events;
        }
    }
}
