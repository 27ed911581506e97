namespace CoachBot.Slack.WebApi;

/// <summary>Where chat.postMessage put a message.</summary>
public sealed record PostedMessage(string Channel, string Ts);

/// <summary>Who the bot token belongs to (auth.test).</summary>
public sealed record SlackBotIdentity(string UserId, string? BotId, string TeamId);
