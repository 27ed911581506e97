using System.Runtime.InteropServices;
using System.Threading.Channels;
using CoachBot.Core.Analytics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoachBot.Storage;

/// <summary>
/// Takes analytics off the request path: <see cref="RecordAsync"/> only puts events in a bounded buffer, and a
/// background loop writes them to the inner sink in batches, so recording never waits for the database nor fails
/// an answer. The price: a crash loses the events still buffered, and while the buffer is full (the store is down,
/// or slower than the load) new events are dropped and counted. A clean stop writes everything buffered first.
/// Within a batch, identical events of one minute are folded into one with their number as its
/// <see cref="AnalyticsEvent.Occurrences"/>, and after each write the loop waits for more to arrive, so that under
/// load the store writes a few rows per burst instead of one per look-up.
/// </summary>
public sealed partial class BufferedAnalyticsSink : BackgroundService, IAnalyticsSink
{
    /// <summary>
    /// At most this many rows (events after folding) go to the inner sink in one call, one transaction for the SQL
    /// stores, however many buffered events they stand for. A batch reads at most the buffer's capacity of events.
    /// </summary>
    public const int MaxBatchSize = 1_000;

    /// <summary>
    /// The default pause after a batch is written, so that under load each transaction carries a burst instead of a
    /// handful of events (with SQLite every commit is an fsync). Skipped while a batch's worth is already waiting.
    /// The buffer must hold what arrives meanwhile: the default 10,000 events cover 50,000 events a second. The
    /// price: an event reaches the store up to this much later.
    /// </summary>
    public static readonly TimeSpan DefaultBatchInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The pause after the inner sink failed, so that an outage neither spins the loop nor floods the log.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Events dropped because the buffer was full are reported at most this often.</summary>
    public static readonly TimeSpan DropReportInterval = TimeSpan.FromMinutes(1);

    private readonly IAnalyticsSink _inner;
    private readonly int _capacity;
    private readonly TimeSpan _batchInterval;
    // A batch's worth of waiting events: a batch of distinct rows, or a full buffer when that is smaller.
    private readonly int _enoughToGoStraightOn;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BufferedAnalyticsSink> _logger;
    private readonly Channel<AnalyticsEvent> _buffer;
    // Cancelled when the stop's own deadline passes (or on dispose): the stopping token would also cut short the
    // final flush. The token is kept apart because the loop may still read it after the source is disposed.
    private readonly CancellationTokenSource _abandonWrites = new();
    private readonly CancellationToken _writesAbandoned;
    // Reused for every batch: the loop is their only user, and the inner sink is done with the batch when its call
    // returns. _rows are the batch being folded, _rowOf finds an event's row, _batch is what the inner sink gets.
    private readonly List<Row> _rows;
    private readonly Dictionary<FoldKey, int> _rowOf;
    private readonly List<AnalyticsEvent> _batch;
    // The buffered events the batch stands for: what is lost if it cannot be written.
    private int _batchEventCount;
    private long _dropped;
    private long _droppedReported;
    private DateTimeOffset? _lastDropReport;
    private int _loopTaken;
    private int _disposed;

    /// <param name="inner">Where the events are written in the end, e.g. <see cref="CoachBotStorage.AnalyticsSink"/>.</param>
    /// <param name="capacity">How many events may wait to be written; see <see cref="StorageOptions.AnalyticsBufferSize"/>.</param>
    /// <param name="batchInterval">The pause after each write; <see cref="DefaultBatchInterval"/> when null, none when zero.</param>
    public BufferedAnalyticsSink(
        IAnalyticsSink inner, int capacity, TimeProvider timeProvider, ILogger<BufferedAnalyticsSink> logger, TimeSpan? batchInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _batchInterval = batchInterval ?? DefaultBatchInterval;
        ArgumentOutOfRangeException.ThrowIfLessThan(_batchInterval, TimeSpan.Zero, nameof(batchInterval));
        _inner = inner;
        _capacity = capacity;
        _enoughToGoStraightOn = Math.Min(capacity, MaxBatchSize);
        _timeProvider = timeProvider;
        _logger = logger;
        _writesAbandoned = _abandonWrites.Token;
        _rows = new List<Row>(_enoughToGoStraightOn);
        _rowOf = new Dictionary<FoldKey, int>(_enoughToGoStraightOn);
        _batch = new List<AnalyticsEvent>(_enoughToGoStraightOn);
        _buffer = Channel.CreateBounded<AnalyticsEvent>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropWrite,
                SingleReader = true,
                SingleWriter = false,
                // A request thread that hands over an event must not go on to run the loop's write.
                AllowSynchronousContinuations = false,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Events not written because the buffer was full, or already closed by the stop, since this sink was made.</summary>
    public long DroppedEventCount => Interlocked.Read(ref _dropped);

    /// <summary>The pause after each write (Storage:AnalyticsBatchInterval in the server).</summary>
    public TimeSpan BatchInterval => _batchInterval;

    /// <summary>Buffers <paramref name="events"/> and returns at once; never waits, never throws because the buffer is full.</summary>
    public ValueTask RecordAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken = default)
    {
        var writer = _buffer.Writer;
        // An index loop: foreach over the interface would allocate an enumerator on every request.
        for (var i = 0; i < events.Count; i++)
        {
            // A full buffer drops the event itself (counted by the channel's callback) and still returns true;
            // false only means the stop has closed the buffer.
            if (!writer.TryWrite(events[i]))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the buffer, then waits until what it holds is written, or until <paramref name="cancellationToken"/> gives up.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Writer.TryComplete();
        using var deadline = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _abandonWrites);
        await base.StopAsync(cancellationToken);
        if (TakeTheLoop())
        {
            // BackgroundService starts ExecuteAsync through Task.Run with the stopping token, so a stop that comes
            // before the thread pool got to it cancels it unrun: the buffer is emptied here instead.
            await WriteUntilClosedAsync(new CancellationToken(canceled: true));
        }
    }

    public override void Dispose()
    {
        // The container disposes this once per registration that hands it out.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _buffer.Writer.TryComplete();
        _abandonWrites.Cancel();
        base.Dispose();
        _abandonWrites.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        TakeTheLoop() ? WriteUntilClosedAsync(stoppingToken) : Task.CompletedTask;

    /// <summary>True for the one caller that is to run the loop: ExecuteAsync, or StopAsync when ExecuteAsync never ran.</summary>
    private bool TakeTheLoop() => Interlocked.Exchange(ref _loopTaken, 1) == 0;

    private async Task WriteUntilClosedAsync(CancellationToken stoppingToken)
    {
        // Not stoppingToken: the loop ends when the stop has closed the buffer and everything in it is written.
        while (await _buffer.Reader.WaitToReadAsync(CancellationToken.None))
        {
            ReportDrops();
            bool written;
            try
            {
                written = await WriteBatchAsync();
            }
            catch (Exception) when (_writesAbandoned.IsCancellationRequested)
            {
                LogAbandoned(_batchEventCount + _buffer.Reader.Count);
                ClearBatch();
                return;
            }
            if (written)
            {
                // With a batch's worth already waiting, a pause would gain no folding and only bring a full buffer nearer.
                if (_buffer.Reader.Count < _enoughToGoStraightOn)
                {
                    await PauseAsync(_batchInterval, stoppingToken);
                }
                continue;
            }
            if (stoppingToken.IsCancellationRequested)
            {
                // The store is failing and the host is stopping: trying each remaining batch in turn would only delay the stop.
                if (_buffer.Reader.Count > 0)
                {
                    LogAbandoned(_buffer.Reader.Count);
                }
                return;
            }
            await PauseAsync(RetryDelay, stoppingToken);
        }
        ReportDrops(evenIfRecent: true);
    }

    /// <summary>Writes one folded batch of buffered events; false, having logged, when the inner sink failed.</summary>
    private async Task<bool> WriteBatchAsync()
    {
        FillBatch();
        foreach (var row in _rows)
        {
            _batch.Add(row.ToEvent());
        }
        try
        {
            await _inner.RecordAsync(_batch, _writesAbandoned);
            ClearBatch();
            return true;
        }
        catch (Exception exception) when (!_writesAbandoned.IsCancellationRequested)
        {
            LogWriteFailed(_batchEventCount, exception);
            ClearBatch();
            return false;
        }
    }

    /// <summary>
    /// Reads buffered events into <see cref="_rows"/>, folding each into the row of an identical event when there is
    /// one, until the buffer is empty, or an event would need a row beyond <see cref="MaxBatchSize"/>, or a full
    /// buffer's worth has been read: the bound that ends the batch while requests keep refilling the buffer.
    /// </summary>
    private void FillBatch()
    {
        var reader = _buffer.Reader;
        while (_batchEventCount < _capacity)
        {
            if (_rows.Count < MaxBatchSize)
            {
                if (!reader.TryRead(out var analyticsEvent))
                {
                    return;
                }
                var key = FoldKey.Of(analyticsEvent);
                if (!TryFold(key, analyticsEvent))
                {
                    _rowOf[key] = _rows.Count;
                    _rows.Add(new Row(analyticsEvent));
                }
            }
            else
            {
                // The batch is full, but an event that folds into one of its rows costs it nothing: looked at before
                // it is taken, since one that does not fold must wait in the buffer for the next batch.
                if (!reader.TryPeek(out var analyticsEvent) || !TryFold(FoldKey.Of(analyticsEvent), analyticsEvent))
                {
                    return;
                }
                // The loop is the buffer's only reader: this takes the event just folded.
                reader.TryRead(out _);
            }
            _batchEventCount++;
        }
    }

    /// <summary>Adds the event to the row of its key; false when it has none, or its count would overflow.</summary>
    private bool TryFold(FoldKey key, AnalyticsEvent analyticsEvent)
    {
        if (!_rowOf.TryGetValue(key, out var index))
        {
            return false;
        }
        ref var row = ref CollectionsMarshal.AsSpan(_rows)[index];
        if (row.Occurrences > int.MaxValue - analyticsEvent.Occurrences)
        {
            return false;
        }
        row.Occurrences += analyticsEvent.Occurrences;
        if (analyticsEvent.At < row.Earliest)
        {
            row.Earliest = analyticsEvent.At;
        }
        return true;
    }

    private void ClearBatch()
    {
        _rows.Clear();
        _rowOf.Clear();
        _batch.Clear();
        _batchEventCount = 0;
    }

    private async Task PauseAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        if (delay == TimeSpan.Zero || stoppingToken.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await Task.Delay(delay, _timeProvider, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: straight on to writing what is left.
        }
    }

    private void ReportDrops(bool evenIfRecent = false)
    {
        var dropped = Interlocked.Read(ref _dropped);
        if (dropped == _droppedReported)
        {
            return;
        }
        var now = _timeProvider.GetUtcNow();
        if (!evenIfRecent && _lastDropReport is { } last && now - last < DropReportInterval)
        {
            return;
        }
        LogDropped(dropped - _droppedReported, _capacity);
        _droppedReported = dropped;
        _lastDropReport = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} analytics events: the buffer of {Capacity} events was full")]
    private partial void LogDropped(long count, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} analytics events; they are lost")]
    private partial void LogWriteFailed(int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped before writing {Count} buffered analytics events; they are lost")]
    private partial void LogAbandoned(int count);

    /// <summary>
    /// What makes events identical for folding: kind, subject (exactly as recorded), detail, and the UTC minute they
    /// happened in. A folded event is stored at the earliest of its times, so the minute in the key is what keeps a
    /// report's "since" boundary from being off by more than a minute: without it, a buffer that held events for a
    /// long time (the store was down) would put hours of look-ups at the time of the first.
    /// </summary>
    private readonly record struct FoldKey(AnalyticsKind Kind, string Subject, string? Detail, long UtcMinute)
    {
        public static FoldKey Of(AnalyticsEvent analyticsEvent) => new(
            analyticsEvent.Kind, analyticsEvent.Subject, analyticsEvent.Detail, analyticsEvent.At.UtcTicks / TimeSpan.TicksPerMinute);
    }

    /// <summary>One row of a batch: the first event of its key, and what the events folded into it add up to.</summary>
    private struct Row(AnalyticsEvent first)
    {
        public int Occurrences = first.Occurrences;
        public DateTimeOffset Earliest = first.At;

        /// <summary>The first event itself when nothing was folded into it, so an unfolded event costs no copy.</summary>
        public readonly AnalyticsEvent ToEvent() =>
            Occurrences == first.Occurrences && Earliest == first.At ? first : first with { At = Earliest, Occurrences = Occurrences };
    }
}
