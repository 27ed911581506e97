using System.Text.Json.Serialization;
using CoachBot.Slack.Inbound.Payloads;

namespace CoachBot.Slack.Inbound;

/// <summary>One request from Slack, parsed. HTTP and Socket Mode both produce these and hand them to the same handlers.</summary>
public abstract record SlackInbound
{
    /// <summary>The workspace the request comes from, for the allow-list; null when the payload has none.</summary>
    public abstract string? TeamId { get; }
}

/// <summary>Slack checking the endpoint's certificate; answered with an empty 200.</summary>
public sealed record SslCheck : SlackInbound
{
    public override string? TeamId => null;
}

/// <summary>The handshake when the request URL is entered: echo the challenge.</summary>
public sealed record UrlVerification(string Challenge) : SlackInbound
{
    public override string? TeamId => null;
}

/// <summary>A slash command invocation (form fields, or the same fields as JSON in Socket Mode).</summary>
public sealed record SlashCommand(
    [property: JsonPropertyName("team_id")] string Team,
    string ChannelId, string UserId, string Command, string Text, string ResponseUrl, string TriggerId) : SlackInbound
{
    [JsonIgnore]
    public override string? TeamId => Team;
}

/// <summary>An Events API delivery: the outer wrapper's ids and the inner event.</summary>
public sealed record EventCallback(string Team, string EventId, SlackEvent Event) : SlackInbound
{
    public override string? TeamId => Team;
}

/// <summary>An interactivity payload (block_actions, view_submission, block_suggestion, shortcuts, ...).</summary>
public sealed record Interaction(InteractionPayload Payload) : SlackInbound
{
    public override string? TeamId => Payload.TeamId;
}

/// <summary>Anything else Slack may send on the same URL (app_rate_limited, unknown types): acknowledged and ignored.</summary>
public sealed record IgnoredPayload(string Type, string? Team) : SlackInbound
{
    public override string? TeamId => Team;
}
