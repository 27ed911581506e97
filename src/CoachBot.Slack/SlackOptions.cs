namespace CoachBot.Slack;

/// <summary>The "Slack" configuration section. Secrets come from configuration only and are never logged.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Signs every HTTP request from Slack. Without it the HTTP endpoint answers 404.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-…) used for Web API calls.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (xapp-…, scope connections:write). When set, Socket Mode connects.</summary>
    public string? AppToken { get; set; }

    /// <summary>Where Web API methods live; tests point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Hosts a response_url may point at. Slack issues them on its hooks hosts (commercial and GovSlack); a URL
    /// anywhere else did not come from Slack, and following it would make the bot post the seller's answer (and
    /// its own bearer-less request) wherever a forged payload says. The host of <see cref="ApiBaseUrl"/> is always
    /// allowed as well, so a proxy or a test stand-in that serves the Web API serves response URLs too.
    /// </summary>
    public List<string> ResponseUrlHosts { get; set; } = ["hooks.slack.com", "hooks.slack-gov.com"];

    /// <summary>The slash command as registered in the app manifest.</summary>
    public string CommandName { get; set; } = "/coach";

    /// <summary>Workspaces (team ids) allowed to use the bot; empty allows every workspace the app is installed in.</summary>
    public List<string> AllowedTeamIds { get; set; } = [];

    /// <summary>Largest request body accepted; Slack's payloads are a few kilobytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    public bool IsHttpEnabled => !string.IsNullOrEmpty(SigningSecret);
    public bool IsSocketModeEnabled => !string.IsNullOrEmpty(AppToken);

    /// <summary>Whether a response_url may be followed: https on an allowed host, or the Web API's own origin.</summary>
    public bool IsResponseUrlAllowed(Uri url)
    {
        if (Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api)
            && url.Scheme == api.Scheme && string.Equals(url.Host, api.Host, StringComparison.OrdinalIgnoreCase) && url.Port == api.Port)
            return true;
        return url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort
            && ResponseUrlHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase);
    }
}
