using CoachBot.BotFramework.Hosting;
using CoachBot.Server;

var builder = WebApplication.CreateBuilder(args);
// The Bot Framework's conventional local address, unless --urls, ASPNETCORE_URLS or *_PORTS say otherwise.
if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
    builder.WebHost.UseUrls("http://localhost:3978");
builder.Services.AddCoachBot(builder.Configuration);

var app = builder.Build();
app.MapHealth();
app.MapBotFramework();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
