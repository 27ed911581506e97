using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CoachBot.Server.Tests.Fakes;
using Xunit.Abstractions;

namespace CoachBot.Server.Tests.Fuzz;

/// <summary>
/// Malformed requests to the phrase finder page's API on real Kestrel (development mode, loopback): random query
/// bytes (invalid UTF-8, control characters, long), random and mutated qualify bodies, wrong content types. None gets
/// a 5xx and the server still answers a real look-up. COACHBOT_FUZZ_SEED=&lt;seed&gt; replays a run.
/// </summary>
public sealed class CoachPageFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 600;
    private static readonly string[] Steps = ["need", "own-model", "training-budget", "data-changed", "change", "behavior-changes", "labeled-data", "reviewed", "", "__proto__"];
    private static readonly string[] Values = ["knowledge", "behavior", "both", "train", "unsure", "month", "week", "stable", "yes", "no", "", "null", "\u0000", "\ud83d\ude00"];

    [Fact]
    public async Task Malformed_page_requests_get_no_5xx_and_the_server_still_answers()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("COACHBOT_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"fuzz seed {seed} (COACHBOT_FUZZ_SEED={seed} replays this run)");
        var random = new Random(seed);

        await using var bot = BotApp.StartOnKestrel(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" });
        using var client = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var failures = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            using var request = random.Next(2) == 0 ? LookUp(random) : Qualify(random);
            var description = $"{request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} for {description}");
        }

        Assert.Empty(failures);
        var after = await client.GetAsync("/api/phrases?q=cost");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("cost", (string?)JsonNode.Parse(await after.Content.ReadAsStringAsync())!["query"]);
    }

    private static HttpRequestMessage LookUp(Random random)
    {
        var query = random.Next(4) switch
        {
            // Raw bytes, percent-encoded: invalid UTF-8, lone surrogates' encodings, NULs.
            0 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => $"%{random.Next(256):X2}")),
            1 => Uri.EscapeDataString(new string('a', random.Next(400, 700))),
            2 => Uri.EscapeDataString(string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)random.Next(0x20, 0xD7FF)))),
            _ => Uri.EscapeDataString(Values[random.Next(Values.Length)] + " " + Steps[random.Next(Steps.Length)]),
        };
        var name = random.Next(8) == 0 ? "query" : "q";
        return new HttpRequestMessage(HttpMethod.Get, $"/api/phrases?{name}={query}" + (random.Next(6) == 0 ? "&q=twice" : ""));
    }

    private static HttpRequestMessage Qualify(Random random)
    {
        byte[] body = random.Next(6) switch
        {
            0 => Enumerable.Range(0, random.Next(0, 200)).Select(_ => (byte)random.Next(256)).ToArray(),
            1 => Encoding.UTF8.GetBytes("{\"answers\":{\"need\":\"" + new string('x', random.Next(15_000, 40_000)) + "\"}}"),
            2 => Encoding.UTF8.GetBytes(RandomJson(random, 0)?.ToJsonString() ?? "null"),
            3 => Truncated(random, Answers(random)),
            _ => Encoding.UTF8.GetBytes(Answers(random)),
        };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = random.Next(6) switch
        {
            0 => null,
            1 => new MediaTypeHeaderValue("text/plain"),
            2 => MediaTypeHeaderValue.Parse("application/json; charset=utf-16"),
            _ => new MediaTypeHeaderValue("application/json"),
        };
        return new HttpRequestMessage(random.Next(10) == 0 ? HttpMethod.Put : HttpMethod.Post, "/api/qualify") { Content = content };
    }

    private static string Answers(Random random)
    {
        var answers = new JsonObject();
        for (var i = random.Next(0, 8); i > 0; i--) answers[Steps[random.Next(Steps.Length)]] = Values[random.Next(Values.Length)];
        return new JsonObject { ["answers"] = answers }.ToJsonString();
    }

    private static byte[] Truncated(Random random, string json) => Encoding.UTF8.GetBytes(json[..random.Next(json.Length)]);

    private static JsonNode? RandomJson(Random random, int depth) => (depth > 4 ? random.Next(4) : random.Next(7)) switch
    {
        0 => null,
        1 => random.Next(),
        2 => Values[random.Next(Values.Length)],
        3 => random.NextDouble() * 1e300,
        4 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(i => KeyValuePair.Create(
            i == 0 && random.Next(2) == 0 ? "answers" : Steps[random.Next(Steps.Length)] + i, RandomJson(random, depth + 1)))),
    };
}
