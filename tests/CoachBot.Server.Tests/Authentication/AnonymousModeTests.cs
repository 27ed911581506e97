using System.Net;
using CoachBot.BotFramework.Hosting;
using CoachBot.Server.Tests.Durability;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>
/// Without MicrosoftAppId the bot is a local tool: unauthenticated loopback callers only, nothing a proxy or tunnel
/// forwarded (issue 12, hole 4), and no start on an address the network can reach unless that is asked for.
/// </summary>
public sealed class AnonymousModeTests : IAsyncLifetime
{
    private ConnectorFake _connector = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await ConnectorFake.StartAsync();
        _bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task A_loopback_caller_without_a_token_is_served_and_replies_carry_no_token(string address)
    {
        var response = await _bot.PostAsync(Activities.Message(_connector.ServiceUrl, "local", "help"), remote: IPAddress.Parse(address));

        Assert.Equal(200, response.Status);
        Assert.All(_connector.MessagesIn("local"), r => Assert.Null(r.Authorization));
        Assert.NotEmpty(_connector.MessagesIn("local"));
    }

    [Theory]
    [InlineData("10.0.0.7")]
    [InlineData("203.0.113.9")]
    public async Task A_caller_from_another_address_is_refused(string address)
    {
        var response = await _bot.PostAsync(Activities.Message(_connector.ServiceUrl, "remote", "help"), remote: IPAddress.Parse(address));

        Assert.Equal(401, response.Status);
        Assert.Empty(_connector.MessagesIn("remote"));
    }

    [Fact]
    public async Task A_token_cannot_be_checked_without_an_app_id_and_is_refused()
    {
        var response = await _bot.PostAsync(Activities.Message(_connector.ServiceUrl, "token", "help"), "Bearer abc.def.ghi");
        Assert.Equal(401, response.Status);
    }

    // ---- Issue 12, hole 4: behind a proxy or tunnel every caller is "loopback" ------------------------------------

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=203.0.113.9;proto=https")]
    [InlineData("X-Forwarded-Host", "coachbot.devtunnels.ms")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    [InlineData("X-Original-For", "203.0.113.9:50123")] // left by ASP.NET Core's forwarded-headers middleware
    public async Task A_loopback_request_that_a_proxy_or_tunnel_forwarded_is_refused(string header, string value)
    {
        var conversation = $"proxied-{header}-{value}";
        var response = await _bot.PostAsync(Activities.Message(_connector.ServiceUrl, conversation, "help"),
            headers: new Dictionary<string, string> { [header] = value });

        Assert.Equal(401, response.Status);
        Assert.Equal("", response.Body);
        Assert.Empty(_connector.MessagesIn(conversation));
    }

    [Fact]
    public async Task With_AllowAnonymousFromNetwork_callers_from_the_network_and_through_proxies_are_served()
    {
        await using var open = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["AllowAnonymousFromNetwork"] = "true" });

        var remote = await open.PostAsync(Activities.Message(_connector.ServiceUrl, "open-remote", "help"), remote: IPAddress.Parse("10.0.0.7"));
        var proxied = await open.PostAsync(Activities.Message(_connector.ServiceUrl, "open-proxied", "help"),
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.9" });

        Assert.Equal(200, remote.Status);
        Assert.Equal(200, proxied.Status);
        Assert.NotEmpty(_connector.MessagesIn("open-proxied"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://localhost:3978", true)]
    [InlineData("http://[::1]:3978", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://[::]:3978", false)]
    [InlineData("http://10.0.0.7:3978", false)]
    [InlineData("http://*:3978", false)]
    [InlineData("http://+:3978", false)]
    public void Bound_addresses_count_as_loopback_only_on_localhost_and_loopback_ips(string address, bool loopback) =>
        Assert.Equal(loopback, AnonymousModeCheck.IsLoopbackAddress(address));

    [Fact]
    public async Task Anonymous_mode_refuses_to_start_on_an_address_the_network_can_reach_and_says_why()
    {
        var (exitCode, output) = await ServerProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{ServerProcess.FreeLoopbackPort()}",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Refusing to start", output);
        Assert.Contains("AllowAnonymousFromNetwork", output);
    }

    [Fact]
    public async Task Anonymous_mode_on_loopback_says_in_the_start_up_log_what_it_accepts()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>());
        await server.WaitForOutputAsync("loopback callers only");

        Assert.Contains("refuses requests a proxy or tunnel forwarded", server.Output);
    }

    [Fact]
    public async Task A_slack_only_server_starts_on_a_network_address_and_does_not_serve_api_messages()
    {
        // Slack-only deployments have no MicrosoftAppId; switching the Bot Framework endpoint off is how they listen
        // on the network without opening /api/messages to unauthenticated callers.
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?> { ["BotFrameworkEnabled"] = "false", ["Logging:LogLevel:Default"] = "Information" }, bindHost: "0.0.0.0");
        await server.WaitForOutputAsync("/api/messages is not served");

        using var activity = new StringContent("""{"type":"message","text":"say cost","channelId":"webchat","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c1"},"from":{"id":"u1"},"recipient":{"id":"b1"}}""",
            System.Text.Encoding.UTF8, "application/json");
        var response = await server.Http.PostAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/healthz")).StatusCode);
        Assert.DoesNotContain("Refusing to start", server.Output);
    }
}
