using System.Text.Json.Nodes;
using CoachBot.BotFramework.Schema;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.BotFramework.Rendering.AdaptiveCards;

namespace CoachBot.BotFramework.Rendering;

/// <summary>
/// Turns the coach's replies into Bot Framework activities: text as text, cards and prompts as Adaptive Cards.
/// Teams gets Action.Execute buttons (answered as adaptiveCard/action invokes, so a card can be refreshed in
/// place); every other host (Web Chat, the Emulator) gets Action.Submit, which they all support.
/// </summary>
public sealed class ReplyActivities
{
    public const string AdaptiveCardContentType = AdaptiveCardAttachment.AdaptiveCardContentType;
    private readonly AdaptiveCardRenderer _submit = new(AdaptiveActionKind.Submit);
    private readonly AdaptiveCardRenderer _execute = new(AdaptiveActionKind.Execute);

    /// <summary>An outbound message for <paramref name="reply"/>, addressed as a reply to <paramref name="inbound"/>.</summary>
    public Activity ToActivity(Reply reply, Activity inbound) => reply switch
    {
        TextReply text => ReplyTo(inbound, new Activity { Type = ActivityTypes.Message, Text = text.Text }),
        CardReply card => CardMessage(inbound, card.Card),
        ChoicePrompt prompt => ReplyTo(inbound, new Activity
        {
            Type = ActivityTypes.Message,
            Summary = prompt.Prompt,
            Attachments = [CardAttachment(RendererFor(inbound.ChannelId).Render(prompt))],
        }),
        // The handler decides where a deal summary goes; rendered here it is just its card.
        PostToDealChannel post => CardMessage(inbound, post.Card),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown reply kind."),
    };

    public Activity CardMessage(Activity inbound, CoachCard card) => ReplyTo(inbound, CardActivity(card, inbound.ChannelId));

    /// <summary>A message holding <paramref name="card"/> with buttons for <paramref name="channelId"/>, not yet addressed.</summary>
    public Activity CardActivity(CoachCard card, string? channelId) => new()
    {
        Type = ActivityTypes.Message,
        Summary = card.Summary,
        Attachments = [CardAttachment(RendererFor(channelId).Render(card))],
    };

    /// <summary>A one-line card saying <paramref name="text"/>, to stand in for a card that has been answered.</summary>
    public JsonObject NoticeCard(string text, string? channelId) =>
        RendererFor(channelId).Render(new CoachCard("notice", text, [], [])).ToJsonObject();

    private AdaptiveCardRenderer RendererFor(string? channelId) => channelId == Channels.Teams ? _execute : _submit;

    private static Attachment CardAttachment(AdaptiveCard card) => new() { ContentType = AdaptiveCardContentType, Content = card.ToJsonObject() };

    /// <summary>Addresses <paramref name="outbound"/> as a reply to <paramref name="inbound"/> (same conversation, roles swapped).</summary>
    public static Activity ReplyTo(Activity inbound, Activity outbound)
    {
        outbound.ChannelId = inbound.ChannelId;
        outbound.ServiceUrl = inbound.ServiceUrl;
        outbound.Conversation = inbound.Conversation is null ? null : new ConversationAccount { Id = inbound.Conversation.Id, TenantId = inbound.Conversation.TenantId };
        outbound.From = inbound.Recipient;
        outbound.Recipient = inbound.From;
        outbound.ReplyToId = inbound.Id;
        outbound.Locale = inbound.Locale;
        return outbound;
    }
}
