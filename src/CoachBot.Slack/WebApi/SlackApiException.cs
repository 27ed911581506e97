namespace CoachBot.Slack.WebApi;

/// <summary>
/// A Web API call that Slack refused (<c>ok:false</c>) or that failed at the HTTP level. <see cref="Error"/> is Slack's
/// error code ("not_in_channel", "channel_not_found", "ratelimited", …) or "http_{status}".
/// </summary>
public sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;
    public string Error { get; } = error;

    /// <summary>The bot cannot post to the channel: it was never invited, or the channel is not visible to it.</summary>
    public bool IsChannelAccessError => Error is "not_in_channel" or "channel_not_found" or "is_archived";
}
