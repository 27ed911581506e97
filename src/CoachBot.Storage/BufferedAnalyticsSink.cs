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
/// </summary>
public sealed partial class BufferedAnalyticsSink : BackgroundService, IAnalyticsSink
{
    /// <summary>At most this many events go to the inner sink in one call (one transaction for the SQL stores).</summary>
    public const int MaxBatchSize = 1_000;

    /// <summary>The pause after the inner sink failed, so that an outage neither spins the loop nor floods the log.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Events dropped because the buffer was full are reported at most this often.</summary>
    public static readonly TimeSpan DropReportInterval = TimeSpan.FromMinutes(1);

    private readonly IAnalyticsSink _inner;
    private readonly int _capacity;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BufferedAnalyticsSink> _logger;
    private readonly Channel<AnalyticsEvent> _buffer;
    // Cancelled when the stop's own deadline passes (or on dispose): the stopping token would also cut short the
    // final flush. The token is kept apart because the loop may still read it after the source is disposed.
    private readonly CancellationTokenSource _abandonWrites = new();
    private readonly CancellationToken _writesAbandoned;
    // Reused for every batch: the loop is its only user, and the inner sink is done with it when its call returns.
    private readonly List<AnalyticsEvent> _batch;
    private long _dropped;
    private long _droppedReported;
    private DateTimeOffset? _lastDropReport;
    private int _loopTaken;
    private int _disposed;

    /// <param name="inner">Where the events are written in the end, e.g. <see cref="CoachBotStorage.AnalyticsSink"/>.</param>
    /// <param name="capacity">How many events may wait to be written; see <see cref="StorageOptions.AnalyticsBufferSize"/>.</param>
    public BufferedAnalyticsSink(IAnalyticsSink inner, int capacity, TimeProvider timeProvider, ILogger<BufferedAnalyticsSink> logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _inner = inner;
        _capacity = capacity;
        _timeProvider = timeProvider;
        _logger = logger;
        _writesAbandoned = _abandonWrites.Token;
        _batch = new List<AnalyticsEvent>(Math.Min(capacity, MaxBatchSize));
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
                LogAbandoned(_batch.Count + _buffer.Reader.Count);
                _batch.Clear();
                return;
            }
            if (written)
            {
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
            await BackOffAsync(stoppingToken);
        }
        ReportDrops(evenIfRecent: true);
    }

    /// <summary>Writes up to <see cref="MaxBatchSize"/> buffered events; false, having logged, when the inner sink failed.</summary>
    private async Task<bool> WriteBatchAsync()
    {
        while (_batch.Count < MaxBatchSize && _buffer.Reader.TryRead(out var analyticsEvent))
        {
            _batch.Add(analyticsEvent);
        }
        try
        {
            await _inner.RecordAsync(_batch, _writesAbandoned);
            _batch.Clear();
            return true;
        }
        catch (Exception exception) when (!_writesAbandoned.IsCancellationRequested)
        {
            LogWriteFailed(_batch.Count, exception);
            _batch.Clear();
            return false;
        }
    }

    private async Task BackOffAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(RetryDelay, _timeProvider, stoppingToken);
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
}
