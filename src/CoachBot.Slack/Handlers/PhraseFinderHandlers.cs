using System.Text.Json.Nodes;
using CoachBot.Core.Playbook;
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
/// The phrase look-up behind the phrase finder modal: the same one every channel uses (the coach's understanding),
/// bounded in time, because Slack shows nothing for an options request or a trigger_id answered after three seconds.
/// </summary>
public sealed partial class SlackPhraseFinder(SlackCoach coach, SlackWebApiClient api, ILogger<SlackPhraseFinder> logger)
{
    /// <summary>Slack's window is three seconds for both; past this the answer would not be shown anyway.</summary>
    public static TimeSpan Deadline => BlockActionsHandler.ModalDeadline;

    /// <summary>
    /// Phrases matching <paramref name="query"/>, best first; with no query, the ones matching the buyer's words the
    /// modal was opened for, or else the whole phrase table. Empty when the look-up overruns the deadline.
    /// </summary>
    public async Task<IReadOnlyList<Phrase>> MatchesAsync(string query, string buyerText, CancellationToken cancellationToken)
    {
        var text = query.Trim() is { Length: > 0 } typed ? typed : buyerText.Trim();
        if (text.Length == 0) return coach.Coach.Playbook.Phrases;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            return [.. (await coach.Coach.LookupAsync(text, deadline.Token)).Matches.Select(m => m.Phrase)];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogLookupTooSlow(text.Length);
            return [];
        }
    }

    /// <summary>Opens the modal with the trigger_id; a failure is logged (the seller sees Slack's own error and can retry).</summary>
    public async Task OpenAsync(string triggerId, FindPhraseContext context, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var best = context.BuyerText is { Length: > 0 } buyer ? (await MatchesAsync(buyer, "", deadline.Token)).FirstOrDefault() : null;
            await api.OpenViewAsync(triggerId, FindPhraseModal.Build(context, best), deadline.Token);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException ||
                                   ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogModalFailed(ex);
        }
    }

    public Phrase? Find(string? id) => id is null ? null : coach.Coach.Playbook.Phrases.FirstOrDefault(p => p.Id == id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A phrase look-up for the Slack phrase finder ({Length} characters) overran Slack's deadline")]
    private partial void LogLookupTooSlow(int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the phrase finder modal")]
    private partial void LogModalFailed(Exception exception);
}

/// <summary>The "Find a phrase" global shortcut: opens the phrase finder.</summary>
public sealed class GlobalShortcutHandler(SlackPhraseFinder finder) : ISlackInteractionHandler<GlobalShortcutPayload>
{
    public async Task<SlackAck?> HandleAsync(GlobalShortcutPayload payload, CancellationToken cancellationToken)
    {
        if (payload.CallbackId == FindPhraseModal.GlobalShortcutId && payload.TriggerId is { Length: > 0 } trigger)
            await finder.OpenAsync(trigger, new FindPhraseContext(null, null), cancellationToken);
        return null;
    }
}

/// <summary>The message shortcut on a buyer's message: opens the phrase finder with that message's words.</summary>
public sealed class MessageShortcutHandler(SlackPhraseFinder finder) : ISlackInteractionHandler<MessageShortcutPayload>
{
    public async Task<SlackAck?> HandleAsync(MessageShortcutPayload payload, CancellationToken cancellationToken)
    {
        if (payload.CallbackId == FindPhraseModal.MessageShortcutId && payload.TriggerId is { Length: > 0 } trigger)
        {
            var words = SlackMention.Pattern().Replace(payload.Message?.Text ?? "", " ").Trim();
            await finder.OpenAsync(trigger, new FindPhraseContext(words, payload.Channel?.Id), cancellationToken);
        }
        return null;
    }
}

/// <summary>The seller typing in the phrase finder's search field: answered with the matching phrases as options.</summary>
public sealed class BlockSuggestionHandler(SlackPhraseFinder finder) : ISlackInteractionHandler<BlockSuggestionPayload>
{
    public async Task<SlackAck?> HandleAsync(BlockSuggestionPayload payload, CancellationToken cancellationToken)
    {
        if (payload.View?.CallbackId != FindPhraseModal.CallbackId || payload.ActionId != FindPhraseModal.PhraseBlockId)
            return SlackAck.From(FindPhraseModal.Options([]));
        var phrases = await finder.MatchesAsync(payload.Value ?? "", FindPhraseModal.BuyerText(payload.View), cancellationToken);
        return SlackAck.From(FindPhraseModal.Options(phrases));
    }
}

/// <summary>
/// The phrase finder's submission and its "Post to channel" button, called by the view_submission and block_actions
/// handlers (one handler per payload kind routes by callback or action id).
/// </summary>
public sealed class PhraseFinderReplies(SlackPhraseFinder finder, SlackCoach coach, SlackWorkQueue queue)
{
    public const string StaleText = "That phrase is no longer in the playbook. Search again.";

    /// <summary>
    /// Closes the modal and shows the chosen phrase to the seller alone: through the response_url of the chosen
    /// conversation (ephemeral there), or in their DM when Slack sent none.
    /// </summary>
    public SlackAck? Submit(ViewSubmissionPayload payload)
    {
        var (phraseId, responseUrl) = FindPhraseModal.ReadSubmission(payload);
        if (finder.Find(phraseId) is not { } phrase)
            return SlackAck.From(new JsonObject
            {
                ["response_action"] = "errors",
                ["errors"] = new JsonObject { [FindPhraseModal.PhraseBlockId] = StaleText },
            });
        var user = payload.User?.Id;
        var answer = FindPhraseModal.Answer(coach.Coach, phrase, withPostButton: true);
        queue.TryEnqueue(new SlackWorkItem($"show phrase {phrase.Id} privately", async (services, ct) =>
        {
            var sender = services.GetRequiredService<SlackReplySender>();
            if (responseUrl is not null) await sender.SendAsync(new ResponseUrlDestination(responseUrl), answer, ct);
            else if (user is not null)
            {
                var dm = await services.GetRequiredService<SlackWebApiClient>().OpenConversationAsync(user, ct);
                await sender.SendAsync(new ChannelDestination(dm, null), answer, ct);
            }
        }));
        return null;
    }

    /// <summary>"Post to channel" on the private answer: the same phrase, for everyone, attributed to the seller.</summary>
    public void Post(string? phraseId, string user, string? responseUrl)
    {
        if (finder.Find(phraseId) is not { } phrase || responseUrl is null) return;
        queue.TryEnqueue(new SlackWorkItem($"post phrase {phrase.Id} to the channel", (services, ct) =>
        {
            var message = SlackReplyRenderer.SharedBy(FindPhraseModal.Answer(coach.Coach, phrase, withPostButton: false), user).ToJsonObject();
            message["response_type"] = "in_channel";
            message["replace_original"] = false;
            return services.GetRequiredService<SlackWebApiClient>().PostToResponseUrlAsync(responseUrl, message, ct);
        }));
    }
}
