using System.Diagnostics.Metrics;
using CoachBot.Core.Diagnostics;
using CoachBot.Slack.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CoachBot.Slack.Tests.Http;

/// <summary>Requests the Slack endpoint refuses before any turn are counted, by reason, on the coach's meter.</summary>
public sealed class SlackMetricsTests
{
    [Fact]
    public async Task A_flood_of_bad_signatures_is_counted_whole_but_logged_a_few_lines_a_minute()
    {
        // The filter on the route is one instance for every request: its log sampler sees the whole flood.
        var logs = new FakeLoggerProvider();
        await using var host = await SlackTestHost.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var rejections = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), CoachBotTelemetry.Name, "coachbot.auth.rejections");

        for (var i = 0; i < 20; i++)
            Assert.Equal(401, (int)(await host.PostSignedAsync("team_id=T1&command=%2Fcoach&text=cost", "application/x-www-form-urlencoded", secret: "not-the-secret")).StatusCode);

        Assert.Equal(20, rejections.GetMeasurementSnapshot().Count);
        var lines = logs.Collector.GetSnapshot().Count(r => r.Message.StartsWith("Refused a Slack request with a missing, stale or wrong signature", StringComparison.Ordinal));
        Assert.InRange(lines, 1, 5);
    }

    [Fact]
    public async Task A_bad_signature_and_a_workspace_not_allowed_are_counted_as_auth_rejections()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:AllowedTeamIds:0"] = SlackTestHost.Team });
        using var rejections = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), CoachBotTelemetry.Name, "coachbot.auth.rejections");
        const string form = "application/x-www-form-urlencoded";

        var forged = await host.PostSignedAsync("team_id=T1&command=%2Fcoach&text=cost&response_url=x", form, secret: "not-the-secret");
        var otherTeam = await host.PostSignedAsync("team_id=T-OTHER&user_id=U1&channel_id=C1&command=%2Fcoach&text=cost&response_url=http%3A%2F%2F127.0.0.1%2Fx", form);

        Assert.Equal(401, (int)forged.StatusCode);
        Assert.Equal(403, (int)otherTeam.StatusCode);
        Assert.Equal(["BadSignature", "TeamNotAllowed"], rejections.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!));
        Assert.All(rejections.GetMeasurementSnapshot(), m => Assert.Equal("slack", m.Tags["channel"]));
    }

    /// <summary>A clock on which each timestamp read is <c>step</c> later than the one before: every measured interval lasts at least that.</summary>
    private sealed class SlowClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }

    [Theory]
    [InlineData(3.0, 1)]
    [InlineData(0.001, 0)]
    public async Task An_acknowledgement_later_than_two_and_a_half_seconds_is_counted_as_slow(double secondsPerRead, int expected)
    {
        await using var host = await SlackTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(new SlowClock(TimeSpan.FromSeconds(secondsPerRead))));
        using var slowAcks = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), CoachBotTelemetry.Name, "coachbot.slack.slow_acks");

        var answered = await host.PostSignedAsync(SlackPayloads.SlashCommand("say cost", host.Slack.ResponseUrl("r")), "application/x-www-form-urlencoded");

        Assert.Equal(200, (int)answered.StatusCode);
        Assert.Equal(expected, slowAcks.GetMeasurementSnapshot().Sum(m => m.Value));
    }
}
