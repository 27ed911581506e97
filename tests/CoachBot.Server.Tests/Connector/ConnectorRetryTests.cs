using System.Diagnostics;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Connector;

/// <summary>Throttling and transient connector failures are retried with back-off; other failures are not.</summary>
public sealed class ConnectorRetryTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private async Task<IReadOnlyList<ConnectorRequest>> SendHelp(string conversationId)
    {
        var response = await fixture.Bot.PostAsync(Activities.Message(fixture.Connector.ServiceUrl, conversationId, "help"));
        Assert.Equal(200, response.Status);
        return fixture.Connector.MessagesIn(conversationId);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task A_transient_failure_is_retried_and_the_reply_delivered(int status)
    {
        fixture.Connector.Script(status);

        var requests = await SendHelp($"transient-{status}");

        // The first reply was refused once and sent again; later replies went through at once.
        Assert.Equal(requests[0].Body.ToJsonString(), requests[1].Body.ToJsonString());
        Assert.Equal(requests.Count - 1, requests.Select(r => r.Body.ToJsonString()).Distinct().Count());
    }

    [Fact]
    public async Task Retry_after_from_the_connector_sets_the_wait()
    {
        fixture.Connector.Script(429, retryAfter: "1");
        var clock = Stopwatch.StartNew();

        var requests = await SendHelp("retry-after");

        // The configured back-off is 10 ms; only the header explains a wait of a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited {clock.Elapsed}");
        Assert.Equal(requests[0].Body.ToJsonString(), requests[1].Body.ToJsonString());
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number()
    {
        for (var i = 0; i < 4; i++) fixture.Connector.Script(429);

        var requests = await SendHelp("throttled");

        // 1 attempt + 3 retries (ConnectorMaxRetries), all refused; then the reply is given up.
        var first = requests[0].Body.ToJsonString();
        Assert.Equal(4, requests.Count(r => r.Body.ToJsonString() == first));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task Other_failures_are_not_retried(int status)
    {
        fixture.Connector.Script(status);

        var requests = await SendHelp($"final-{status}");

        Assert.Equal(requests.Count, requests.Select(r => r.Body.ToJsonString()).Distinct().Count());
    }
}
