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

    private static JsonObject Team() => new() { ["id"] = SlackTestHost.Team, ["domain"] = "acme" };

    private static JsonObject User(string user) => new() { ["id"] = user, ["username"] = "seller", ["team_id"] = SlackTestHost.Team };

    /// <summary>A global shortcut chosen from the shortcuts menu (fields as in Slack's shortcut payload reference).</summary>
    public static JsonObject GlobalShortcut(string callbackId, string trigger = "5.6.trigger", string user = "U1") => new()
    {
        ["type"] = "shortcut",
        ["token"] = "deprecated-verification-token",
        ["action_ts"] = "1700000050.000100",
        ["team"] = Team(),
        ["user"] = User(user),
        ["is_enterprise_install"] = false,
        ["enterprise"] = null,
        ["callback_id"] = callbackId,
        ["trigger_id"] = trigger,
    };

    /// <summary>A message shortcut chosen on someone's message in a channel.</summary>
    public static JsonObject MessageShortcut(string callbackId, string messageText, string channel = "C1", string trigger = "6.7.trigger", string user = "U1") => new()
    {
        ["type"] = "message_action",
        ["token"] = "deprecated-verification-token",
        ["action_ts"] = "1700000051.000100",
        ["team"] = Team(),
        ["user"] = User(user),
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "deals" },
        ["is_enterprise_install"] = false,
        ["enterprise"] = null,
        ["callback_id"] = callbackId,
        ["trigger_id"] = trigger,
        ["message_ts"] = "1700000040.000100",
        ["message"] = new JsonObject { ["type"] = "message", ["user"] = "UBUYER", ["text"] = messageText, ["ts"] = "1700000040.000100" },
        ["response_url"] = "https://hooks.slack.com/app/T1/1/unused",
    };

    /// <summary>The seller typing into an external_select of an open view.</summary>
    public static JsonObject BlockSuggestion(JsonObject view, string actionId, string typed, string user = "U1") => new()
    {
        ["type"] = "block_suggestion",
        ["user"] = User(user),
        ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V2" },
        ["api_app_id"] = "A1",
        ["token"] = "deprecated-verification-token",
        ["action_id"] = actionId,
        ["block_id"] = actionId,
        ["value"] = typed,
        ["team"] = Team(),
        ["view"] = Opened(view),
    };

    /// <summary>A view's submission with the given input values (block id -> action id -> value object) and response_urls.</summary>
    public static JsonObject Submission(JsonObject view, JsonObject values, JsonArray? responseUrls = null, string user = "U1")
    {
        var submitted = Opened(view);
        submitted["state"] = new JsonObject { ["values"] = values };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = Team(),
            ["user"] = User(user),
            ["api_app_id"] = "A1",
            ["trigger_id"] = "7.8.trigger",
            ["view"] = submitted,
            ["response_urls"] = responseUrls ?? [],
        };
    }

    /// <summary>A view as Slack echoes it in interactions: what the bot opened, with Slack's ids added.</summary>
    private static JsonObject Opened(JsonObject view)
    {
        var opened = view.DeepClone().AsObject();
        opened["id"] = "V2";
        opened["hash"] = "2.hash";
        opened["team_id"] = SlackTestHost.Team;
        opened["app_id"] = "A1";
        return opened;
    }

    public static string Form(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
