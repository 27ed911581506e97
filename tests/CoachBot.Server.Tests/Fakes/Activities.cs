using System.Text.Json.Nodes;

namespace CoachBot.Server.Tests.Fakes;

/// <summary>Inbound activities as channels send them.</summary>
public static class Activities
{
    public const string BotId = "28:" + BotApp.AppId;
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static JsonObject Message(string serviceUrl, string conversationId, string? text, string channelId = "emulator", JsonObject? value = null) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:seller", ["name"] = "Sam Seller" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "CoachBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["text"] = text,
        ["value"] = value,
        ["locale"] = "en-US",
    };

    /// <summary>A click on a card button (Action.Submit): the button's data arrives as value, with no text.</summary>
    public static JsonObject Submit(string serviceUrl, string conversationId, JsonObject data, string channelId = "emulator") =>
        Message(serviceUrl, conversationId, null, channelId, data);

    public static JsonObject Invoke(string serviceUrl, string conversationId, string name, JsonObject value) => new()
    {
        ["type"] = "invoke",
        ["name"] = name,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:seller", ["name"] = "Sam Seller" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "CoachBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["tenantId"] = TenantId, ["conversationType"] = "personal" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["value"] = value,
    };

    /// <summary>Teams' installationUpdate when the app is added to a team (the General channel selected).</summary>
    public static JsonObject TeamInstall(string serviceUrl, string teamId, string teamName, string tenantId = TenantId) => new()
    {
        ["type"] = "installationUpdate",
        ["action"] = "add",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:owner" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "CoachBot" },
        ["conversation"] = new JsonObject { ["id"] = teamId, ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = tenantId },
        ["channelData"] = new JsonObject
        {
            ["settings"] = new JsonObject { ["selectedChannel"] = new JsonObject { ["id"] = teamId } },
            ["team"] = new JsonObject { ["id"] = teamId, ["name"] = teamName, ["aadGroupId"] = Guid.NewGuid().ToString() },
            ["tenant"] = new JsonObject { ["id"] = tenantId },
        },
    };

    /// <summary>Teams' conversationUpdate for a channel event (channelCreated, channelRenamed, channelDeleted, ...) in a team.</summary>
    public static JsonObject ChannelEvent(string serviceUrl, string eventType, string teamId, string channelId, string channelName, string teamName = "Sales")
    {
        var update = TeamInstall(serviceUrl, teamId, teamName);
        update["type"] = "conversationUpdate";
        update.Remove("action");
        update["channelData"]!["eventType"] = eventType;
        update["channelData"]!["channel"] = new JsonObject { ["id"] = channelId, ["name"] = channelName };
        ((JsonObject)update["channelData"]!).Remove("settings");
        return update;
    }

    /// <summary>A message in a Teams personal chat.</summary>
    public static JsonObject TeamsMessage(string serviceUrl, string conversationId, string? text, JsonObject? value = null, string tenantId = TenantId)
    {
        var message = Message(serviceUrl, conversationId, text, "msteams", value);
        message["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = tenantId };
        message["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        return message;
    }
}
