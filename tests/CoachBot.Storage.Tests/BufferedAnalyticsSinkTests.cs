using System.Collections.Concurrent;
using CoachBot.Core.Analytics;
using CoachBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Storage.Tests;

public sealed class BufferedAnalyticsSinkTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>For tests about something else than pacing: the loop writes each batch as soon as it can.</summary>
    private static readonly TimeSpan NoPause = TimeSpan.Zero;

    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly WatchedTime _time = new(Start);
    private readonly CapturingLogger<BufferedAnalyticsSink> _logger = new();
    private readonly FakeSink _inner;

    public BufferedAnalyticsSinkTests() => _inner = new FakeSink(_time);

    [Fact]
    public async Task Events_buffered_before_the_start_are_written_in_order_in_batches_of_at_most_the_batch_limit()
    {
        using var sink = Sink(capacity: 10_000, NoPause);
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
        using var sink = Sink(capacity: 100, NoPause);
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
        using var sink = Sink(capacity: 3, NoPause);
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
        using var sink = Sink(capacity: 2, NoPause);
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
        using var sink = Sink(capacity: 100, NoPause);
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
        using var sink = Sink(capacity: 100, NoPause);
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
        using var sink = Sink(capacity: 100, NoPause);
        var events = Events("q", 3);
        await sink.RecordAsync(events);

        await sink.StopAsync(CancellationToken.None);

        Assert.Equal(events, _inner.NextCall().Events);
    }

    [Fact]
    public async Task A_stop_that_runs_out_of_time_abandons_the_write_and_reports_what_is_lost()
    {
        using var sink = Sink(capacity: 100, NoPause);
        _inner.OnCall = _ => Task.Delay(Timeout.Infinite, _inner.LastToken);
        await sink.StartAsync(CancellationToken.None);
        await sink.RecordAsync(Events("q", 1));
        _inner.NextCall();
        await sink.RecordAsync(Events("q", 2));

        await sink.StopAsync(new CancellationToken(canceled: true)).WaitAsync(WaitLimit);

        await sink.ExecuteTask!.WaitAsync(WaitLimit);
        Assert.Equal(["Stopped before writing 3 buffered analytics events; they are lost"], _logger.At(LogLevel.Warning));
    }

    // ---- Folding ----

    [Fact]
    public async Task Identical_events_of_one_UTC_minute_are_folded_into_one_at_the_earliest_time_in_first_seen_order()
    {
        using var sink = Sink(capacity: 100, NoPause);
        await sink.RecordAsync(
        [
            Lookup("rag", Start.AddSeconds(30), "phrase-1"),
            Lookup("lora", Start.AddSeconds(10)),
            // The same UTC minute written with another offset.
            Lookup("rag", Start.AddSeconds(5).ToOffset(TimeSpan.FromHours(2)), "phrase-1"),
            Lookup("rag", Start.AddSeconds(59), "phrase-1", occurrences: 2),
            Lookup("lora", Start.AddSeconds(50)),
        ]);

        await sink.StartAsync(CancellationToken.None);

        var call = _inner.NextCall();
        Assert.Equal([Lookup("rag", Start.AddSeconds(5), "phrase-1", occurrences: 4), Lookup("lora", Start.AddSeconds(10), occurrences: 2)], call.Events);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Events_of_another_minute_detail_kind_or_subject_spelling_are_not_folded()
    {
        using var sink = Sink(capacity: 100, NoPause);
        var at = Start.AddSeconds(59);
        AnalyticsEvent[] apart =
        [
            Lookup("rag", at, "phrase-1"),
            Lookup("rag", at.AddSeconds(1), "phrase-1"),
            Lookup("rag", at, "phrase-2"),
            Lookup("rag", at),
            new(AnalyticsKind.NoMatchLookup, "rag", at),
            Lookup("RAG", at, "phrase-1"),
            Lookup("rag ", at, "phrase-1"),
        ];
        await sink.RecordAsync([.. apart, Lookup("rag", at.AddSeconds(-59), "phrase-1")]);

        await sink.StartAsync(CancellationToken.None);

        Assert.Equal([Lookup("rag", at.AddSeconds(-59), "phrase-1", occurrences: 2), .. apart[1..]], _inner.NextCall().Events);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task One_write_takes_in_a_burst_of_many_more_identical_events_than_the_batch_limit()
    {
        using var sink = Sink(capacity: 5_000, NoPause);
        await sink.RecordAsync([.. Enumerable.Range(0, 5_000).Select(i => Lookup("rag", Start.AddMilliseconds(i), "phrase-1"))]);

        await sink.StartAsync(CancellationToken.None);

        Assert.Equal([Lookup("rag", Start, "phrase-1", occurrences: 5_000)], _inner.NextCall().Events);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_batch_has_at_most_the_batch_limit_of_rows_and_still_takes_repeats_of_them_until_an_event_needs_a_new_one()
    {
        using var sink = Sink(capacity: 10_000, NoPause);
        var distinct = Events("q", BufferedAnalyticsSink.MaxBatchSize + 1);
        var full = distinct[..BufferedAnalyticsSink.MaxBatchSize];
        await sink.RecordAsync([.. full, distinct[0], distinct[1], distinct[^1], distinct[2]]);

        await sink.StartAsync(CancellationToken.None);

        var first = _inner.NextCall();
        Assert.Equal(full.Select(e => e.Subject), first.Events.Select(e => e.Subject));
        Assert.Equal([2, 2, 1], first.Events.Take(3).Select(e => e.Occurrences));
        Assert.Equal(BufferedAnalyticsSink.MaxBatchSize + 2, first.Events.Sum(e => e.Occurrences));
        // Not folded into the first batch past the event that did not fit: order is kept.
        Assert.Equal([distinct[^1], distinct[2]], _inner.NextCall().Events);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Events_whose_counts_would_overflow_together_are_written_apart()
    {
        using var sink = Sink(capacity: 100, NoPause);
        await sink.RecordAsync(
        [
            Lookup("rag", Start, occurrences: int.MaxValue - 1),
            Lookup("rag", Start, occurrences: 2),
            Lookup("rag", Start, occurrences: 3),
        ]);

        await sink.StartAsync(CancellationToken.None);

        Assert.Equal([int.MaxValue - 1, 5], _inner.NextCall().Events.Select(e => e.Occurrences));
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_write_reports_the_events_its_folded_rows_stood_for()
    {
        using var sink = Sink(capacity: 100, NoPause);
        _inner.OnCall = _ => Task.FromException(new TimeoutException("database down"));
        await sink.RecordAsync([Lookup("rag", Start), Lookup("rag", Start), Lookup("lora", Start)]);

        await sink.StartAsync(CancellationToken.None);

        Assert.Equal(2, _inner.NextCall().Events.Count);
        await sink.StopAsync(CancellationToken.None);
        Assert.Equal(["Could not write 3 analytics events; they are lost"], _logger.At(LogLevel.Warning));
    }

    // ---- Pacing ----
    // Stops are bounded here: a pause that a stop failed to cut short must fail the test, not hang it.

    [Fact]
    public async Task After_a_write_the_next_batch_waits_for_the_batch_interval_and_takes_everything_recorded_meanwhile()
    {
        var interval = TimeSpan.FromMilliseconds(200);
        using var sink = Sink(capacity: 100, interval);
        await sink.StartAsync(CancellationToken.None);
        await sink.RecordAsync(Events("first", 1));
        var first = _inner.NextCall();

        Assert.Equal(interval, _time.NextWait());
        var meanwhile = Events("meanwhile", 3);
        foreach (var analyticsEvent in meanwhile)
        {
            await sink.RecordAsync([analyticsEvent]);
        }
        // The loop can only be waiting on the clock, which has not reached the end of the interval.
        _time.Advance(interval - TimeSpan.FromTicks(1));
        Assert.Equal(0, _inner.PendingCalls);
        _time.Advance(TimeSpan.FromTicks(1));

        var next = _inner.NextCall();
        Assert.Equal(meanwhile, next.Events);
        Assert.Equal(first.At + interval, next.At);
        await sink.StopAsync(CancellationToken.None).WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task With_a_batchs_worth_waiting_the_next_batch_goes_straight_on_and_with_less_it_waits()
    {
        using var sink = Sink(capacity: 10_000, BufferedAnalyticsSink.DefaultBatchInterval);
        var events = Events("q", 2 * BufferedAnalyticsSink.MaxBatchSize + 1);
        await sink.RecordAsync(events);

        await sink.StartAsync(CancellationToken.None);

        // Nothing moves the clock: had the loop paused after the first batch, the second would never come.
        var first = _inner.NextCall();
        var second = _inner.NextCall();
        Assert.Equal(first.At, second.At);
        Assert.Equal(BufferedAnalyticsSink.DefaultBatchInterval, _time.NextWait());
        _time.Advance(BufferedAnalyticsSink.DefaultBatchInterval);
        var third = _inner.NextCall();
        Assert.Equal([events[^1]], third.Events);
        Assert.Equal(first.At + BufferedAnalyticsSink.DefaultBatchInterval, third.At);
        await sink.StopAsync(CancellationToken.None).WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task A_buffer_smaller_than_a_batch_that_filled_during_a_write_is_written_straight_on()
    {
        using var sink = Sink(capacity: 3, TimeSpan.FromHours(1));
        var firstWrite = Gate();
        _inner.OnCall = call => call == 1 ? firstWrite.Task : Task.CompletedTask;
        await sink.StartAsync(CancellationToken.None);
        await sink.RecordAsync(Events("first", 1));
        var first = _inner.NextCall();
        var filling = Events("filling", 3);
        await sink.RecordAsync(filling);

        firstWrite.SetResult();

        var next = _inner.NextCall();
        Assert.Equal(filling, next.Events);
        Assert.Equal(first.At, next.At);
        Assert.Equal(0, sink.DroppedEventCount);
        await sink.StopAsync(CancellationToken.None).WaitAsync(WaitLimit);
    }

    [Fact]
    public async Task A_stop_during_the_pause_writes_what_is_left_at_once()
    {
        using var sink = Sink(capacity: 100, TimeSpan.FromHours(1));
        await sink.StartAsync(CancellationToken.None);
        await sink.RecordAsync(Events("first", 1));
        var first = _inner.NextCall();
        Assert.Equal(TimeSpan.FromHours(1), _time.NextWait());
        var left = Events("left", 2);
        await sink.RecordAsync(left);

        await sink.StopAsync(CancellationToken.None).WaitAsync(WaitLimit);

        var last = _inner.NextCall();
        Assert.Equal(left, last.Events);
        Assert.Equal(first.At, last.At);
        Assert.Empty(_logger.At(LogLevel.Warning));
    }

    [Fact]
    public void A_negative_batch_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sink(capacity: 100, TimeSpan.FromMilliseconds(-1)));
    }

    private BufferedAnalyticsSink Sink(int capacity, TimeSpan batchInterval) => new(_inner, capacity, _time, _logger, batchInterval);

    private static AnalyticsEvent Lookup(string subject, DateTimeOffset at, string? detail = null, int occurrences = 1) =>
        new(AnalyticsKind.Lookup, subject, at, detail, occurrences);

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

        /// <summary>Calls made and not yet taken by the test.</summary>
        public int PendingCalls => _calls.Count;

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

    /// <summary>A fake clock that tells the test whenever something starts waiting on it, and for how long.</summary>
    private sealed class WatchedTime(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly BlockingCollection<TimeSpan> _waits = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            // Only once the timer is in place: the test may move the clock on as soon as it hears of it.
            _waits.Add(dueTime);
            return timer;
        }

        /// <summary>How long the next wait started on this clock lasts, waiting for it to start if need be.</summary>
        public TimeSpan NextWait()
        {
            Assert.True(_waits.TryTake(out var dueTime, WaitLimit), "Nothing waited on the clock.");
            return dueTime;
        }
    }
}
