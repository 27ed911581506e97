using System.Runtime.CompilerServices;
using System.Net;

namespace CoachBot.Server.Tests.Fuzz;

/// <summary>
/// The primary handler of every HttpClient the server makes during the fuzz: fuzzed requests choose URLs the bot
/// calls (a signed Slack request's response_url, say), and a test's traffic must stay on this machine. Anything not
/// on loopback is answered 502 without leaving it, and counted in <paramref name="refused"/>.
/// </summary>
public sealed class LoopbackOnlyHandler(StrongBox<int> refused) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))))
            return base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref refused.Value);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request });
    }
}
