using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoachBot.BotFramework.Schema;

// The Bot Framework Activity, reduced to the fields CoachBot reads or writes. Unknown fields are ignored on
// input (System.Text.Json's default), nulls are left out on output. Field names are the wire names.

/// <summary>One Bot Framework activity, inbound or outbound.</summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    /// <summary>installationUpdate: add | remove | add-upgrade | remove-upgrade.</summary>
    public string? Action { get; set; }
    public string? Summary { get; set; }
    public string? InputHint { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    /// <summary>Kept as raw JSON: entity shapes vary by type and channel.</summary>
    public List<JsonElement>? Entities { get; set; }
    /// <summary>Kept as raw JSON: channel-defined (Teams: <see cref="TeamsChannelData"/>).</summary>
    public JsonElement? ChannelData { get; set; }
    /// <summary>Action.Submit data (message) or invoke parameters.</summary>
    public JsonElement? Value { get; set; }
}

/// <summary>Bot Framework channel ids CoachBot treats specially.</summary>
public static class Channels
{
    public const string Teams = "msteams";
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public JsonNode? Content { get; set; }
    public string? ContentUrl { get; set; }
    public string? Name { get; set; }
}

/// <summary>Body of POST /v3/conversations (create a conversation or a new channel thread).</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public JsonNode? ChannelData { get; set; }
}
