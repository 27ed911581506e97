using System.Text.Json.Nodes;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Tests.Fakes;

namespace CoachBot.Slack.Tests.SocketMode;

/// <summary>Socket Mode against a loopback WebSocket that the fake apps.connections.open points to.</summary>
public class SocketModeTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Slack:AppToken"] = "fake-app-token",
        ["Slack:SigningSecret"] = "",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject Hello() => new()
    {
        ["type"] = "hello",
        ["num_connections"] = 1,
        ["connection_info"] = new JsonObject { ["app_id"] = "A1" },
        ["debug_info"] = new JsonObject { ["approximate_connection_time"] = 3600 },
    };

    private static JsonObject Envelope(string id, string type, JsonNode payload) => new()
    {
        ["envelope_id"] = id,
        ["type"] = type,
        ["payload"] = payload,
        ["accepts_response_payload"] = type != "events_api",
    };

    private async Task<FakeSocket> ConnectAsync()
    {
        var socket = await _host.Slack.AcceptSocketAsync();
        await socket.SendAsync(Hello());
        return socket;
    }

    [Fact]
    public async Task Connects_with_the_app_token_and_acknowledges_events_by_envelope_id()
    {
        var socket = await ConnectAsync();
        Assert.Equal("Bearer fake-app-token", (await _host.Slack.WaitForCallAsync("apps.connections.open")).Authorization);

        await socket.SendAsync(Envelope("env-1", "events_api", SlackPayloads.EventCallback(SlackPayloads.DirectMessage("help"), "EvS1")));
        var ack = await socket.ReceiveAsync();
        Assert.Equal("env-1", ack.Str("envelope_id"));
        Assert.Null(ack!["payload"]);

        var post = (await _host.Slack.WaitForCallAsync("chat.postMessage")).Body;
        Assert.Equal("D1", post.Str("channel"));
        socket.Release();
    }

    [Fact]
    public async Task A_slash_command_is_answered_in_the_ack_payload()
    {
        var socket = await ConnectAsync();
        var command = new JsonObject
        {
            ["token"] = "x", ["team_id"] = SlackTestHost.Team, ["channel_id"] = "C1", ["user_id"] = "U1", ["command"] = "/coach",
            ["text"] = "say cost", ["response_url"] = _host.Slack.ResponseUrl("s"), ["trigger_id"] = "t",
        };
        await socket.SendAsync(Envelope("env-2", "slash_commands", command));

        var ack = await socket.ReceiveAsync();
        Assert.Equal("env-2", ack.Str("envelope_id"));
        Assert.Equal("ephemeral", ack!["payload"].Str("response_type"));
        Assert.Contains(ack["payload"]!.Buttons(), b => b.Str("action_id") == SlackReplyRenderer.ShareActionId);
        socket.Release();
    }

    [Fact]
    public async Task A_view_submission_error_goes_back_in_the_ack_payload()
    {
        var socket = await ConnectAsync();
        var view = new JsonObject { ["type"] = "modal", ["callback_id"] = Views.DealSummaryModal.CallbackId, ["private_metadata"] = "{}" };
        await socket.SendAsync(Envelope("env-3", "interactive", SlackPayloads.ViewSubmission(view, channel: null, account: "Acme")));

        var ack = await socket.ReceiveAsync();
        Assert.Equal("env-3", ack.Str("envelope_id"));
        Assert.Equal("errors", ack!["payload"].Str("response_action"));
        socket.Release();
    }

    [Fact]
    public async Task Malformed_envelopes_are_acknowledged_and_the_connection_stays_up()
    {
        var socket = await ConnectAsync();
        await socket.SendAsync(Envelope("env-4", "events_api", JsonValue.Create("not an object")!));
        Assert.Equal("env-4", (await socket.ReceiveAsync()).Str("envelope_id"));

        await socket.SendAsync(Envelope("env-5", "events_api", SlackPayloads.EventCallback(SlackPayloads.DirectMessage("help"), "EvS5")));
        Assert.Equal("env-5", (await socket.ReceiveAsync()).Str("envelope_id"));
        socket.Release();
    }

    [Fact]
    public async Task A_refresh_requested_disconnect_makes_it_reconnect()
    {
        var first = await ConnectAsync();
        await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "x" } });

        var second = await ConnectAsync();
        Assert.Equal(2, _host.Slack.CountCalls("apps.connections.open"));
        Assert.Null(await first.ReceiveAsync());
        first.Release();

        await second.SendAsync(Envelope("env-6", "events_api", SlackPayloads.EventCallback(SlackPayloads.DirectMessage("help"), "EvS6")));
        Assert.Equal("env-6", (await second.ReceiveAsync()).Str("envelope_id"));
        second.Release();
    }

    [Fact]
    public async Task A_dropped_connection_makes_it_reconnect()
    {
        var first = await ConnectAsync();
        await first.CloseAsync();

        var second = await ConnectAsync();
        Assert.Equal(2, _host.Slack.CountCalls("apps.connections.open"));
        second.Release();
    }

    [Fact]
    public async Task Redelivered_events_are_acknowledged_but_handled_once()
    {
        var socket = await ConnectAsync();
        var callback = SlackPayloads.EventCallback(SlackPayloads.DirectMessage("help"), "EvSame");
        await socket.SendAsync(Envelope("env-7", "events_api", callback));
        await socket.SendAsync(Envelope("env-8", "events_api", callback.DeepClone()));
        Assert.Equal("env-7", (await socket.ReceiveAsync()).Str("envelope_id"));
        Assert.Equal("env-8", (await socket.ReceiveAsync()).Str("envelope_id"));

        await _host.Slack.WaitForCallAsync("chat.postMessage");
        await Task.Delay(300);
        Assert.Equal(1, _host.Slack.CountCalls("chat.postMessage"));
        socket.Release();
    }

    [Fact]
    public async Task The_http_endpoint_is_off_when_only_socket_mode_is_configured()
    {
        var response = await _host.PostSignedAsync("""{"type":"url_verification","challenge":"c"}""", "application/json");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        (await ConnectAsync()).Release();
    }
}
