using System.Text.Json.Serialization;
using CoachBot.Slack.Inbound.Payloads;

namespace CoachBot.Slack.WebApi;

/// <summary>What every Web API method answers: ok, or the error code.</summary>
internal record SlackApiResponse
{
    public bool Ok { get; init; }
    public string? Error { get; init; }
}

internal sealed record PostMessageResponse : SlackApiResponse
{
    public string? Channel { get; init; }
    public string? Ts { get; init; }
}

internal sealed record ConversationsOpenResponse : SlackApiResponse
{
    public SlackChannelRef? Channel { get; init; }
}

internal sealed record AuthTestResponse : SlackApiResponse
{
    public string? UserId { get; init; }
    public string? BotId { get; init; }
    public string? TeamId { get; init; }
}

internal sealed record ConnectionsOpenResponse : SlackApiResponse
{
    public string? Url { get; init; }
}

/// <summary>The Web API's answers, source-generated like the inbound payloads: snake_case, unknown fields skipped.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(SlackApiResponse))]
[JsonSerializable(typeof(PostMessageResponse))]
[JsonSerializable(typeof(ConversationsOpenResponse))]
[JsonSerializable(typeof(AuthTestResponse))]
[JsonSerializable(typeof(ConnectionsOpenResponse))]
internal sealed partial class SlackWebApiJsonContext : JsonSerializerContext;
