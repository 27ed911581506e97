using System.Text.Json.Nodes;
using CoachBot.BotFramework.Teams;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Teams;

/// <summary>Install events: a welcome card, and the team channels remembered for deal summaries.</summary>
public sealed class InstallationTests : IAsyncLifetime
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

    private Task<IReadOnlyList<ConversationReferenceRecord>> TeamChannels(string tenant = Activities.TenantId) =>
        _bot.Services.GetRequiredService<IConversationReferenceStore>().ListAsync(TeamsChannelReference.Channel, tenant);

    [Fact]
    public async Task Installing_in_a_team_welcomes_and_remembers_the_channel_with_its_service_url()
    {
        var install = Activities.TeamInstall(_connector.ServiceUrl, "19:deals@thread.tacv2", "Contoso deals");

        Assert.Equal(200, (await _bot.PostAsync(install)).Status);

        var welcome = Assert.Single(_connector.MessagesIn("19:deals@thread.tacv2"));
        Assert.Equal("AdaptiveCard", (string?)welcome.Card?["type"]);
        var channel = Assert.Single(await TeamChannels());
        Assert.Equal("19:deals@thread.tacv2", channel.Id);
        Assert.Equal("Contoso deals \u203a General", channel.DisplayName);
        Assert.Equal(_connector.ServiceUrl, TeamsChannelReference.FromRecord(channel)!.ServiceUrl);
    }

    [Fact]
    public async Task Uninstalling_from_a_team_forgets_its_channels_and_sends_nothing()
    {
        await _bot.PostAsync(Activities.TeamInstall(_connector.ServiceUrl, "19:gone@thread.tacv2", "Gone"));
        _connector.Clear();
        var uninstall = Activities.TeamInstall(_connector.ServiceUrl, "19:gone@thread.tacv2", "Gone");
        uninstall["action"] = "remove";

        Assert.Equal(200, (await _bot.PostAsync(uninstall)).Status);

        Assert.Empty(await TeamChannels());
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_teams_conversation_update_adding_the_bot_remembers_the_channel_and_leaves_the_welcome_to_installation_update()
    {
        var added = Activities.TeamInstall(_connector.ServiceUrl, "19:ops@thread.tacv2", "Ops");
        added["type"] = "conversationUpdate";
        added.Remove("action");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });

        Assert.Equal(200, (await _bot.PostAsync(added)).Status);

        Assert.Single(await TeamChannels());
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_deleted_channel_is_forgotten()
    {
        await _bot.PostAsync(Activities.TeamInstall(_connector.ServiceUrl, "19:general@thread.tacv2", "Sales"));
        var created = ChannelEvent("channelCreated", "19:general@thread.tacv2", "19:apac@thread.tacv2", "APAC deals");
        await _bot.PostAsync(created);
        Assert.Equal(["Sales \u203a APAC deals", "Sales \u203a General"], (await TeamChannels()).Select(c => c.DisplayName).Order());

        await _bot.PostAsync(ChannelEvent("channelDeleted", "19:general@thread.tacv2", "19:apac@thread.tacv2", "APAC deals"));

        Assert.Equal(["Sales \u203a General"], (await TeamChannels()).Select(c => c.DisplayName));
    }

    [Fact]
    public async Task The_emulator_adding_the_bot_gets_a_welcome()
    {
        var update = Activities.Message(_connector.ServiceUrl, "emulator-conversation", null);
        update["type"] = "conversationUpdate";
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1" }, new JsonObject { ["id"] = Activities.BotId });

        Assert.Equal(200, (await _bot.PostAsync(update)).Status);

        var welcome = Assert.Single(_connector.MessagesIn("emulator-conversation"));
        Assert.NotNull(welcome.Card);
    }

    [Fact]
    public async Task A_conversation_update_that_does_not_add_the_bot_is_ignored()
    {
        var update = Activities.Message(_connector.ServiceUrl, "someone-joined", null);
        update["type"] = "conversationUpdate";
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-2" });

        Assert.Equal(200, (await _bot.PostAsync(update)).Status);
        Assert.Empty(_connector.Requests);
    }

    private JsonObject ChannelEvent(string eventType, string teamId, string channelId, string channelName) =>
        Activities.ChannelEvent(_connector.ServiceUrl, eventType, teamId, channelId, channelName);
}
