using System.Text.Json.Serialization;

namespace CoachBot.Slack.Inbound.Payloads;

/// <summary>
/// The "type" of a payload and of its inner event, read before the payload itself: a payload without one is refused,
/// while one of a type CoachBot does not handle is acknowledged (the typed records cannot tell the two apart, as both
/// read as the base record).
/// </summary>
public sealed record SlackTypeTags(string? Type, SlackTypeTag? Event);

public sealed record SlackTypeTag(string? Type);

/// <summary>
/// A JSON body of the Events API: url_verification (with its challenge), event_callback (with the inner event) or
/// anything else Slack sends on that URL (app_rate_limited). Flat, because the type (<see cref="SlackTypeTags"/>)
/// decides which fields matter and the parser checks them.
/// </summary>
public sealed record EventsApiBody
{
    public string? Challenge { get; init; }
    public string? TeamId { get; init; }
    public string? EventId { get; init; }
    public SlackEvent? Event { get; init; }
}

/// <summary>
/// The inner event of an event_callback. Types CoachBot does not handle, or a missing type, read as this base
/// record and are acknowledged without being handled.
/// </summary>
[JsonPolymorphic(
    TypeDiscriminatorPropertyName = "type",
    UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToBaseType,
    IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(MessageEvent), "message")]
[JsonDerivedType(typeof(AppMention), "app_mention")]
[JsonDerivedType(typeof(AppHomeOpened), "app_home_opened")]
public record SlackEvent
{
    public string? EventTs { get; init; }
}

/// <summary>What a message and a mention have in common: who wrote what, where.</summary>
public abstract record MessageEventBase : SlackEvent
{
    public string? User { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? Channel { get; init; }
    /// <summary>Set on edits, deletions, joins and classic bot posts.</summary>
    public string? Subtype { get; init; }
    /// <summary>Set on anything a bot posted, this one included.</summary>
    public string? BotId { get; init; }
}

/// <summary>message (CoachBot subscribes to message.im): <see cref="ChannelType"/> is "im" in a DM.</summary>
public sealed record MessageEvent : MessageEventBase
{
    public string? ChannelType { get; init; }
}

/// <summary>app_mention: the bot mentioned in a channel it is in.</summary>
public sealed record AppMention : MessageEventBase;

/// <summary>app_home_opened: a seller opened the app's Home (or Messages) tab.</summary>
public sealed record AppHomeOpened : SlackEvent
{
    public string? User { get; init; }
    public string? Channel { get; init; }
    /// <summary>"home" or "messages".</summary>
    public string? Tab { get; init; }
}
