using System.Text.Json.Nodes;

namespace CoachBot.Slack.Tests.Fakes;

/// <summary>Request bodies shaped like Slack's (field sets from Slack's docs and the java-slack-sdk json-logs samples).</summary>
public static class SlackPayloads
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    public static string SlashCommand(string text, string responseUrl, string channel = "C1", string user = "U1", string command = "/coach") =>
        Form(new Dictionary<string, string>
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = SlackTestHost.Team,
            ["team_domain"] = "acme",
            ["channel_id"] = channel,
            ["channel_name"] = "deals",
            ["user_id"] = user,
            ["user_name"] = "seller",
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = "A1",
            ["response_url"] = responseUrl,
            ["trigger_id"] = "1.2.trigger",
        });

    public static JsonObject EventCallback(JsonObject innerEvent, string eventId, string team = SlackTestHost.Team) => new()
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = team,
        ["api_app_id"] = "A1",
        ["event"] = innerEvent,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1_700_000_000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = team, ["user_id"] = FakeSlackApi.BotUserId, ["is_bot"] = true }),
    };

    public static JsonObject DirectMessage(string text, string user = "U1", string channel = "D1", string ts = "1700000001.000100") => new()
    {
        ["type"] = "message",
        ["channel"] = channel,
        ["user"] = user,
        ["text"] = text,
        ["ts"] = ts,
        ["event_ts"] = ts,
        ["channel_type"] = "im",
    };

    public static JsonObject AppMention(string text, string channel = "C1", string ts = "1700000002.000200", string? threadTs = null, string user = "U1")
    {
        var mention = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = $"<@{FakeSlackApi.BotUserId}> {text}",
            ["ts"] = ts,
            ["channel"] = channel,
            ["event_ts"] = ts,
        };
        if (threadTs is not null) mention["thread_ts"] = threadTs;
        return mention;
    }

    public static string InteractionForm(JsonObject payload) => Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() });

    /// <summary>A button click on a message (or an ephemeral message when <paramref name="responseUrl"/> is given).</summary>
    public static JsonObject BlockAction(
        JsonObject button, string blockId, JsonArray messageBlocks, string channel = "C1", string messageTs = "1700000003.000300",
        string? threadTs = null, string? responseUrl = null, bool ephemeral = false, string user = "U1")
    {
        var action = button.DeepClone().AsObject();
        action["block_id"] = blockId;
        action["action_ts"] = "1700000004.000400";
        var message = new JsonObject { ["type"] = "message", ["text"] = "fallback", ["ts"] = messageTs, ["blocks"] = messageBlocks.DeepClone() };
        if (threadTs is not null) message["thread_ts"] = threadTs;
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "seller", ["team_id"] = SlackTestHost.Team },
            ["api_app_id"] = "A1",
            ["token"] = "deprecated-verification-token",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral },
            ["trigger_id"] = "2.3.trigger",
            ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "deals" },
            ["actions"] = new JsonArray(action),
        };
        if (!ephemeral) payload["message"] = message;
        if (responseUrl is not null) payload["response_url"] = responseUrl;
        return payload;
    }

    public static JsonObject ViewSubmission(JsonObject view, string? channel, string? account, string user = "U1")
    {
        var submitted = view.DeepClone().AsObject();
        submitted["id"] = "V1";
        submitted["hash"] = "1.hash";
        submitted["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["channel"] = new JsonObject { ["channel"] = new JsonObject { ["type"] = "conversations_select", ["selected_conversation"] = channel } },
                ["account"] = new JsonObject { ["account"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = account } },
            },
        };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "seller", ["team_id"] = SlackTestHost.Team },
            ["api_app_id"] = "A1",
            ["trigger_id"] = "3.4.trigger",
            ["view"] = submitted,
        };
    }

    public static string Form(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
