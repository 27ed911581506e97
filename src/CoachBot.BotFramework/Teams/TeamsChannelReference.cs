using System.Text.Json;
using System.Text.Json.Serialization;
using CoachBot.BotFramework.Schema;
using CoachBot.Core.State;

namespace CoachBot.BotFramework.Teams;

/// <summary>
/// What the bot needs to start a thread in a Teams channel later: the channel, its team and tenant, and the
/// serviceUrl that arrived on an authenticated activity (the only place the bot's token may be sent).
/// </summary>
public sealed class TeamsChannelReference
{
    public const string Channel = "teams";

    public string ServiceUrl { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string TeamId { get; set; } = "";
    public string? TeamName { get; set; }
    public string ChannelId { get; set; } = "";
    public string? ChannelName { get; set; }
    /// <summary>The bot's id in Teams ("28:{app id}").</summary>
    public string? BotId { get; set; }

    /// <summary>"Deals › General": what the seller sees when choosing a channel.</summary>
    [JsonIgnore]
    public string DisplayName => $"{(string.IsNullOrWhiteSpace(TeamName) ? "Team" : TeamName)} \u203a {(string.IsNullOrWhiteSpace(ChannelName) ? "General" : ChannelName)}";

    /// <summary>The team channel <paramref name="activity"/> came from, or null when it is not from a team channel.</summary>
    public static TeamsChannelReference? From(Activity activity, TeamsChannelData? data)
    {
        var team = data?.Team;
        var tenant = TeamsChannelData.TenantOf(activity, data);
        if (team?.Id is null || tenant is null || string.IsNullOrEmpty(activity.ServiceUrl)) return null;
        if (activity.Conversation?.ConversationType is { } type && type != "channel") return null;

        // A thread's conversation id is "{channel id};messageid={root}": the channel is the part before ';'.
        var channelId = data!.Channel?.Id ?? data.Settings?.SelectedChannel?.Id ?? activity.Conversation?.Id?.Split(';')[0];
        if (string.IsNullOrEmpty(channelId)) return null;
        return new TeamsChannelReference
        {
            ServiceUrl = activity.ServiceUrl,
            TenantId = tenant,
            TeamId = team.Id,
            TeamName = team.Name,
            ChannelId = channelId,
            ChannelName = data.Channel?.Id == channelId ? data.Channel.Name : null,
            BotId = activity.Recipient?.Id,
        };
    }

    public ConversationReferenceRecord ToRecord(DateTimeOffset now) =>
        new(Channel, TenantId, ChannelId, DisplayName, JsonSerializer.Serialize(this, TeamsReferenceJsonContext.Default.TeamsChannelReference), now);

    public static TeamsChannelReference? FromRecord(ConversationReferenceRecord record)
    {
        try
        {
            return JsonSerializer.Deserialize(record.ReferenceJson, TeamsReferenceJsonContext.Default.TeamsChannelReference);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(TeamsChannelReference))]
internal sealed partial class TeamsReferenceJsonContext : JsonSerializerContext;
