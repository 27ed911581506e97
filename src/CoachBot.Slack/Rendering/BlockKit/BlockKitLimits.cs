namespace CoachBot.Slack.Rendering.BlockKit;

/// <summary>Slack's documented Block Kit limits, in UTF-16 code units like Slack's own SDKs count them.</summary>
public static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    /// <summary>Blocks in a modal or the App Home tab.</summary>
    public const int SurfaceBlocks = 100;
    public const int HeaderText = 150;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int ActionsElements = 25;
    public const int ButtonText = 75;
    public const int ActionId = 255;
    public const int ButtonValue = 2000;
    /// <summary>Our cap for the top-level text: Slack accepts more, but it is a notification, not the message.</summary>
    public const int FallbackText = 3000;
}
