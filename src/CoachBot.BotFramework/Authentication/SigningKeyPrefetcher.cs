using Microsoft.Extensions.Hosting;

namespace CoachBot.BotFramework.Authentication;

/// <summary>
/// Fetches the signing keys at start-up, so the first request does not wait for them and /readyz says whether
/// tokens can be checked; retries with the authenticator's back-off until every key set is loaded.
/// </summary>
internal sealed class SigningKeyPrefetcher(BotFrameworkAuthenticator authenticator) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await authenticator.LoadSigningKeysAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the keys arrived.
        }
    }
}
