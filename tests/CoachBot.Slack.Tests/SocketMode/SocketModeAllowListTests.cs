using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using CoachBot.Core.Diagnostics;
using CoachBot.Slack.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CoachBot.Slack.Tests.SocketMode;

/// <summary>The workspace allow-list is the first step over Socket Mode too: a refused envelope is acknowledged, ignored and counted.</summary>
public sealed class SocketModeAllowListTests
{
    [Fact]
    public async Task An_envelope_from_a_workspace_not_allowed_is_acknowledged_ignored_and_counted()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = "fake-app-token",
            ["Slack:SigningSecret"] = "",
            ["Slack:AllowedTeamIds:0"] = "T-ONLY",
        });
        using var rejections = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), CoachBotTelemetry.Name, "coachbot.auth.rejections");
        var socket = await host.Slack.AcceptSocketAsync();
        await socket.SendAsync(new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });

        var command = new JsonObject
        {
            ["team_id"] = SlackTestHost.Team, ["channel_id"] = "C1", ["user_id"] = "U1", ["command"] = "/coach",
            ["text"] = "say cost", ["response_url"] = host.Slack.ResponseUrl("s"), ["trigger_id"] = "t",
        };
        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-1", ["type"] = "slash_commands", ["payload"] = command, ["accepts_response_payload"] = true });

        var ack = await socket.ReceiveAsync();
        Assert.Equal("env-1", ack.Str("envelope_id"));
        Assert.Null(ack!["payload"]);
        var refusal = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal("TeamNotAllowed", refusal.Tags["reason"]);
        Assert.Equal("slack", refusal.Tags["channel"]);
        Assert.Equal(0, host.Slack.CountCalls("response_url/s"));
        socket.Release();
    }
}
