using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoachBot.Slack.Inbound.Payloads;

/// <summary>
/// An interactivity payload (the JSON in the form's payload field, or an interactive Socket Mode envelope). The fields
/// every kind shares are here; a type CoachBot does not handle (view_closed, say), or none, reads as this base record
/// and is acknowledged without being handled.
/// </summary>
[JsonPolymorphic(
    TypeDiscriminatorPropertyName = "type",
    UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToBaseType,
    IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(BlockActionsPayload), "block_actions")]
[JsonDerivedType(typeof(ViewSubmissionPayload), "view_submission")]
[JsonDerivedType(typeof(BlockSuggestionPayload), "block_suggestion")]
[JsonDerivedType(typeof(GlobalShortcutPayload), "shortcut")]
[JsonDerivedType(typeof(MessageShortcutPayload), "message_action")]
public record InteractionPayload
{
    public SlackUserRef? User { get; init; }
    /// <summary>Null for some org-wide (Enterprise Grid) installs; the user's team_id is then the workspace.</summary>
    public SlackTeamRef? Team { get; init; }
    public string? ApiAppId { get; init; }
    /// <summary>Opens a modal (views.open); good for three seconds, once.</summary>
    public string? TriggerId { get; init; }

    /// <summary>The workspace, for the allow-list.</summary>
    [JsonIgnore]
    public string? TeamId => Team?.Id ?? User?.TeamId;
}

/// <summary>block_actions: a button (or other element) clicked in a message, the Home tab or a modal.</summary>
public sealed record BlockActionsPayload : InteractionPayload
{
    public InteractionContainer? Container { get; init; }
    public SlackChannelRef? Channel { get; init; }
    /// <summary>The message the button was in; absent for ephemeral messages and views.</summary>
    public InteractionMessage? Message { get; init; }
    public SlackViewInfo? View { get; init; }
    public IReadOnlyList<BlockAction>? Actions { get; init; }
    public string? ResponseUrl { get; init; }

    /// <summary>Slack sends one action per click.</summary>
    [JsonIgnore]
    public BlockAction? Action => Actions is { Count: > 0 } actions ? actions[0] : null;
}

/// <summary>view_submission: a modal's submit button.</summary>
public sealed record ViewSubmissionPayload : InteractionPayload
{
    public SlackViewInfo? View { get; init; }
    /// <summary>One per input in the view marked response_url_enabled (a conversation picker): where to answer.</summary>
    public IReadOnlyList<ViewResponseUrl>? ResponseUrls { get; init; }
}

/// <summary>block_suggestion: the seller typing into an external_select; answered with the options to list.</summary>
public sealed record BlockSuggestionPayload : InteractionPayload
{
    public string? ActionId { get; init; }
    public string? BlockId { get; init; }
    /// <summary>What the seller has typed so far.</summary>
    public string? Value { get; init; }
    public SlackViewInfo? View { get; init; }
}

/// <summary>shortcut: a global shortcut chosen from the shortcuts menu or the search bar.</summary>
public sealed record GlobalShortcutPayload : InteractionPayload
{
    public string? CallbackId { get; init; }
}

/// <summary>message_action: a message shortcut chosen from a message's menu.</summary>
public sealed record MessageShortcutPayload : InteractionPayload
{
    public string? CallbackId { get; init; }
    public SlackChannelRef? Channel { get; init; }
    public InteractionMessage? Message { get; init; }
    public string? ResponseUrl { get; init; }
}

public sealed record SlackUserRef(string? Id, string? Username, string? TeamId);

public sealed record SlackTeamRef(string? Id, string? Domain);

public sealed record SlackChannelRef(string? Id, string? Name);

/// <summary>Where the clicked element was: a message (in a channel, maybe ephemeral) or a view.</summary>
public sealed record InteractionContainer(string? Type, string? ChannelId, string? MessageTs, string? ThreadTs, bool? IsEphemeral, string? ViewId);

/// <summary>
/// A message as Slack delivered it with an interaction. Its blocks stay JSON: the bot only copies them back, with one
/// block replaced, when it marks a prompt answered.
/// </summary>
public sealed record InteractionMessage(string? Ts, string? ThreadTs, string? Text, string? User, string? BotId, JsonElement? Blocks);

/// <summary>One clicked element: its ids, the value it carries and, for a button, its label.</summary>
public sealed record BlockAction(string? Type, string? ActionId, string? BlockId, string? Value, SlackTextObject? Text, SlackOption? SelectedOption);

/// <summary>A text object (plain_text or mrkdwn).</summary>
public sealed record SlackTextObject(string? Type, string? Text);

/// <summary>A select menu's option.</summary>
public sealed record SlackOption(SlackTextObject? Text, string? Value);

/// <summary>A view as an interaction carries it: what identifies it and, on submission, the inputs' values.</summary>
public sealed record SlackViewInfo(string? Id, string? Type, string? CallbackId, string? PrivateMetadata, string? Hash, SlackViewState? State);

/// <summary>Input values by block id, then action id.</summary>
public sealed record SlackViewState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, SlackInputValue>>? Values)
{
    public SlackInputValue? Get(string blockId, string actionId) =>
        Values is not null && Values.TryGetValue(blockId, out var block) && block is not null && block.TryGetValue(actionId, out var value) ? value : null;
}

/// <summary>One input's value; which field is set depends on the element's type.</summary>
public sealed record SlackInputValue(string? Type, string? Value, string? SelectedConversation, string? SelectedChannel, SlackOption? SelectedOption);

/// <summary>A response_url for a response_url_enabled input, and the conversation it answers in.</summary>
public sealed record ViewResponseUrl(string? BlockId, string? ActionId, string? ChannelId, string? ResponseUrl);
