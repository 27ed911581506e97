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

namespace CoachBot.Slack.Handlers;

/// <summary>
/// Modal submissions. The phrase finder's is answered by <see cref="PhraseFinderReplies"/>. The deal summary's: missing
/// or bad inputs are shown inside the modal at once; otherwise the modal closes and the summary is posted to the chosen channel with chat.postMessage. The seller alone is then told
/// where it went, or, when Slack refuses because the bot is not in that channel, how to invite it, where they were
/// talking to the coach.
/// </summary>
public sealed class ViewSubmissionHandler(SlackCoach coach, SlackWorkQueue queue, PhraseFinderReplies phraseFinder) : ISlackInteractionHandler<ViewSubmissionPayload>
{
    public Task<SlackAck?> HandleAsync(ViewSubmissionPayload payload, CancellationToken cancellationToken)
    {
        var view = payload.View;
        if (view?.CallbackId == FindPhraseModal.CallbackId) return Task.FromResult(phraseFinder.Submit(payload));
        if (view?.CallbackId != DealSummaryModal.CallbackId) return Task.FromResult<SlackAck?>(null);

        var (submission, errors) = DealSummaryModal.ReadSubmission(view);
        if (errors is not null) return Task.FromResult<SlackAck?>(Errors(errors));
        if (DealSummaryModal.ReadRequest(view) is not { } request)
            return Task.FromResult<SlackAck?>(Errors(new JsonObject { [DealSummaryModal.AccountBlockId] = "This form is out of date. Close it and click “Post summary” again." }));

        var user = payload.User?.Id ?? "";
        queue.TryEnqueue(new SlackWorkItem($"post a deal summary from {request.Key}", (services, ct) =>
            PostAsync(services, request, submission!, user, ct)));
        return Task.FromResult<SlackAck?>(null);
    }

    private async Task PostAsync(
        IServiceProvider services, DealSummaryRequest request, DealSummarySubmission submission, string user, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<SlackReplySender>();
        var api = services.GetRequiredService<SlackWebApiClient>();
        var command = new CardCommand.PostSummary(request.Recommendation, AccountName: submission.AccountName);
        var result = await coach.RunAsync(request.Key, Utterance.FromAction(command), cancellationToken);

        var feedback = SlackReplyRenderer.RenderTurn(result.Replies.Where(r => r is not PostToDealChannel)).ToList();
        foreach (var post in result.Replies.OfType<PostToDealChannel>())
        {
            try
            {
                await api.PostMessageAsync(submission.Channel, SlackReplyRenderer.Render(post.Card).ToJsonObject(), cancellationToken: cancellationToken);
                feedback.Add(SlackReplyRenderer.Mrkdwn(
                    $"Posted the deal summary for {SlackReplyRenderer.Escape(post.AccountName)} to <#{submission.Channel}>."));
            }
            catch (SlackApiException ex) when (ex.IsChannelAccessError)
            {
                feedback.Add(SlackReplyRenderer.Mrkdwn(ChannelAccessAdvice(ex.Error, submission.Channel)));
            }
        }
        foreach (var message in feedback) await sender.SendPrivatelyAsync(request.Origin, user, message, cancellationToken);
    }

    /// <summary>What the seller can do about a channel the bot cannot post to (mrkdwn).</summary>
    public static string ChannelAccessAdvice(string error, string channel) => error switch
    {
        "not_in_channel" =>
            $"I couldn't post the deal summary to <#{channel}> because I'm not a member of it. Type `/invite @CoachBot` in that channel, then click “Post summary” again.",
        "is_archived" =>
            $"I couldn't post the deal summary to <#{channel}> because it is archived. Choose another channel.",
        _ =>
            "I couldn't find that channel. If it is private, type `/invite @CoachBot` in it first, then click “Post summary” again.",
    };

    private static SlackAck Errors(JsonObject errors) => SlackAck.From(new JsonObject { ["response_action"] = "errors", ["errors"] = errors });
}
