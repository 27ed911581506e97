using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.BotFramework.Schema;
using CoachBot.Core;
using CoachBot.Core.Playbook;

namespace CoachBot.BotFramework.Teams;

/// <summary>
/// The search-based messaging extension (composeExtension/query): what the seller types in the compose box is
/// looked up in the phrase table and answered with do-say lines the seller can insert into the chat.
/// </summary>
public sealed class PhraseSearch(Coach coach)
{
    public const string InvokeName = "composeExtension/query";
    public const string HeroCardContentType = "application/vnd.microsoft.card.hero";
    /// <summary>Results per page; Teams asks for up to 25 (queryOptions.count).</summary>
    private const int MaxResults = 25;

    public async Task<InvokeResponse> AnswerAsync(Activity invoke, CancellationToken cancellationToken)
    {
        var (query, skip, count) = ReadQuery(invoke.Value);
        // initialRun (opening the extension) and an empty box list the whole phrase table.
        IEnumerable<Phrase> phrases = string.IsNullOrWhiteSpace(query)
            ? coach.Playbook.Phrases
            : (await coach.LookupAsync(query, cancellationToken)).Matches.Select(m => m.Phrase);
        var page = phrases.Skip(skip).Take(count).ToList();

        if (page.Count == 0)
        {
            return Result(new JsonObject
            {
                ["type"] = "message",
                ["text"] = $"No phrase matches \u201c{query}\u201d. Try a word the buyer might hear, such as train, cost or data.",
            });
        }

        var attachments = new JsonArray();
        foreach (var phrase in page) attachments.Add(Attachment(phrase));
        return Result(new JsonObject { ["type"] = "result", ["attachmentLayout"] = "list", ["attachments"] = attachments });
    }

    private static InvokeResponse Result(JsonObject composeExtension) => new(200, new JsonObject { ["composeExtension"] = composeExtension });

    /// <summary>The inserted card says the do-say line; the list entry shows it with the line it replaces.</summary>
    private static JsonObject Attachment(Phrase phrase) => new()
    {
        ["contentType"] = HeroCardContentType,
        ["content"] = new JsonObject { ["title"] = phrase.DoSay, ["text"] = phrase.Why },
        ["preview"] = new JsonObject
        {
            ["contentType"] = HeroCardContentType,
            ["content"] = new JsonObject { ["title"] = phrase.DoSay, ["text"] = $"Instead of \u201c{phrase.DontSay}\u201d" },
        },
    };

    /// <summary>The typed text (parameter "query", or the first parameter) and the page asked for.</summary>
    internal static (string Query, int Skip, int Count) ReadQuery(JsonElement? value)
    {
        var query = "";
        int skip = 0, count = MaxResults;
        if (value is not { ValueKind: JsonValueKind.Object } v) return (query, skip, count);

        if (v.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                if (parameter.ValueKind != JsonValueKind.Object) continue;
                var name = parameter.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                if (name == "initialRun") break;
                if (parameter.TryGetProperty("value", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    query = text.GetString()!.Trim();
                    if (name == "query") break;
                }
            }
        }
        if (v.TryGetProperty("queryOptions", out var options) && options.ValueKind == JsonValueKind.Object)
        {
            if (options.TryGetProperty("skip", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var sk)) skip = Math.Max(0, sk);
            if (options.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ct)) count = Math.Clamp(ct, 1, MaxResults);
        }
        return (query, skip, count);
    }
}
