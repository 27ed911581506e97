using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>Key caching and rotation, each with its own bot and metadata so fetch counts are exact.</summary>
public sealed class SigningKeyRotationTests
{
    [Fact]
    public async Task The_signing_keys_are_fetched_once_and_cached()
    {
        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        await using var connector = await ConnectorFake.StartAsync();
        var key = channel.Publish("only", "msteams");
        await using var bot = new BotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotApp.AppId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
        });

        for (var i = 0; i < 3; i++)
        {
            var token = Tokens.Create(key, Tokens.ChannelIssuer, BotApp.AppId, connector.ServiceUrl);
            Assert.Equal(200, (await bot.PostAsync(Activities.TeamsMessage(connector.ServiceUrl, $"cached-{i}", "help"), "Bearer " + token)).Status);
        }
        Assert.Equal(1, channel.KeySetRequests);
    }

    [Fact]
    public async Task A_token_signed_with_a_newly_published_key_makes_the_bot_fetch_the_keys_again_and_is_accepted()
    {
        await using var channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        await using var connector = await ConnectorFake.StartAsync();
        var oldKey = channel.Publish("old", "msteams");
        await using var bot = new BotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotApp.AppId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
            ["SigningKeyRefreshInterval"] = "00:00:01",
        });

        var first = Tokens.Create(oldKey, Tokens.ChannelIssuer, BotApp.AppId, connector.ServiceUrl);
        Assert.Equal(200, (await bot.PostAsync(Activities.TeamsMessage(connector.ServiceUrl, "before", "help"), "Bearer " + first)).Status);

        var newKey = channel.Publish("new", "msteams");
        var second = Tokens.Create(newKey, Tokens.ChannelIssuer, BotApp.AppId, connector.ServiceUrl);
        Assert.Equal(200, (await bot.PostAsync(Activities.TeamsMessage(connector.ServiceUrl, "after", "help"), "Bearer " + second)).Status);
        Assert.True(channel.KeySetRequests >= 2, "the key set was fetched again");
    }
}
