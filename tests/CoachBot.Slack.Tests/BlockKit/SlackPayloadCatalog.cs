using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.State;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Handlers;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Views;

namespace CoachBot.Slack.Tests.BlockKit;

public enum SlackSurface { Message, Modal, Home, Options }

public sealed record CatalogPayload(string Name, SlackSurface Surface, JsonObject Json);

/// <summary>
/// Every kind of Slack payload the bot sends, produced the way the bot produces them: the coach's answers to
/// commands and look-ups, every path through the qualify dialog (buttons) with every card action on the way,
/// the deal summary, and the adapter's own messages, the modal and the Home tab.
/// </summary>
public static class SlackPayloadCatalog
{
    private const int MaxDialogTurns = 400;

    public static IReadOnlyList<CatalogPayload> Build(Coach coach)
    {
        var payloads = new List<CatalogPayload>();
        var seen = new HashSet<string>();
        void AddTurn(string name, IReadOnlyList<Reply> replies)
        {
            foreach (var message in SlackReplyRenderer.RenderTurn(replies)) Add(name, SlackSurface.Message, message.ToJsonObject());
        }
        void Add(string name, SlackSurface surface, JsonObject json)
        {
            // Identical payloads are checked once.
            if (seen.Add(json.ToJsonString())) payloads.Add(new CatalogPayload($"{payloads.Count:D3}-{name}", surface, json));
        }

        foreach (var text in TypedTexts(coach))
        {
            var result = coach.TurnSync(DialogState.Empty, Utterance.FromText(text));
            AddTurn("text", result.Replies);
            var answer = SlackReplyRenderer.RenderTurn(result.Replies)[0];
            Add("shareable", SlackSurface.Message,
                JsonNode.Parse(SlackReplyRenderer.Acknowledge(SlackReplyRenderer.WithShareButton(answer, text), "ephemeral").Json)!.AsObject());
            Add("shared", SlackSurface.Message, SlackReplyRenderer.SharedBy(answer, "U1").ToJsonObject());
        }

        ExploreDialog(coach, AddTurn, Add);

        var key = SlackConversationKeys.ForThread("T1", "C1", "1700000000.000100");
        Add("modal", SlackSurface.Modal, DealSummaryModal.Build(new DealSummaryRequest(key, "rag", new ChannelDestination("C1", "1700000000.000100")), "Acme Corp"));
        Add("modal-response-url", SlackSurface.Modal, DealSummaryModal.Build(
            new DealSummaryRequest(key, "fine-tuning", new ResponseUrlDestination("https://hooks.slack.com/actions/T1/1/abc")), null));
        Add("home", SlackSurface.Home, AppHomeView.Build(coach));
        AddPhraseFinder(coach, Add);
        foreach (var error in new[] { "not_in_channel", "channel_not_found", "is_archived" })
            Add("advice", SlackSurface.Message, SlackReplyRenderer.Mrkdwn(ViewSubmissionHandler.ChannelAccessAdvice(error, "C9")).ToJsonObject());
        return payloads;
    }

    /// <summary>
    /// The phrase finder: its modal from either shortcut, the options answered while typing (every phrase, and what a
    /// look-up for each phrase's tags and a buyer's sentence finds), and each phrase as shown privately and as shared.
    /// </summary>
    private static void AddPhraseFinder(Coach coach, Action<string, SlackSurface, JsonObject> add)
    {
        var buyer = "coach: our CIO wants to fine-tune a model on our policies so it answers staff questions";
        var best = coach.LookupAsync(buyer).GetAwaiter().GetResult().Matches[0].Phrase;
        add("finder-modal", SlackSurface.Modal, FindPhraseModal.Build(new FindPhraseContext(null, null), null));
        add("finder-modal-message", SlackSurface.Modal, FindPhraseModal.Build(new FindPhraseContext(buyer + " <@U9> & more", "C1"), best));
        add("finder-options-all", SlackSurface.Options, FindPhraseModal.Options(coach.Playbook.Phrases));
        add("finder-options-none", SlackSurface.Options, FindPhraseModal.Options([]));
        foreach (var query in coach.Playbook.Phrases.SelectMany(p => p.Tags.Take(1)).Append(buyer).Distinct())
        {
            var matches = coach.LookupAsync(query).GetAwaiter().GetResult().Matches.Select(m => m.Phrase);
            add("finder-options", SlackSurface.Options, FindPhraseModal.Options(matches));
        }
        foreach (var phrase in coach.Playbook.Phrases)
        {
            add("finder-answer", SlackSurface.Message, FindPhraseModal.Answer(coach, phrase, withPostButton: true).ToJsonObject());
            add("finder-shared", SlackSurface.Message, SlackReplyRenderer.SharedBy(FindPhraseModal.Answer(coach, phrase, withPostButton: false), "U1").ToJsonObject());
        }
    }

    /// <summary>What a seller types: commands, a look-up for every phrase's tags, definitions, buyer's words and nonsense.</summary>
    private static IEnumerable<string> TypedTexts(Coach coach)
    {
        string[] commands = ["help", "hi", "prep", "qualify", "cancel", "back", "start over", "zzqx blorf", "?"];
        var tags = coach.Playbook.Phrases.SelectMany(p => p.Tags.Take(1).Concat(p.Synonyms.Take(1))).Distinct().Select(t => "say " + t);
        var terms = coach.Playbook.Glossary.Select(g => "what is " + g.Term);
        string[] buyers =
        [
            "coach: our CIO wants to fine-tune a model on our policies so it answers staff questions",
            "coach: the model should always answer in our brand voice and format",
            "coach: they want to train their own model from scratch",
        ];
        return commands.Concat(tags).Concat(terms).Concat(buyers);
    }

    /// <summary>Depth-first over every button of every prompt and card, from "qualify" to each recommendation.</summary>
    private static void ExploreDialog(Coach coach, Action<string, IReadOnlyList<Reply>> addTurn, Action<string, SlackSurface, JsonObject> add)
    {
        var start = coach.TurnSync(DialogState.Empty, Utterance.FromText("qualify"));
        var pending = new Stack<(DialogState State, IReadOnlyList<Reply> Replies)>();
        pending.Push((start.State, start.Replies));
        var visitedStates = new HashSet<string>();
        var turns = 0;
        while (pending.Count > 0 && turns < MaxDialogTurns)
        {
            var (state, replies) = pending.Pop();
            addTurn("dialog", replies);
            var delivered = SlackReplyRenderer.RenderTurn(replies)[0].ToJsonObject();
            foreach (var (command, title) in Actions(replies))
            {
                if (command is CardCommand.PostSummary post)
                {
                    var withAccount = post with { AccountName = "Acme Corp" };
                    var summary = coach.TurnSync(state with { AccountName = "Acme Corp" }, Utterance.FromAction(withAccount));
                    addTurn("summary", summary.Replies);
                    continue;
                }
                var next = coach.TurnSync(state, Utterance.FromAction(command));
                turns++;
                if (command is CardCommand.Answer)
                    add("answered", SlackSurface.Message, MarkAnswered(delivered, title));
                var fingerprint = JsonSerializer.Serialize(next.State with { LastActivity = null, Answers = new SortedDictionary<string, string>(next.State.Answers.ToDictionary()) });
                if (visitedStates.Add(fingerprint)) pending.Push((next.State, next.Replies));
                else addTurn("action", next.Replies);
            }
        }
    }

    private static IEnumerable<(CardCommand Command, string Title)> Actions(IReadOnlyList<Reply> replies) =>
        SlackReplyRenderer.RenderTurn(replies)
            .SelectMany(m => m.ToJsonObject()["blocks"]!.AsArray())
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => (SlackReplyRenderer.ReadCommand(e!["value"]!.GetValue<string>())!, e["text"]!["text"]!.GetValue<string>()))
            .Where(a => a.Item1 is not null);

    private static JsonObject MarkAnswered(JsonObject message, string choice)
    {
        var blocks = message["blocks"]!.DeepClone().AsArray();
        var i = 0;
        foreach (var block in blocks) block!["block_id"] = $"b{i++}";
        var actions = blocks.Last(b => b!["type"]!.GetValue<string>() == "actions")!["block_id"]!.GetValue<string>();
        using var delivered = JsonDocument.Parse(blocks.ToJsonString());
        return SlackReplyRenderer.WithChoiceMade(delivered.RootElement, message["text"]!.GetValue<string>(), actions, "U1", choice);
    }
}
