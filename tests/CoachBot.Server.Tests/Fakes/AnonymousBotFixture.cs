using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>A bot in anonymous development mode (no app id) and a connector fake, shared by a test class.</summary>
public sealed class AnonymousBotFixture : IAsyncLifetime
{
    public ConnectorFake Connector { get; private set; } = null!;
    public BotApp Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await ConnectorFake.StartAsync();
        Bot = new BotApp(new Dictionary<string, string?> { ["MicrosoftAppId"] = "", ["ConnectorRetryDelay"] = "00:00:00.010" });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
