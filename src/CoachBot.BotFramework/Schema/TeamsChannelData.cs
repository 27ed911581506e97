using System.Text.Json;

namespace CoachBot.BotFramework.Schema;

/// <summary>The parts of Teams' <c>channelData</c> CoachBot uses (tenant, team, channel, install settings).</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public ChannelInfo? Channel { get; set; }
    public string? EventType { get; set; }
    public TeamsChannelDataSettings? Settings { get; set; }

    /// <summary>
    /// The tenant an activity comes from: Teams puts it in channelData.tenant.id, and in conversation.tenantId for
    /// some activities (and older clients) only.
    /// </summary>
    public static string? TenantOf(Activity activity, TeamsChannelData? data) => data?.Tenant?.Id ?? activity.Conversation?.TenantId;

    /// <inheritdoc cref="TenantOf(Activity, TeamsChannelData?)"/>
    public static string? TenantOf(Activity activity) => TenantOf(activity, From(activity));

    /// <summary>Reads Teams channel data from an activity; null when absent or not in Teams' shape.</summary>
    public static TeamsChannelData? From(Activity activity)
    {
        if (activity.ChannelData is not { ValueKind: JsonValueKind.Object } data) return null;
        try
        {
            return data.Deserialize(BotFrameworkJsonContext.Default.TeamsChannelData);
        }
        catch (JsonException)
        {
            // Another channel's channelData that happens to reuse a Teams field name with another type.
            return null;
        }
    }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }
}

public sealed class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
}

public sealed class ChannelInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

public sealed class TeamsChannelDataSettings
{
    public ChannelInfo? SelectedChannel { get; set; }
}
