// The servers of the Slack load comparison (bench/slack-load/run.sh), one per process so each gets the machine
// to itself while it is measured:
//   slack <port>          the Slack channel as the server hosts it (AddCoachBotSlack + MapSlack), in-memory stores
//   bare <port>           the floor: Kestrel answering every POST with a fixed body, no work at all
//   export-phrases <file> the shipped playbook's phrase table as JSON, for the Bolt for JavaScript app
using System.Text.Json;
using CoachBot.Core;
using CoachBot.Core.Analytics;
using CoachBot.Core.Playbook;
using CoachBot.Core.State;
using CoachBot.Slack;

if (args is not [var mode, var target])
{
    Console.Error.WriteLine("usage: CoachBot.Slack.LoadServer slack|bare <port> | export-phrases <file>");
    return 2;
}

if (mode == "export-phrases")
{
    var phrases = PlaybookLoader.LoadEmbedded().Phrases.Select(p => new { p.Id, p.DontSay, p.DoSay, p.Why, p.Tags, p.Synonyms });
    File.WriteAllText(target, JsonSerializer.Serialize(phrases, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    return 0;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{int.Parse(target)}");
switch (mode)
{
    case "slack":
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Environment.GetEnvironmentVariable("SLACK_SIGNING_SECRET"),
            ["Slack:BotToken"] = "fake-bot-token-for-load-test",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
        });
        builder.Services.AddSingleton(_ => new Coach(PlaybookLoader.LoadEmbedded(), TimeProvider.System));
        builder.Services.AddSingleton<IConversationStateStore>(_ => new InMemoryConversationStateStore(TimeProvider.System));
        builder.Services.AddSingleton<IAnalyticsSink, InMemoryAnalyticsStore>();
        builder.Services.AddCoachBotSlack(builder.Configuration);
        var slack = builder.Build();
        slack.MapSlack();
        await slack.RunAsync();
        return 0;
    case "bare":
        var bare = builder.Build();
        var body = "{\"response_type\":\"ephemeral\",\"text\":\"ok\"}"u8.ToArray();
        bare.MapPost("/api/slack/events", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body);
        });
        await bare.RunAsync();
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}
