namespace CoachBot.Core.Cards;

/// <summary>
/// How long playbook text may be, whatever channel shows it. Each limit is no larger than the smallest limit any
/// channel puts on the place that text is shown (Slack's Block Kit is the tightest; Adaptive Cards have no length
/// limits of their own); each channel's tests check that its own limits cover these.
/// </summary>
public static class ContentLimits
{
    /// <summary>
    /// A button's text: a choice's label or short answer. The button shows it after the choice's number ("12. ", see
    /// <see cref="PromptActions"/>), so the tightest button limit (Slack's 75) less that room.
    /// </summary>
    public const int ButtonText = 70;

    /// <summary>A card's title: a recommendation card is titled with its approach's headline.</summary>
    public const int Headline = 150;

    /// <summary>Any other text a reader sees, which is shown as (part of) a paragraph.</summary>
    public const int Text = 2900;

    /// <summary>The room a paragraph keeps beyond <see cref="Text"/> for the label and markup a renderer adds.</summary>
    public const int ParagraphMargin = 100;
}
