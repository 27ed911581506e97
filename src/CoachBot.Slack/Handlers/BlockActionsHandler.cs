using System.Text.Json.Nodes;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Background;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Inbound.Payloads;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Views;
using CoachBot.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachBot.Slack.Handlers;

/// <summary>
/// Button clicks. A dialog answer or card action becomes a coach turn (queued); "Post summary" opens the deal
/// summary modal at once, because its trigger_id expires three seconds after the click; "Post to channel" on a
/// private look-up, or on a phrase chosen in the phrase finder, posts the same answer to the channel.
/// </summary>
public sealed partial class BlockActionsHandler(
    SlackCoach coach, SlackWebApiClient api, SlackWorkQueue queue, PhraseFinderReplies phraseFinder, ILogger<BlockActionsHandler> logger)
    : ISlackInteractionHandler<BlockActionsPayload>
{
    public const string ModalFailedText = "I couldn't open the deal summary form. Please click the button again.";

    /// <summary>Slack's trigger_id is good for three seconds; past this the modal cannot open anyway.</summary>
    public static readonly TimeSpan ModalDeadline = TimeSpan.FromSeconds(2.5);

    public async Task<SlackAck?> HandleAsync(BlockActionsPayload payload, CancellationToken cancellationToken)
    {
        var action = payload.Action;
        var actionId = action?.ActionId;
        var value = action?.Value;
        var user = payload.User?.Id;
        if (actionId is null || user is null) return null;

        if (actionId == FindPhraseModal.PostActionId)
        {
            phraseFinder.Post(value, user, payload.ResponseUrl);
            return null;
        }
        if (actionId == SlackReplyRenderer.ShareActionId)
        {
            if (value is not null && payload.ResponseUrl is { } responseUrl) QueueShare(value, user, responseUrl);
            return null;
        }

        if (SlackReplyRenderer.ReadCommand(value) is not { } command) return null;
        if (command is CardCommand.PostSummary post)
        {
            await OpenDealSummaryModalAsync(payload, post, cancellationToken);
            return null;
        }

        var answered = command is CardCommand.Answer ? action!.Text?.Text : null;
        var blockId = action!.BlockId;
        queue.TryEnqueue(new SlackWorkItem("button turn", async (services, ct) =>
        {
            if (await SlackInteractionContext.ResolveAsync(payload, api, ct) is not { } route) return;
            if (answered is not null && blockId is not null) await MarkAnsweredAsync(payload.Message, route.Destination, blockId, user, answered, ct);
            var result = await coach.RunAsync(route.Key, Utterance.FromAction(command), ct);
            await services.GetRequiredService<SlackReplySender>().SendAsync(route.Destination, result.Replies, ct);
        }));
        return null;
    }

    private void QueueShare(string commandText, string user, string responseUrl) =>
        queue.TryEnqueue(new SlackWorkItem("share a look-up to the channel", async (_, ct) =>
        {
            var result = await coach.RunStatelessAsync(Utterance.FromText(commandText), ct);
            var message = SlackReplyRenderer.SharedBy(SlackReplyRenderer.RenderTurn(result.Replies)[0], user).ToJsonObject();
            message["response_type"] = "in_channel";
            message["replace_original"] = false;
            await api.PostToResponseUrlAsync(responseUrl, message, ct);
        }));

    private async Task OpenDealSummaryModalAsync(BlockActionsPayload payload, CardCommand.PostSummary post, CancellationToken cancellationToken)
    {
        var triggerId = payload.TriggerId;
        var recommendation = post.Recommendation;
        if (triggerId is null || string.IsNullOrEmpty(recommendation)) return;
        (Core.State.ConversationKey Key, SlackDestination Destination)? route = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ModalDeadline);
        try
        {
            route = await SlackInteractionContext.ResolveAsync(payload, api, deadline.Token);
            if (route is null) return;
            var request = new DealSummaryRequest(route.Value.Key, recommendation, route.Value.Destination);
            await api.OpenViewAsync(triggerId, DealSummaryModal.Build(request, accountName: null), deadline.Token);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException ||
                                   ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogModalFailed(ex);
            if (route is { } known)
            {
                queue.TryEnqueue(new SlackWorkItem("report a modal that did not open", (services, ct) =>
                    services.GetRequiredService<SlackReplySender>().SendAsync(known.Destination, [new TextReply(ModalFailedText)], ct)));
            }
        }
    }

    /// <summary>Replaces the answered prompt's buttons with the answer (chat.update, or response_url when ephemeral).</summary>
    private async Task MarkAnsweredAsync(InteractionMessage? message, SlackDestination destination, string blockId, string user, string choice, CancellationToken cancellationToken)
    {
        if (message is null) return;
        var updated = SlackReplyRenderer.WithChoiceMade(message.Blocks, message.Text, blockId, user, choice);
        try
        {
            switch (destination)
            {
                case ResponseUrlDestination response:
                    var json = updated.DeepClone().AsObject();
                    json["replace_original"] = true;
                    await api.PostToResponseUrlAsync(response.ResponseUrl, json, cancellationToken);
                    break;
                case ChannelDestination channel when message.Ts is { } ts:
                    await api.UpdateMessageAsync(channel.Channel, ts, updated, cancellationToken);
                    break;
            }
        }
        catch (SlackApiException ex)
        {
            // Cosmetic: the answer still counts when the old prompt cannot be edited (e.g. edit window closed).
            LogMarkAnsweredFailed(ex.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the deal summary modal")]
    private partial void LogModalFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not mark the answered prompt: {Error}")]
    private partial void LogMarkAnsweredFailed(string error);
}
