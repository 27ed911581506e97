using System.Text.Json.Nodes;

namespace CoachBot.Slack.Tests.BlockKit;

/// <summary>
/// Slack's documented Block Kit limits (protocol-slack.md §6, from Slack's reference and its SDKs' validators),
/// written out here independently of the renderer so the check cannot inherit the renderer's mistakes.
/// @slack/types checks shapes but not lengths; this checks lengths and counts.
/// </summary>
public static class SlackPayloadLimits
{
    public const int MessageBlocks = 50;
    public const int SurfaceBlocks = 100;

    public static IReadOnlyList<string> CheckMessage(JsonObject message)
    {
        var problems = new List<string>();
        var text = message["text"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text)) problems.Add("message has no fallback text");
        else if (text.Length > 40_000) problems.Add("message text over 40000");
        CheckBlocks(message["blocks"]?.AsArray() ?? [], MessageBlocks, problems);
        return problems;
    }

    public static IReadOnlyList<string> CheckView(JsonObject view)
    {
        var problems = new List<string>();
        if (view["type"]?.GetValue<string>() == "modal")
        {
            Max(problems, "modal title", view["title"]?["text"]?.GetValue<string>(), 24, required: true);
            Max(problems, "modal submit", view["submit"]?["text"]?.GetValue<string>(), 24);
            Max(problems, "modal close", view["close"]?["text"]?.GetValue<string>(), 24);
            Max(problems, "callback_id", view["callback_id"]?.GetValue<string>(), 255);
        }
        Max(problems, "private_metadata", view["private_metadata"]?.GetValue<string>(), 3000);
        CheckBlocks(view["blocks"]?.AsArray() ?? [], SurfaceBlocks, problems);
        return problems;
    }

    /// <summary>An options answer (block_suggestion): at most 100 options, text 1-75, value at most 150.</summary>
    public static IReadOnlyList<string> CheckOptions(JsonObject answer)
    {
        var problems = new List<string>();
        var options = answer["options"]?.AsArray() ?? [];
        if (options.Count > 100) problems.Add($"{options.Count} options, over 100");
        foreach (var option in options) CheckOption(problems, "options[]", option);
        return problems;
    }

    private static void CheckOption(List<string> problems, string at, JsonNode? option)
    {
        Max(problems, $"{at}.text", option?["text"]?["text"]?.GetValue<string>(), 75, required: true);
        Max(problems, $"{at}.value", option?["value"]?.GetValue<string>(), 150, required: true);
    }

    private static void CheckBlocks(JsonArray blocks, int maxBlocks, List<string> problems)
    {
        if (blocks.Count > maxBlocks) problems.Add($"{blocks.Count} blocks, over {maxBlocks}");
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i]!;
            var at = $"blocks[{i}]";
            Max(problems, $"{at}.block_id", block["block_id"]?.GetValue<string>(), 255);
            switch (block["type"]?.GetValue<string>())
            {
                case "header":
                    if (block["text"]?["type"]?.GetValue<string>() != "plain_text") problems.Add($"{at} header text is not plain_text");
                    Max(problems, $"{at}.text", block["text"]?["text"]?.GetValue<string>(), 150, required: true);
                    break;
                case "section":
                    var fields = block["fields"]?.AsArray();
                    if (block["text"] is null && fields is null) problems.Add($"{at} section has neither text nor fields");
                    if (block["text"] is not null) Max(problems, $"{at}.text", block["text"]!["text"]?.GetValue<string>(), 3000, required: true);
                    if (fields is not null)
                    {
                        if (fields.Count > 10) problems.Add($"{at} has {fields.Count} fields, over 10");
                        foreach (var field in fields) Max(problems, $"{at}.fields[]", field!["text"]?.GetValue<string>(), 2000, required: true);
                    }
                    break;
                case "context":
                    var elements = block["elements"]!.AsArray();
                    if (elements.Count is 0 or > 10) problems.Add($"{at} has {elements.Count} context elements");
                    foreach (var element in elements) Max(problems, $"{at}.elements[]", element!["text"]?.GetValue<string>(), 3000, required: true);
                    break;
                case "actions":
                    var buttons = block["elements"]!.AsArray();
                    if (buttons.Count is 0 or > 25) problems.Add($"{at} has {buttons.Count} elements");
                    var ids = new HashSet<string>();
                    foreach (var button in buttons)
                    {
                        var id = button!["action_id"]?.GetValue<string>();
                        Max(problems, $"{at} action_id", id, 255, required: true);
                        if (id is not null && !ids.Add(id)) problems.Add($"{at} repeats action_id {id}");
                        Max(problems, $"{at} button text", button["text"]?["text"]?.GetValue<string>(), 75, required: true);
                        Max(problems, $"{at} button value", button["value"]?.GetValue<string>(), 2000);
                    }
                    break;
                case "input":
                    Max(problems, $"{at}.label", block["label"]?["text"]?.GetValue<string>(), 2000, required: true);
                    Max(problems, $"{at}.hint", block["hint"]?["text"]?.GetValue<string>(), 2000);
                    Max(problems, $"{at} placeholder", block["element"]?["placeholder"]?["text"]?.GetValue<string>(), 150);
                    if (block["element"]?["initial_option"] is { } initial) CheckOption(problems, $"{at} initial_option", initial);
                    break;
                case "divider":
                    break;
                default:
                    problems.Add($"{at} has an unexpected block type {block["type"]}");
                    break;
            }
        }
    }

    private static void Max(List<string> problems, string what, string? value, int max, bool required = false)
    {
        if (value is null) { if (required) problems.Add($"{what} is missing"); return; }
        if (required && value.Length == 0) problems.Add($"{what} is empty");
        if (value.Length > max) problems.Add($"{what} is {value.Length} characters, over {max}");
    }
}
