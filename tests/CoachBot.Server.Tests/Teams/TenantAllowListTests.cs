using System.Text.Json.Nodes;
using System.Diagnostics.Metrics;
using CoachBot.BotFramework.Teams;
using CoachBot.Core.Diagnostics;
using CoachBot.Server.Tests.Fakes;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CoachBot.Server.Tests.Teams;

public sealed class TenantAllowListTests : IAsyncLifetime
{
    private ConnectorFake _connector = null!;
    private BotApp _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await ConnectorFake.StartAsync();
        _bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["AllowedTenantIds:0"] = Activities.TenantId });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_message_from_another_tenant_gets_a_polite_refusal_only()
    {
        using var rejections = new MetricCollector<long>(_bot.Services.GetRequiredService<IMeterFactory>(), CoachBotTelemetry.Name, "coachbot.auth.rejections");
        var message = Activities.TeamsMessage(_connector.ServiceUrl, "a:outsider", "help", tenantId: "0a0a0a0a-1111-2222-3333-444444444444");

        Assert.Equal(200, (await _bot.PostAsync(message)).Status);

        var reply = Assert.Single(_connector.MessagesIn("a:outsider"));
        Assert.Contains("isn't enabled for your organisation", reply.Text);
        // The same first step as Slack's workspace allow-list, counted the same way.
        var refusal = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal(("botframework", "TenantNotAllowed"), ((string)refusal.Tags["channel"]!, (string)refusal.Tags["reason"]!));
    }

    [Fact]
    public async Task A_search_from_another_tenant_is_answered_with_the_refusal()
    {
        var query = Activities.Invoke(_connector.ServiceUrl, "a:outsider-search", PhraseSearch.InvokeName,
            new JsonObject { ["commandId"] = "phrase", ["parameters"] = new JsonArray(new JsonObject { ["name"] = "query", ["value"] = "train" }) });
        query["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "0a0a0a0a-1111-2222-3333-444444444444" } };
        query["conversation"]!["tenantId"] = "0a0a0a0a-1111-2222-3333-444444444444";

        var response = await _bot.PostAsync(query);

        Assert.Equal(200, response.Status);
        Assert.Equal("message", (string?)response.Json["composeExtension"]!["type"]);
        Assert.Contains("isn't enabled", (string?)response.Json["composeExtension"]!["text"]);
    }

    [Fact]
    public async Task A_message_from_an_allowed_tenant_is_coached()
    {
        var message = Activities.TeamsMessage(_connector.ServiceUrl, "a:insider", "help");

        Assert.Equal(200, (await _bot.PostAsync(message)).Status);

        Assert.DoesNotContain(_connector.MessagesIn("a:insider"), r => r.Text?.Contains("isn't enabled") == true);
        Assert.NotEmpty(_connector.MessagesIn("a:insider"));
    }

    [Fact]
    public async Task Other_channels_have_no_tenant_and_are_not_filtered()
    {
        Assert.Equal(200, (await _bot.PostAsync(Activities.Message(_connector.ServiceUrl, "webchat-user", "help", "webchat"))).Status);
        Assert.DoesNotContain(_connector.MessagesIn("webchat-user"), r => r.Text?.Contains("isn't enabled") == true);
    }
}
