// Helpers of the load scripts, which measure the shipped server itself:
//   bare <port>           the floor of bench/slack-load/run.sh: Kestrel answering every POST with a fixed body
//   export-phrases <file> the shipped playbook's phrase table as JSON, for the Bolt for JavaScript app
//   connector <port> <ms> a Bot Framework connector for bench/load-shedding/run.sh: every POST answered after <ms>
using System.Text.Json;
using CoachBot.Core.Playbook;

if (args is ["connector", var port, var milliseconds])
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls($"http://127.0.0.1:{int.Parse(port)}");
    var connector = builder.Build();
    var delay = TimeSpan.FromMilliseconds(int.Parse(milliseconds));
    connector.MapPost("/{**rest}", async (HttpContext context) =>
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        await Task.Delay(delay); // a real connector is a network call away
        return Results.Json(new { id = "1" });
    });
    await connector.RunAsync();
    return 0;
}

if (args is not [var mode, var target])
{
    Console.Error.WriteLine("usage: CoachBot.Slack.LoadServer bare <port> | export-phrases <file> | connector <port> <delay ms>");
    return 2;
}

switch (mode)
{
    case "export-phrases":
        var phrases = PlaybookLoader.LoadEmbedded().Phrases.Select(p => new { p.Id, p.DontSay, p.DoSay, p.Why, p.Tags, p.Synonyms });
        File.WriteAllText(target, JsonSerializer.Serialize(phrases, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return 0;
    case "bare":
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{int.Parse(target)}");
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
