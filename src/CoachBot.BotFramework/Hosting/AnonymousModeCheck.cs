using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachBot.BotFramework.Hosting;

/// <summary>
/// Anonymous mode (no MicrosoftAppId) is for a developer's own machine. Once the server has bound its addresses,
/// this says so in the log, and stops the start-up when an address is reachable from the network, unless
/// AllowAnonymousFromNetwork says that is meant.
/// </summary>
internal sealed partial class AnonymousModeCheck(IOptions<BotFrameworkOptions> options, IServer server, ILogger<AnonymousModeCheck> logger)
    : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.BotFrameworkEnabled)
        {
            LogEndpointOff();
            return Task.CompletedTask;
        }
        if (!settings.IsAnonymous) return Task.CompletedTask;

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var listening = addresses.Count == 0 ? "(no network addresses)" : string.Join(", ", addresses);
        if (settings.AllowAnonymousFromNetwork)
        {
            LogOpenToNetwork(listening);
            return Task.CompletedTask;
        }

        var network = addresses.Where(a => !IsLoopbackAddress(a)).ToList();
        if (network.Count > 0)
        {
            var message = $"MicrosoftAppId is not set (anonymous development mode) but the server listens on {string.Join(", ", network)}, " +
                "which the network can reach. Listen on localhost or 127.0.0.1 only (--urls http://localhost:3978), set MicrosoftAppId, " +
                "or set AllowAnonymousFromNetwork=true to serve unauthenticated callers from the network on purpose.";
            LogRefusedToStart(message);
            throw new InvalidOperationException(message);
        }
        LogLocalOnly(listening);
        return Task.CompletedTask;
    }

    /// <summary>True for a bound address on localhost or a loopback IP (Kestrel reports e.g. http://127.0.0.1:3978, http://[::1]:3978, http://localhost:3978).</summary>
    internal static bool IsLoopbackAddress(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return false;
        if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppId is not set: /api/messages accepts unauthenticated requests from loopback callers only, and refuses requests a proxy or tunnel forwarded (Forwarded, X-Forwarded-*, X-Real-IP headers). Listening on {Addresses}. This is local development mode (Web Chat, the Emulator).")]
    private partial void LogLocalOnly(string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppId is not set and AllowAnonymousFromNetwork=true: /api/messages accepts unauthenticated requests from any caller, proxied or not, on {Addresses}. Anyone who reaches these addresses can use the bot and make it post to any serviceUrl. Never run a deployment like this.")]
    private partial void LogOpenToNetwork(string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "BotFrameworkEnabled=false: /api/messages is not served (Teams and Web Chat cannot reach this server).")]
    private partial void LogEndpointOff();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: {Message}")]
    private partial void LogRefusedToStart(string message);
}
