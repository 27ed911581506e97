using CoachBot.BotFramework.Hosting;
using CoachBot.Server;
using CoachBot.Slack;
using CoachBot.Storage;

var builder = WebApplication.CreateBuilder(args);
// The Bot Framework's conventional local address, unless --urls, ASPNETCORE_URLS or *_PORTS say otherwise.
if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
    builder.WebHost.UseUrls("http://localhost:3978");

// Durable storage first: AddCoachBot only fills in what is not registered yet.
builder.Services.AddCoachBotStorage(builder.Configuration);
builder.Services.AddCoachBot(builder.Configuration);
builder.Services.AddCoachBotSlack(builder.Configuration);

var app = builder.Build();
app.MapHealth();
app.MapBotFramework();
app.MapSlack();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
