using System.Text.Json.Nodes;
using CoachBot.BotFramework.Schema;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Rendering;

namespace CoachBot.BotFramework.Rendering;

/// <summary>Turns the coach's replies into Bot Framework activities: text as text, cards and prompts as Adaptive Cards.</summary>
public sealed class ReplyActivities(AdaptiveCardRenderer renderer)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>An outbound message for <paramref name="reply"/>, addressed as a reply to <paramref name="inbound"/>.</summary>
    public Activity ToActivity(Reply reply, Activity inbound) => reply switch
    {
        TextReply text => ReplyTo(inbound, new Activity { Type = ActivityTypes.Message, Text = text.Text }),
        CardReply card => CardMessage(inbound, card.Card),
        ChoicePrompt prompt => ReplyTo(inbound, new Activity
        {
            Type = ActivityTypes.Message,
            Summary = prompt.Prompt,
            Attachments = [CardAttachment(renderer.Render(prompt))],
        }),
        // The handler decides where a deal summary goes; rendered here it is just its card.
        PostToDealChannel post => CardMessage(inbound, post.Card),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown reply kind."),
    };

    public Activity CardMessage(Activity inbound, CoachCard card) => ReplyTo(inbound, CardActivity(card));

    /// <summary>A message holding <paramref name="card"/>, not yet addressed.</summary>
    public Activity CardActivity(CoachCard card) => new()
    {
        Type = ActivityTypes.Message,
        Summary = card.Summary,
        Attachments = [CardAttachment(Render(card))],
    };

    public JsonObject Render(CoachCard card) => renderer.Render(card);

    public JsonObject Render(ChoicePrompt prompt) => renderer.Render(prompt);

    public static Attachment CardAttachment(JsonObject card) => new() { ContentType = AdaptiveCardContentType, Content = card };

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
