using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Core.State;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Inbound.Payloads;
using CoachBot.Slack.Rendering;

namespace CoachBot.Slack.Views;

/// <summary>What the deal-summary modal carries from the click that opened it to its submission.</summary>
public sealed record DealSummaryRequest(ConversationKey Key, string Recommendation, SlackDestination Origin);

/// <summary>The seller's answers in the modal, or the errors to show beside its inputs.</summary>
public sealed record DealSummarySubmission(string Channel, string AccountName);

/// <summary>
/// The modal that asks where to post a deal summary (a channel picker) and for which account. The conversation
/// it belongs to travels in private_metadata, so the submission needs no server-side session.
/// </summary>
public static class DealSummaryModal
{
    public const string CallbackId = "coachbot.dealSummary";
    public const string ChannelBlockId = "channel";
    public const string AccountBlockId = "account";
    public const int MaxAccountNameLength = 80;

    public static JsonObject Build(DealSummaryRequest request, string? accountName)
    {
        var accountInput = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = AccountBlockId,
            ["max_length"] = MaxAccountNameLength,
            ["placeholder"] = SlackReplyRenderer.PlainText("e.g. Acme Corp"),
        };
        if (!string.IsNullOrWhiteSpace(accountName)) accountInput["initial_value"] = accountName;

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = SlackReplyRenderer.PlainText("Post deal summary"),
            ["submit"] = SlackReplyRenderer.PlainText("Post"),
            ["close"] = SlackReplyRenderer.PlainText("Cancel"),
            ["private_metadata"] = new JsonObject
            {
                ["key"] = request.Key.Value,
                ["recommendation"] = request.Recommendation,
                ["origin"] = request.Origin.ToJson(),
            }.ToJsonString(),
            ["blocks"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "input",
                    ["block_id"] = ChannelBlockId,
                    ["label"] = SlackReplyRenderer.PlainText("Deal channel"),
                    ["element"] = new JsonObject
                    {
                        ["type"] = "conversations_select",
                        ["action_id"] = ChannelBlockId,
                        ["default_to_current_conversation"] = true,
                        ["filter"] = new JsonObject { ["include"] = new JsonArray("public", "private") },
                    },
                },
                new JsonObject
                {
                    ["type"] = "input",
                    ["block_id"] = AccountBlockId,
                    ["label"] = SlackReplyRenderer.PlainText("Account name"),
                    ["element"] = accountInput,
                },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray
                    {
                        new JsonObject { ["type"] = "mrkdwn", ["text"] = "CoachBot must be a member of the channel. If it isn't, type `/invite @CoachBot` there first." },
                    },
                },
            },
        };
    }

    /// <summary>The request the view was opened for, or null when its metadata is not ours.</summary>
    public static DealSummaryRequest? ReadRequest(SlackViewInfo view)
    {
        try
        {
            var metadata = JsonNode.Parse(view.PrivateMetadata ?? "");
            var key = metadata?["key"]?.GetValue<string>();
            var recommendation = metadata?["recommendation"]?.GetValue<string>();
            var origin = SlackDestination.FromJson(metadata?["origin"]);
            return key is { Length: > 0 } && recommendation is { Length: > 0 } && origin is not null
                ? new DealSummaryRequest(new ConversationKey(key), recommendation, origin)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The submitted values, or the inline errors (block id -> message) Slack shows beside the inputs.</summary>
    public static (DealSummarySubmission? Submission, JsonObject? Errors) ReadSubmission(SlackViewInfo view)
    {
        var channel = view.State?.Get(ChannelBlockId, ChannelBlockId)?.SelectedConversation;
        var account = view.State?.Get(AccountBlockId, AccountBlockId)?.Value?.Trim();

        var errors = new JsonObject();
        if (string.IsNullOrEmpty(channel)) errors[ChannelBlockId] = "Choose the deal channel to post to.";
        if (string.IsNullOrEmpty(account)) errors[AccountBlockId] = "Give the account name to show on the summary.";
        else if (account.Length > MaxAccountNameLength || account.Any(char.IsControl))
            errors[AccountBlockId] = $"Use at most {MaxAccountNameLength} characters, on one line.";
        return errors.Count > 0 ? (null, errors) : (new DealSummarySubmission(channel!, account!), null);
    }
}
