using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CoachBot.Slack.Background;

/// <summary>Work that finishes after Slack has been acknowledged (a dialog turn, a Web API post).</summary>
public sealed record SlackWorkItem(string Description, Func<IServiceProvider, CancellationToken, Task> Run);

/// <summary>
/// Slack needs an answer within 3 s, so anything that may take longer is queued here and run by
/// <see cref="SlackWorkProcessor"/>. Bounded: when full, the request is refused rather than memory growing.
/// </summary>
public sealed partial class SlackWorkQueue(ILogger<SlackWorkQueue> logger)
{
    public const int Capacity = 10_000;

    private readonly Channel<SlackWorkItem> _channel = Channel.CreateBounded<SlackWorkItem>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });

    /// <summary>False when the queue is full (the caller tells Slack to retry or the seller to try again).</summary>
    public bool TryEnqueue(SlackWorkItem item)
    {
        if (_channel.Writer.TryWrite(item)) return true;
        LogQueueFull(item.Description);
        return false;
    }

    internal ChannelReader<SlackWorkItem> Reader => _channel.Reader;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Slack work queue is full; dropped: {Description}")]
    private partial void LogQueueFull(string description);
}
