using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Lookup;
using CoachBot.Core.Playbook;
using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.Slack.Inbound.Payloads;
using CoachBot.Slack.Rendering;

namespace CoachBot.Slack.Views;

/// <summary>What the phrase finder modal carries from the shortcut that opened it: the buyer's words, when it was a message shortcut.</summary>
public sealed record FindPhraseContext(string? BuyerText, string? Channel);

/// <summary>
/// The phrase finder: a modal whose search field is an external_select (Slack asks the request URL for its options
/// as the seller types, a block_suggestion), and a conversation picker that gives the submission a response_url, so
/// the chosen phrase is shown privately where the seller is, with a "Post to channel" button.
/// </summary>
public static class FindPhraseModal
{
    public const string CallbackId = "coachbot.findPhrase";
    /// <summary>The shortcuts' callback ids, as in the app manifest.</summary>
    public const string GlobalShortcutId = "coachbot.findPhrase";
    public const string MessageShortcutId = "coachbot.findPhraseForMessage";
    public const string PhraseBlockId = "phrase";
    public const string ConversationBlockId = "conversation";
    /// <summary>The button on the private answer that posts the phrase for everyone; its value is the phrase id.</summary>
    public const string PostActionId = "coachbot.postPhrase";

    /// <summary>Slack's limits for an options answer (block_suggestion) and for a modal's private_metadata.</summary>
    public const int MaxOptions = 100;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int MaxBuyerText = 1500;
    private const int QuotedBuyerText = 300;

    public static JsonObject Build(FindPhraseContext context, Phrase? bestMatch)
    {
        var search = new JsonObject
        {
            ["type"] = "external_select",
            ["action_id"] = PhraseBlockId,
            ["placeholder"] = SlackReplyRenderer.PlainText("Type what the buyer said, e.g. cost"),
            // 0: Slack asks for options as soon as the menu opens, so a message shortcut lists the matches for the
            // buyer's words before the seller types anything.
            ["min_query_length"] = 0,
            ["focus_on_load"] = true,
        };
        if (bestMatch is not null) search["initial_option"] = Option(bestMatch);

        var conversation = new JsonObject
        {
            ["type"] = "conversations_select",
            ["action_id"] = ConversationBlockId,
            ["default_to_current_conversation"] = true,
            // The submission then carries a response_url for the chosen conversation: the private answer goes there.
            ["response_url_enabled"] = true,
        };
        if (context.Channel is { Length: > 0 } channel) conversation["initial_conversation"] = channel;

        var blocks = new JsonArray();
        if (context.BuyerText is { Length: > 0 } buyer)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = "*The buyer said:* " + SlackReplyRenderer.Escape(Cut(buyer, QuotedBuyerText)) }),
            });
        }
        blocks.Add(new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = PhraseBlockId,
            ["label"] = SlackReplyRenderer.PlainText("What to say"),
            ["element"] = search,
        });
        blocks.Add(new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = ConversationBlockId,
            ["label"] = SlackReplyRenderer.PlainText("Show it to me in"),
            ["hint"] = SlackReplyRenderer.PlainText("Only you see the phrase there until you click \u201cPost to channel\u201d."),
            ["element"] = conversation,
        });

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = SlackReplyRenderer.PlainText("Find a phrase"),
            ["submit"] = SlackReplyRenderer.PlainText("Show"),
            ["close"] = SlackReplyRenderer.PlainText("Cancel"),
            ["private_metadata"] = context.BuyerText is { Length: > 0 } words ? Cut(words, MaxBuyerText) : "",
            ["blocks"] = blocks,
        };
    }

    /// <summary>The buyer's words the modal was opened for ("" for the global shortcut).</summary>
    public static string BuyerText(SlackViewInfo? view) => view?.PrivateMetadata ?? "";

    /// <summary>The answer to a block_suggestion: the phrases as options, within Slack's limits.</summary>
    public static JsonObject Options(IEnumerable<Phrase> phrases)
    {
        var options = new JsonArray();
        foreach (var phrase in phrases.Where(p => p.Id.Length <= OptionValue).Take(MaxOptions)) options.Add(Option(phrase));
        return new JsonObject { ["options"] = options };
    }

    /// <summary>A phrase as a menu option: the do-say line (what the seller will read out), keyed by the phrase id.</summary>
    public static JsonObject Option(Phrase phrase) => new()
    {
        ["text"] = SlackReplyRenderer.PlainText(Cut(phrase.DoSay, OptionText)),
        ["value"] = phrase.Id,
    };

    /// <summary>The chosen phrase id and the response_url for the chosen conversation (null when Slack sent none).</summary>
    public static (string? PhraseId, string? ResponseUrl) ReadSubmission(ViewSubmissionPayload submission) =>
        (submission.View?.State?.Get(PhraseBlockId, PhraseBlockId)?.SelectedOption?.Value,
         submission.ResponseUrls?.FirstOrDefault(r => r.BlockId == ConversationBlockId && r.ResponseUrl is { Length: > 0 })?.ResponseUrl);

    /// <summary>The phrase as the coach shows a look-up (don't say, do say, why), and for the seller alone a button to post it.</summary>
    public static SlackMessage Answer(Coach coach, Phrase phrase, bool withPostButton)
    {
        var card = coach.Cards.Phrases(new LookupResult(phrase.Tags.FirstOrDefault() ?? phrase.Id, [new PhraseMatch(phrase, 1)], []));
        var message = SlackReplyRenderer.Render(card);
        if (!withPostButton) return message;
        var blocks = message.Blocks ?? [];
        return message with { Blocks = [.. blocks, new ActionsBlock([new ButtonElement(new PlainText("Post to channel"), PostActionId, phrase.Id)])] };
    }

    /// <summary>Text cut to <paramref name="max"/> characters with an ellipsis, never inside a surrogate pair.</summary>
    private static string Cut(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max) return text;
        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep).TrimEnd(), "\u2026");
    }
}
