using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Analytics;
using CoachBot.Core.Playbook;
using CoachBot.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachBot.Slack.Tests.Fakes;

/// <summary>
/// The Slack channel hosted the way the server hosts it (AddSlack + MapSlack) in a minimal WebApplication on
/// 127.0.0.1, port 0, talking to a <see cref="FakeSlackApi"/>. Requests are signed like Slack signs them.
/// </summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret";
    public const string BotToken = "fake-bot-token-for-tests";
    public const string Team = "T1";

    private readonly WebApplication _app;

    private SlackTestHost(WebApplication app, FakeSlackApi slack, string baseUrl)
    {
        _app = app;
        Slack = slack;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public FakeSlackApi Slack { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;
    public InMemoryAnalyticsStore Analytics => _app.Services.GetRequiredService<InMemoryAnalyticsStore>();

    public static async Task<SlackTestHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var slack = await FakeSlackApi.StartAsync();
        var configuration = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(_ => TestCoach.Create());
        // As the server composes it: the core's in-memory stores and the coach's counters on the host's meter factory.
        builder.Services.AddSlack(builder.Configuration);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapSlack();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlackTestHost(app, slack, address);
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Posts <paramref name="body"/> to the request URL, signed now with the test secret unless told otherwise.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string body, string contentType, long? timestamp = null, string? secret = null)
    {
        var ts = (timestamp ?? Now).ToString();
        var request = Request(body, contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackRequestSigner.Sign(secret ?? SigningSecret, ts, body));
        return Client.SendAsync(request);
    }

    public static HttpRequestMessage Request(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = content };
    }

    public Task<HttpResponseMessage> PostSlashCommandAsync(string text, string responseUrlName = "slash", string channel = "C1", string user = "U1") =>
        PostSignedAsync(SlackPayloads.SlashCommand(text, Slack.ResponseUrl(responseUrlName), channel, user), SlackPayloads.FormContentType);

    public Task<HttpResponseMessage> PostEventAsync(JsonObject innerEvent, string eventId = "Ev1") =>
        PostSignedAsync(SlackPayloads.EventCallback(innerEvent, eventId).ToJsonString(), "application/json");

    public Task<HttpResponseMessage> PostInteractionAsync(JsonObject payload) =>
        PostSignedAsync(SlackPayloads.InteractionForm(payload), SlackPayloads.FormContentType);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
