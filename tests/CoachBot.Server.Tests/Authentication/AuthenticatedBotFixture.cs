using CoachBot.Server.Tests.Fakes;
using Microsoft.IdentityModel.Tokens;

namespace CoachBot.Server.Tests.Authentication;

/// <summary>A bot with an app id, whose channel and Emulator metadata are loopback fakes with generated keys.</summary>
public sealed class AuthenticatedBotFixture : IAsyncLifetime
{
    public const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    public OpenIdMetadataFake Channel { get; private set; } = null!;
    public OpenIdMetadataFake Emulator { get; private set; } = null!;
    public ConnectorFake Connector { get; private set; } = null!;
    public BotApp Bot { get; private set; } = null!;

    /// <summary>Endorsed for Teams and Web Chat, like the keys login.botframework.com publishes.</summary>
    public RsaSecurityKey TeamsKey { get; private set; } = null!;
    /// <summary>Endorsed for another channel only.</summary>
    public RsaSecurityKey SlackOnlyKey { get; private set; } = null!;
    /// <summary>Published without an endorsements entry.</summary>
    public RsaSecurityKey UnendorsedKey { get; private set; } = null!;
    public RsaSecurityKey EmulatorKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await OpenIdMetadataFake.StartAsync(Tokens.ChannelIssuer);
        Emulator = await OpenIdMetadataFake.StartAsync(EmulatorIssuer);
        Connector = await ConnectorFake.StartAsync();
        TeamsKey = Channel.Publish("teams-key", "msteams", "webchat");
        SlackOnlyKey = Channel.Publish("slack-key", "slack");
        UnendorsedKey = Channel.Publish("bare-key", null);
        EmulatorKey = Emulator.Publish("emulator-key", null);
        Bot = new BotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotApp.AppId,
            ["MicrosoftAppPassword"] = "not-used-by-the-fixed-token-provider",
            ["ToBotFromChannelOpenIdMetadataUrl"] = Channel.MetadataUrl,
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = Emulator.MetadataUrl,
            // Off by default outside Development; the Emulator rows of the matrix need it on.
            ["AllowEmulatorTokens"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await Emulator.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
