using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CoachBot.BotFramework.Hosting;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;
using Xunit.Abstractions;

namespace CoachBot.Server.Tests.Fuzz;

/// <summary>
/// A few thousand malformed requests against both channel endpoints of a server on real Kestrel (issue 12): none
/// gets a 5xx (an invoke's protocol 501 aside), the server stays healthy, and a real Teams conversation that only
/// unauthenticated requests aimed at is exactly as it was. The run is bounded in time and repeatable: the seed is
/// printed, and COACHBOT_FUZZ_SEED=&lt;seed&gt; replays it.
/// </summary>
public sealed class MalformedRequestFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 3000;
    private const int FramingRequests = 60;
    private const int InFlight = 4;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private const string SlackSecret = "fuzz-signing-secret";
    private const string RealConversation = "a:fuzz-real-conversation";

    [Fact]
    public async Task Malformed_requests_get_no_5xx_leave_the_server_healthy_and_a_real_conversation_unchanged()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("COACHBOT_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"fuzz seed {seed} (COACHBOT_FUZZ_SEED={seed} replays this run)");

        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        await using var connector = await ConnectorFake.StartAsync();
        var key = channel.Publish("teams-key", "msteams");
        var refusedCalls = new StrongBox<int>();
        var log = new CapturingLoggerProvider();
        await using var bot = BotApp.StartOnKestrel(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotApp.AppId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
            ["Slack:SigningSecret"] = SlackSecret,
            ["Slack:BotToken"] = "fuzz-bot-token",
            ["Slack:ApiBaseUrl"] = connector.ServiceUrl + "slack/api/",
            ["ConnectorRetryDelay"] = "00:00:00.001",
        }, services =>
        {
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new LoopbackOnlyHandler(refusedCalls)));
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log);
        });
        using var client = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var token = "Bearer " + Tokens.Create(key, Tokens.ChannelIssuer, BotApp.AppId, connector.ServiceUrl);

        // A real conversation, one answer into the qualify dialog.
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(client, token, Activities.TeamsMessage(connector.ServiceUrl, RealConversation, "qualify").ToJsonString())).StatusCode);
        var store = bot.Services.GetRequiredService<IConversationStateStore>();
        var realKey = new ConversationKey("teams:" + RealConversation);
        var before = await store.LoadAsync(realKey);
        Assert.NotNull(before);

        var random = new Random(seed);
        var generator = new MalformedRequests(random, connector.ServiceUrl, token, SlackSecret, connector.ServiceUrl + "slack/response", RealConversation);
        var cases = Enumerable.Range(0, Requests).Select(generator.Next).ToList();
        var framing = Enumerable.Range(0, FramingRequests).Select(i => BrokenFraming(random, i, token)).ToList();

        var failures = new ConcurrentQueue<string>();
        var sent = 0;
        var stopwatch = Stopwatch.StartNew();
        using var budget = new CancellationTokenSource(Budget);
        try
        {
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = budget.Token }, async (fuzz, _) =>
            {
                var status = await SendAsync(client, fuzz);
                Interlocked.Increment(ref sent);
                if (!fuzz.Allowed.Contains(status)) failures.Enqueue($"{status} for {fuzz}");
            });
            foreach (var (path, request) in framing)
            {
                var status = await RawHttp.SendAsync(bot.BaseAddress, request, endInput: true);
                sent++;
                // 0: the server closed the connection without an answer, which Kestrel may do after a framing error.
                if (status is not (0 or 400 or 401 or 413)) failures.Enqueue($"{status} for broken framing to {path}: {request[..Math.Min(request.Length, 200)]}");
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            output.WriteLine($"The {Budget} budget ran out.");
        }
        output.WriteLine($"{sent} requests in {stopwatch.Elapsed.TotalSeconds:F1} s; {refusedCalls.Value} outbound calls off loopback refused.");
        // Not failures of this test (a turn that throws is answered 200, or 501 for an invoke), but worth seeing.
        foreach (var failed in log.Lines.Where(l => l.Message.Contains("activity failed", StringComparison.Ordinal)).GroupBy(l => $"{l.Message}: {l.Exception?.GetType().Name} {l.Exception?.Message}"))
            output.WriteLine($"logged {failed.Count()}x: {failed.Key}");

        Assert.True(failures.IsEmpty, $"fuzz seed {seed}: {failures.Count} of {sent} requests got a status they may not:\n{string.Join("\n", failures.Take(20))}");
        Assert.True(sent >= 1000, $"fuzz seed {seed}: only {sent} requests fitted in {Budget}.");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        var after = await store.LoadAsync(realKey);
        Assert.NotNull(after);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(JsonSerializer.Serialize(before.State), JsonSerializer.Serialize(after.State));

        // And the conversation goes on: the answer lands on the step it was waiting at.
        var answer = Activities.TeamsMessage(connector.ServiceUrl, RealConversation, "behavior");
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(client, token, answer.ToJsonString())).StatusCode);
        var next = await store.LoadAsync(realKey);
        Assert.Equal(before.Version + 1, next!.Version);
        Assert.NotEqual(before.State.StepId, next.State.StepId);
    }

    private static Task<HttpResponseMessage> PostActivityAsync(HttpClient client, string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        return client.SendAsync(request);
    }

    private static async Task<int> SendAsync(HttpClient client, FuzzCase fuzz)
    {
        var content = new ByteArrayContent(fuzz.Body);
        if (MediaTypeHeaderValue.TryParse(fuzz.ContentType, out var contentType)) content.Headers.ContentType = contentType;
        else content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, fuzz.Path) { Content = content };
        foreach (var (name, value) in fuzz.Headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>A request whose HTTP framing is broken: impossible or garbled chunk sizes, a body shorter than announced.</summary>
    private static (string Path, string Request) BrokenFraming(Random random, int index, string token)
    {
        var path = index % 2 == 0 ? "/api/messages" : "/api/slack/events";
        var headers = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: {token}\r\n";
        var chunkSizes = new[] { "ffffffffffffffff", "10000000000000000", "-1", "zz", "7fffffff", "1;" + new string('x', 5000), "", " 5" };
        return random.Next(3) switch
        {
            0 => (path, headers + $"Transfer-Encoding: chunked\r\n\r\n{chunkSizes[random.Next(chunkSizes.Length)]}\r\n{{\"type\":\"message\"}}\r\n0\r\n\r\n"),
            1 => (path, headers + $"Content-Length: {BotFrameworkEndpoints.MaxActivityBytes - 1}\r\n\r\n{{\"type\":"),
            _ => (path, headers + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"typ\r\n3\r\n"),
        };
    }
}
