namespace CoachBot.Core.Cards;

/// <summary>Fixed wording the renderers add around card content, shared so every channel says the same.</summary>
public static class CardLabels
{
    public const string DontSay = "Don't say";
    public const string DoSay = "Do say";
    public const string Why = "Why";
}
