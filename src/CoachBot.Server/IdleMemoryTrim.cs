using CoachBot.Embeddings;

namespace CoachBot.Server;

/// <summary>
/// After a burst of look-ups the process keeps what the burst used: the GC's gen0 budget and the memory ONNX Runtime
/// freed to the C heap (each new wording is embedded). On a small instance that is about 40 MB held for nothing while
/// nobody asks (bench/startup/run.sh: 280 MB five seconds after 200 look-ups against 242 MB idle). Once the server has
/// been quiet for one interval after allocating, it collects once and hands freed C-heap memory back; a busy or an
/// already-trimmed server is left alone, so the cost is one full collection per quiet spell.
/// </summary>
public sealed class IdleMemoryTrim(TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Less allocated than this in an interval counts as quiet (health probes, timers).</summary>
    private const long QuietBytes = 1 << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var allocated = GC.GetTotalAllocatedBytes();
        var trimmed = true;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var busy = now - allocated >= QuietBytes;
                allocated = now;
                if (busy) { trimmed = false; continue; }
                if (trimmed) continue;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                NativeHeap.ReturnFreedToSystem();
                allocated = GC.GetTotalAllocatedBytes();
                trimmed = true;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
