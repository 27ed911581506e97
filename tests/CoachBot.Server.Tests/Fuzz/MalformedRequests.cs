using System.Text;
using System.Text.Json.Nodes;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Fuzz;

/// <summary>One fuzzed request and the statuses it may get.</summary>
public sealed record FuzzCase(int Index, string Kind, string Path, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers, int[] Allowed)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"#{Index} {Kind} POST {Path} ({ContentType}, {Body.Length} bytes): {(text.Length > 160 ? text[..160] + "…" : text)}";
    }
}

/// <summary>
/// Malformed requests for both channel endpoints, from a seed: structured ones (a valid activity or Slack payload
/// with one field given a hostile value) and random ones (valid bodies with random edits, random bytes). What each may
/// be answered with is decided here: anything unauthenticated is refused (401), a signed or token-carrying request
/// gets any 4xx or a 200, and only an invoke may get the protocol's 501; nothing gets another 5xx.
/// </summary>
public sealed class MalformedRequests(Random random, string serviceUrl, string validToken, string slackSecret, string responseUrl, string realConversation)
{
    private static readonly int[] Refused = [401];
    private static readonly int[] AnyClientError = [200, 400, 401, 403, 404, 413];
    private static readonly int[] AnyClientErrorOrNotImplemented = [.. AnyClientError, 501];

    /// <summary>Values that break a field: other JSON types, extremes, strings .NET cannot hold, deep or wide nesting.</summary>
    private static readonly string[] HostileValues =
    [
        "null", "5", "-1", "1.5e308", "1e999", "-0", "true", "[]", "{}", "\"\"", "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud800b\"",
        "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"" + new string('x', 70_000) + "\"", new string('[', 300) + new string(']', 300),
        "{" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"k{i}\":{i}")) + "}", "\"http://[::1\"", "\"../../etc/passwd\"",
        "99999999999999999999999999999", "\"\\\\\"", "[null,{\"type\":\"\\ud800\"}]",
    ];

    /// <summary>Fragments random edits insert.</summary>
    private static readonly string[] Fragments =
        ["\"", "{", "}", "[", "]", ",", ":", "null", "\\", "\\u", "\\ud800", "\\udc00", "\u00e9", "\uffff", "1e400", "-", "\t", "\0", "%", "&", "=", "+"];

    public FuzzCase Next(int index)
    {
        return random.Next(10) switch
        {
            0 => UnauthenticatedActivity(index),
            1 or 2 => StructuredActivity(index),
            3 => RandomActivity(index),
            4 => UnsignedSlack(index),
            5 or 6 => StructuredSlack(index),
            7 => RandomSlack(index),
            8 => RandomBytes(index, random.Next(2) == 0 ? "/api/messages" : "/api/slack/events"),
            _ => random.Next(2) == 0 ? StructuredActivity(index) : StructuredSlack(index),
        };
    }

    // ---- /api/messages ------------------------------------------------------------------------------------------------

    private JsonObject ActivityTemplate(string conversation, out bool isInvoke)
    {
        isInvoke = false;
        switch (random.Next(8))
        {
            case 0:
                isInvoke = true;
                return Activities.Invoke(serviceUrl, conversation, "composeExtension/query", new JsonObject
                {
                    ["commandId"] = "phrase",
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "query", ["value"] = "fine-tune" }),
                    ["queryOptions"] = new JsonObject { ["skip"] = 0, ["count"] = 25 },
                });
            case 1:
                isInvoke = true;
                return Activities.Invoke(serviceUrl, conversation, "adaptiveCard/action", new JsonObject
                {
                    ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "answer", ["data"] = new JsonObject { ["action"] = "answer", ["step"] = "need", ["choice"] = "behavior" } },
                    ["trigger"] = "manual",
                });
            case 2:
                var update = Activities.TeamsMessage(serviceUrl, conversation, null);
                update["type"] = "conversationUpdate";
                update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });
                return update;
            case 3:
                return Activities.TeamInstall(serviceUrl, "19:" + conversation + "@thread.tacv2", "Fuzz team");
            case 4:
                return Activities.TeamsMessage(serviceUrl, conversation, null, new JsonObject { ["action"] = "answer", ["step"] = "need", ["choice"] = "knowledge" });
            default:
                return Activities.TeamsMessage(serviceUrl, conversation, random.Next(3) switch { 0 => "qualify", 1 => "phrase fine-tune", _ => "behavior" });
        }
    }

    /// <summary>An activity for the real conversation, broken or not, with no token or a bad one: always 401.</summary>
    private FuzzCase UnauthenticatedActivity(int index)
    {
        var activity = Activities.TeamsMessage(serviceUrl, realConversation, "behavior");
        var body = random.Next(3) == 0 ? activity.ToJsonString() : Edit(activity.ToJsonString());
        var authorization = random.Next(6) switch
        {
            0 => null,
            1 => "Bearer " + RandomText(random.Next(1, 400)),
            2 => "Basic " + validToken,
            3 => "Bearer " + Tamper(validToken),
            4 => "Bearer " + validToken + "." + validToken,
            _ => "bearer  " + RandomText(30) + "." + RandomText(80) + "." + RandomText(40),
        };
        var headers = new Dictionary<string, string>();
        if (authorization is not null) headers["Authorization"] = authorization;
        return new FuzzCase(index, "unauthenticated activity", "/api/messages", Encoding.UTF8.GetBytes(body), "application/json", headers, Refused);
    }

    /// <summary>A valid activity (with a valid token) whose one field holds a hostile value.</summary>
    private FuzzCase StructuredActivity(int index)
    {
        var activity = ActivityTemplate($"fuzz-{index}", out var isInvoke);
        var fields = Paths(activity).ToList();
        var (parent, key) = fields[random.Next(fields.Count)];
        var text = ReplaceValue(activity, parent, key, HostileValues[random.Next(HostileValues.Length)]);
        return Authenticated(index, "structured activity", text, isInvoke);
    }

    /// <summary>A valid activity (with a valid token) after a few random edits.</summary>
    private FuzzCase RandomActivity(int index)
    {
        var activity = ActivityTemplate($"fuzz-{index}", out var isInvoke);
        return Authenticated(index, "edited activity", Edit(activity.ToJsonString()), isInvoke);
    }

    private FuzzCase Authenticated(int index, string kind, string body, bool isInvoke) =>
        new(index, kind, "/api/messages", Encoding.UTF8.GetBytes(body), "application/json",
            new Dictionary<string, string> { ["Authorization"] = validToken },
            isInvoke ? AnyClientErrorOrNotImplemented : AnyClientError);

    // ---- /api/slack/events --------------------------------------------------------------------------------------------

    private (string Body, string ContentType) SlackTemplate(int index)
    {
        const string form = "application/x-www-form-urlencoded";
        switch (random.Next(8))
        {
            case 0:
                return (new JsonObject { ["type"] = "url_verification", ["token"] = "x", ["challenge"] = "c-" + index }.ToJsonString(), "application/json");
            case 1:
                return (new JsonObject
                {
                    ["type"] = "event_callback", ["team_id"] = "T1", ["api_app_id"] = "A1", ["event_id"] = $"Ev{index}", ["event_time"] = 1700000000,
                    ["event"] = new JsonObject { ["type"] = "message", ["channel_type"] = "im", ["channel"] = "D1", ["user"] = "U1", ["text"] = "qualify", ["ts"] = "1700000001.000100" },
                }.ToJsonString(), "application/json");
            case 2:
                return (new JsonObject
                {
                    ["type"] = "event_callback", ["team_id"] = "T1", ["event_id"] = $"Ev{index}",
                    ["event"] = new JsonObject { ["type"] = "app_mention", ["channel"] = "C1", ["user"] = "U1", ["text"] = "<@B1> phrase rag", ["ts"] = "1700000002.000200" },
                }.ToJsonString(), "application/json");
            case 3:
                return ("payload=" + Uri.EscapeDataString(new JsonObject
                {
                    ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = "T1" }, ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
                    ["response_url"] = responseUrl, ["trigger_id"] = "1.2.3", ["channel"] = new JsonObject { ["id"] = "C1" },
                    ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "answer", ["block_id"] = "b1", ["value"] = "{\"action\":\"answer\",\"step\":\"need\",\"choice\":\"behavior\"}" }),
                }.ToJsonString()), form);
            case 4:
                return ("payload=" + Uri.EscapeDataString(new JsonObject
                {
                    ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = "T1" }, ["user"] = new JsonObject { ["id"] = "U1" },
                    ["view"] = new JsonObject { ["callback_id"] = "deal-summary", ["private_metadata"] = "{}", ["state"] = new JsonObject { ["values"] = new JsonObject() } },
                }.ToJsonString()), form);
            case 5:
                // The phrase finder's search field asking for options as the seller types.
                return ("payload=" + Uri.EscapeDataString(new JsonObject
                {
                    ["type"] = "block_suggestion", ["team"] = new JsonObject { ["id"] = "T1" }, ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
                    ["action_id"] = "phrase", ["block_id"] = "phrase", ["value"] = "cost",
                    ["view"] = new JsonObject { ["id"] = "V1", ["callback_id"] = "coachbot.findPhrase", ["private_metadata"] = "they want to fine-tune" },
                }.ToJsonString()), form);
            case 6:
                return ("payload=" + Uri.EscapeDataString(new JsonObject
                {
                    ["type"] = "message_action", ["callback_id"] = "coachbot.findPhraseForMessage", ["trigger_id"] = "1.2.3",
                    ["team"] = new JsonObject { ["id"] = "T1" }, ["user"] = new JsonObject { ["id"] = "U1" }, ["channel"] = new JsonObject { ["id"] = "C1" },
                    ["message"] = new JsonObject { ["type"] = "message", ["user"] = "U2", ["text"] = "we want to fine-tune", ["ts"] = "1700000003.000300" },
                    ["response_url"] = responseUrl,
                }.ToJsonString()), form);
            default:
                return (SlashCommand(random.Next(2) == 0 ? "say fine-tune" : "help", index), form);
        }
    }

    /// <summary>A slash command form; its response_url always the loopback one (the bot posts there).</summary>
    private string SlashCommand(string text, int index, string? team = "T1", string? command = "/coach") =>
        $"token=x&team_id={Uri.EscapeDataString(team ?? "")}&channel_id=C{index}&user_id=U1&command={Uri.EscapeDataString(command ?? "")}" +
        $"&text={Uri.EscapeDataString(text)}&response_url={Uri.EscapeDataString(responseUrl)}&trigger_id=1.2.3";

    /// <summary>A Slack body, broken or not, unsigned or wrongly signed: always 401.</summary>
    private FuzzCase UnsignedSlack(int index)
    {
        var (body, contentType) = SlackTemplate(index);
        if (random.Next(2) == 0) body = Edit(body);
        var headers = new Dictionary<string, string>();
        switch (random.Next(4))
        {
            case 0:
                break;
            case 1:
                headers["X-Slack-Request-Timestamp"] = Now();
                headers["X-Slack-Signature"] = SlackRequestSigner.Sign("not-the-secret", headers["X-Slack-Request-Timestamp"], body);
                break;
            case 2:
                headers["X-Slack-Request-Timestamp"] = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600).ToString();
                headers["X-Slack-Signature"] = SlackRequestSigner.Sign(slackSecret, headers["X-Slack-Request-Timestamp"], body);
                break;
            default:
                headers["X-Slack-Request-Timestamp"] = RandomText(12);
                headers["X-Slack-Signature"] = "v0=" + RandomText(64);
                break;
        }
        // An unsigned ssl_check is answered; the templates never contain one, and edits are unlikely to make one.
        return new FuzzCase(index, "unsigned slack", "/api/slack/events", Encoding.UTF8.GetBytes(body), contentType, headers, [401, 200]);
    }

    /// <summary>A signed Slack body whose one field holds a hostile value.</summary>
    private FuzzCase StructuredSlack(int index)
    {
        var (body, contentType) = SlackTemplate(index);
        if (contentType == "application/json" || body.StartsWith("payload=", StringComparison.Ordinal))
        {
            var isForm = body.StartsWith("payload=", StringComparison.Ordinal);
            var json = (JsonObject)JsonNode.Parse(isForm ? Uri.UnescapeDataString(body["payload=".Length..]) : body)!;
            var fields = Paths(json).Where(f => f.Key != "response_url").ToList();
            var (parent, key) = fields[random.Next(fields.Count)];
            var text = ReplaceValue(json, parent, key, HostileValues[random.Next(HostileValues.Length)]);
            body = isForm ? "payload=" + Uri.EscapeDataString(text) : text;
        }
        else
        {
            var hostile = random.Next(5) switch
            {
                0 => "%ED%A0%80", // a UTF-8-encoded lone surrogate, percent-escaped
                1 => "%",
                2 => "%ZZ%",
                3 => new string('y', 5000),
                _ => RandomText(40),
            };
            body = random.Next(3) switch
            {
                0 => SlashCommand(hostile, index),
                1 => SlashCommand("help", index, team: random.Next(2) == 0 ? null : hostile),
                _ => SlashCommand("help", index, command: hostile),
            };
            body = body.Replace(Uri.EscapeDataString(hostile), hostile, StringComparison.Ordinal);
        }
        return Signed(index, "structured slack", body, contentType);
    }

    /// <summary>A signed Slack body after a few random edits (a form's response_url left alone).</summary>
    private FuzzCase RandomSlack(int index)
    {
        var (body, contentType) = SlackTemplate(index);
        var url = Uri.EscapeDataString(responseUrl);
        var edited = body.Contains(url, StringComparison.Ordinal)
            ? string.Join(url, body.Split(url).Select(Edit))
            : Edit(body);
        return Signed(index, "edited slack", edited, contentType);
    }

    private FuzzCase Signed(int index, string kind, string body, string contentType)
    {
        var timestamp = Now();
        return new FuzzCase(index, kind, "/api/slack/events", Encoding.UTF8.GetBytes(body), contentType, new Dictionary<string, string>
        {
            ["X-Slack-Request-Timestamp"] = timestamp,
            ["X-Slack-Signature"] = SlackRequestSigner.Sign(slackSecret, timestamp, body),
        }, AnyClientError);
    }

    // ---- Either endpoint ----------------------------------------------------------------------------------------------

    /// <summary>Random bytes (often not UTF-8), with a token or a signature so they get past the door.</summary>
    private FuzzCase RandomBytes(int index, string path)
    {
        var bytes = new byte[random.Next(0, 3000)];
        random.NextBytes(bytes);
        var contentType = random.Next(3) switch { 0 => "application/json", 1 => "application/x-www-form-urlencoded", _ => RandomText(10) };
        var headers = new Dictionary<string, string>();
        if (path == "/api/messages") headers["Authorization"] = validToken;
        else
        {
            var timestamp = Now();
            headers["X-Slack-Request-Timestamp"] = timestamp;
            headers["X-Slack-Signature"] = SignBytes(timestamp, bytes);
        }
        return new FuzzCase(index, "random bytes", path, bytes, contentType, headers, AnyClientError);
    }

    // ---- Edits --------------------------------------------------------------------------------------------------------

    /// <summary>Every (object, property) of <paramref name="root"/>, depth first.</summary>
    private static IEnumerable<(JsonObject Parent, string Key)> Paths(JsonObject root)
    {
        foreach (var (key, value) in root)
        {
            yield return (root, key);
            if (value is JsonObject child)
                foreach (var inner in Paths(child)) yield return inner;
            else if (value is JsonArray array)
                foreach (var item in array.OfType<JsonObject>())
                    foreach (var inner in Paths(item)) yield return inner;
        }
    }

    /// <summary>The JSON of <paramref name="root"/> with <paramref name="parent"/>[<paramref name="key"/>] written as the raw <paramref name="rawValue"/>.</summary>
    private static string ReplaceValue(JsonObject root, JsonObject parent, string key, string rawValue)
    {
        const string marker = "\"__fuzz_marker__\"";
        parent[key] = "__fuzz_marker__";
        return root.ToJsonString().Replace(marker, rawValue, StringComparison.Ordinal);
    }

    /// <summary>One to four random edits: delete or duplicate a span, insert a fragment, truncate.</summary>
    private string Edit(string text)
    {
        var builder = new StringBuilder(text);
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            var span = Math.Min(builder.Length - at, random.Next(1, 12));
            switch (random.Next(4))
            {
                case 0: builder.Remove(at, span); break;
                case 1: builder.Insert(at, builder.ToString(at, span)); break;
                case 2: builder.Insert(at, Fragments[random.Next(Fragments.Length)]); break;
                default: builder.Length = at; break;
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The token with one character of its payload or signature changed (not among the last few: the final
    /// base64url character partly holds padding bits, and changing those would leave the signature as it was).
    /// </summary>
    private string Tamper(string token)
    {
        var raw = token["Bearer ".Length..].ToCharArray();
        var at = raw.Length / 3 + random.Next(raw.Length * 2 / 3 - 4);
        raw[at] = raw[at] == 'A' ? 'B' : 'A';
        return new string(raw);
    }

    private string RandomText(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!*'();:@&=+$,/?#[]% \"{}";
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private string SignBytes(string timestamp, byte[] body)
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(slackSecret));
        return "v0=" + Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body]));
    }

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
}
