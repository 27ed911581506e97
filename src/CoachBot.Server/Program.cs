using CoachBot.BotFramework.Hosting;
using CoachBot.Server;
using CoachBot.Server.CoachPage;
using CoachBot.Slack;
using CoachBot.Storage;

if (ServerCommandLine.Check(args) is var (exitCode, text))
{
    (exitCode == 0 ? Console.Out : Console.Error).Write(text);
    return exitCode;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The default content root is the working folder: started from anywhere else (`dotnet /app/CoachBot.Server.dll`),
    // the server would miss the appsettings.json published beside it, and with it the log levels that keep a line per
    // request out of the log. A content root given on the command line or in the environment is left alone: one named
    // here would silently win over it (WebApplicationFactory passes --contentRoot, the project's source folder).
    ContentRootPath = ContentRootIsConfigured(args) ? null : AppContext.BaseDirectory,
});
// The Bot Framework's conventional local address, unless --urls, ASPNETCORE_URLS or *_PORTS say otherwise.
if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
    builder.WebHost.UseUrls("http://localhost:3978");

// Durable storage first: the core only fills in what is not registered yet. Both channels share the one core.
builder.Services.AddCoachBotStorage(builder.Configuration);
builder.Services.AddCoachBot(builder.Configuration);
builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddSlack(builder.Configuration);
builder.Services.AddTurnLimits(builder.Configuration);
builder.Services.AddCoachBotTelemetry(builder.Configuration);
builder.Services.AddHostedService<IdleMemoryTrim>();

var app = builder.Build();
app.MapHealth();
app.MapBotFramework();
app.MapSlack();
app.MapCoachPage();
// The coach is built in the background while the server listens: a model that cannot load stops it with its fix.
var coachStartup = app.Services.GetRequiredService<CoachStartup>();
app.Run();
return coachStartup.Failed ? 1 : 0;

// Read from the sources, and with the key, the host itself reads the content root from.
static bool ContentRootIsConfigured(string[] args) =>
    !string.IsNullOrEmpty(new ConfigurationBuilder()
        .AddEnvironmentVariables("DOTNET_")
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddCommandLine(args)
        .Build()[HostDefaults.ContentRootKey]);

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
