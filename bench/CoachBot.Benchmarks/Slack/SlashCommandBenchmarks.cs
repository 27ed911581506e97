using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using CoachBot.Core;
using CoachBot.Core.Analytics;
using CoachBot.Core.Hosting;
using CoachBot.Core.Playbook;
using CoachBot.Core.State;
using CoachBot.Slack;
using CoachBot.Slack.Background;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Handlers;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoachBot.Benchmarks.Slack;

/// <summary>
/// The stages of a <c>/coach say cost</c> request as the Slack endpoint runs them, without HTTP: the signature check,
/// the form parse, the answer (look-up, Block Kit rendering, JSON written as the endpoint writes it), and all three.
/// The load figures (bench/slack-load/run.sh) add Kestrel and the network; these show where our part goes.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SlashCommandBenchmarks
{
    private const string Secret = "benchmark-signing-secret";
    private const string FormContentType = "application/x-www-form-urlencoded";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=x&team_id=T1&team_domain=acme&channel_id=C1&channel_name=deals&user_id=U1&user_name=seller&command=%2Fcoach" +
        "&text=say+cost&api_app_id=A1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3");

    private SlackSignatureVerifier _verifier = null!;
    private SlashCommandHandler _handler = null!;
    private SlashCommand _command = null!;
    private string _timestamp = "";
    private string _signature = "";

    [GlobalSetup]
    public void Setup()
    {
        _verifier = new SlackSignatureVerifier(Secret, TimeProvider.System);
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{_timestamp}:").Concat(Body).ToArray()));
        var services = new ServiceCollection()
            .AddSingleton(ShippedCoach.Create())
            .AddSingleton<IAnalyticsSink>(new DiscardingSink())
            .AddCoachBotCore()
            .BuildServiceProvider();
        var coach = new SlackCoach(services.GetRequiredService<Coach>(), services.GetRequiredService<ConversationTurnRunner>(),
            services.GetRequiredService<IAnalyticsSink>(), NullLogger<SlackCoach>.Instance);
        _handler = new SlashCommandHandler(coach, new SlackWorkQueue(NullLogger<SlackWorkQueue>.Instance), Options.Create(new SlackOptions { SigningSecret = Secret }));
        _command = (SlashCommand)SlackPayloadParser.ParseHttpBody(FormContentType, Body);
        if (!Verify() || Answer() < 1_000) throw new InvalidOperationException("The benchmark request is not answered as a look-up.");
    }

    [Benchmark(Description = "signature check")]
    public bool Verify() => _verifier.IsValid(_timestamp, _signature, Body);

    [Benchmark(Description = "form parse")]
    public SlackInbound Parse() => SlackPayloadParser.ParseHttpBody(FormContentType, Body);

    [Benchmark(Description = "answer: look-up, Block Kit, JSON")]
    public int Answer() => Write(_handler.HandleAsync(_command, CancellationToken.None).GetAwaiter().GetResult()!);

    [Benchmark(Description = "all three")]
    public int Request() => _verifier.IsValid(_timestamp, _signature, Body)
        ? Write(_handler.HandleAsync((SlashCommand)SlackPayloadParser.ParseHttpBody(FormContentType, Body), CancellationToken.None).GetAwaiter().GetResult()!)
        : 0;

    private static int Write(SlackAck ack) => ack.Utf8Json.Length;

    /// <summary>The server buffers analytics (a channel write); keeping millions of events here would measure the list.</summary>
    private sealed class DiscardingSink : IAnalyticsSink
    {
        public ValueTask RecordAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
