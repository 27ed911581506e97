using CoachBot.Core.Diagnostics;

namespace CoachBot.Core.Hosting;

/// <summary>
/// The first step every channel's request goes through, before the turn (<see cref="State.ConversationTurnRunner"/>:
/// state, analytics, errors): is the organisation it comes from (a Teams tenant, a Slack workspace) allowed to use
/// the coach? An empty list allows every one. A refusal is counted on coachbot.auth.rejections with
/// <see cref="RefusalReason"/>; what the caller is told is the channel's own protocol.
/// </summary>
public sealed class OrganizationAllowList
{
    private readonly HashSet<string> _allowed;
    private readonly string _channel;
    private readonly CoachBotMetrics _metrics;

    /// <param name="channel">The metric's channel tag ("botframework", "slack").</param>
    /// <param name="refusalReason">The metric's reason tag for a refusal ("TenantNotAllowed", "TeamNotAllowed").</param>
    /// <param name="comparer">How ids compare: Entra tenant ids are GUIDs in any case, Slack team ids are exact.</param>
    public OrganizationAllowList(string channel, string refusalReason, IEnumerable<string> allowed, StringComparer comparer, CoachBotMetrics? metrics = null)
    {
        _channel = channel;
        RefusalReason = refusalReason;
        _allowed = new HashSet<string>(allowed, comparer);
        _metrics = metrics ?? CoachBotMetrics.Unobserved;
    }

    public string RefusalReason { get; }

    /// <summary>True when <paramref name="organizationId"/> may use the coach; a refusal is counted.</summary>
    public bool Admits(string? organizationId)
    {
        if (_allowed.Count == 0 || organizationId is not null && _allowed.Contains(organizationId)) return true;
        _metrics.AuthRejected(_channel, RefusalReason);
        return false;
    }
}
