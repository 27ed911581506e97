using CoachBot.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace CoachBot.Slack.Conversations;

/// <summary>
/// The bot's own user and bot ids (auth.test, asked once and remembered) so its own messages are never taken for a
/// seller's. A failed auth.test is retried on the next message rather than remembered.
/// </summary>
public sealed partial class SlackBotUser(SlackWebApiClient api, ILogger<SlackBotUser> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SlackBotIdentity? _identity;

    public async Task<SlackBotIdentity?> GetAsync(CancellationToken cancellationToken)
    {
        if (_identity is not null) return _identity;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_identity is not null) return _identity;
            _identity = await api.AuthTestAsync(cancellationToken);
            return _identity;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            LogAuthTestFailed(ex);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "auth.test failed; the bot's own user id is not known yet")]
    private partial void LogAuthTestFailed(Exception exception);
}
