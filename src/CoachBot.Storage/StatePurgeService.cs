using CoachBot.Core.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoachBot.Storage;

/// <summary>
/// Removes conversation state not saved for <see cref="StorageOptions.StateTimeToLive"/>: once at start-up (which
/// also brings the schema up to date early), then every <see cref="StorageOptions.PurgeInterval"/>. A failed purge
/// is logged and tried again at the next interval.
/// </summary>
public sealed partial class StatePurgeService(
    IConversationStateStore store,
    StorageOptions options,
    TimeProvider timeProvider,
    ILogger<StatePurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PurgeInterval, timeProvider);
        do
        {
            await PurgeOnceAsync(stoppingToken);
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    private async Task PurgeOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var purged = await store.PurgeAsync(timeProvider.GetUtcNow() - options.StateTimeToLive, stoppingToken);
            if (purged > 0)
            {
                LogPurged(purged, options.StateTimeToLive);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogPurgeFailed(exception);
        }
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} conversation states not saved for {TimeToLive}")]
    private partial void LogPurged(int count, TimeSpan timeToLive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not purge expired conversation state; trying again at the next interval")]
    private partial void LogPurgeFailed(Exception exception);
}
