using System.Text.Json.Nodes;
using CoachBot.Core.Playbook;
using CoachBot.Core.State;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Durability;

/// <summary>Where a qualify dialog stands, as the seller sees it in the bot's replies to one turn.</summary>
public enum Seen
{
    /// <summary>The prompt of step "need".</summary>
    NeedPrompt,
    /// <summary>The prompt of step "change".</summary>
    ChangePrompt,
    /// <summary>The prompt of step "behavior-changes".</summary>
    BehaviorChangesPrompt,
    /// <summary>The prompt of step "labeled-data".</summary>
    LabeledDataPrompt,
    /// <summary>The fine-tuning recommendation (behavior need, volume change, stable behavior, labeled examples: rules.yaml).</summary>
    FineTuning,
    /// <summary>The "try again" answer of a store that cannot be reached.</summary>
    Unavailable,
    /// <summary>The "send that again" answer of a turn that lost every retry to concurrent turns.</summary>
    Busy,
    /// <summary>None of the above.</summary>
    Other,
}

/// <summary>Drives conversations over /api/messages (a real server process, or one in memory), with the connector fake catching replies.</summary>
public sealed class DialogProbe(ConnectorFake connector)
{
    public static readonly PlaybookContent Playbook = PlaybookLoader.LoadEmbedded();

    /// <summary>One pass through the qualify dialog that ends in fine-tuning, as typed answers (choice values).</summary>
    public static readonly IReadOnlyList<(string Text, Seen Then)> Script =
    [
        ("qualify", Seen.NeedPrompt),
        ("behavior", Seen.ChangePrompt),
        ("volume", Seen.BehaviorChangesPrompt),
        ("stable", Seen.LabeledDataPrompt),
        ("yes", Seen.FineTuning),
    ];

    public static ConversationKey KeyOf(string conversationId) => new("emulator:" + conversationId);

    public JsonObject Message(string conversationId, string text) => Activities.Message(connector.ServiceUrl, conversationId, text);

    /// <summary>
    /// POSTs one message to <paramref name="server"/>; null when no 200 came back (the process died, or the request
    /// failed), otherwise what the bot's replies to that message show.
    /// </summary>
    public async Task<Seen?> SayAsync(HttpClient server, string conversationId, string text)
    {
        var activity = Message(conversationId, text);
        try
        {
            using var response = await server.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            if (response.StatusCode != System.Net.HttpStatusCode.OK) return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
        return Classify(RepliesTo(activity));
    }

    /// <summary>POSTs one message to the in-process <paramref name="bot"/>, which must answer 200; what its replies show.</summary>
    public async Task<Seen> SayAsync(BotApp bot, string conversationId, string text)
    {
        var activity = Message(conversationId, text);
        var response = await bot.PostAsync(activity);
        Assert.Equal(200, response.Status);
        return Classify(RepliesTo(activity));
    }

    /// <summary>The messages the bot sent in reply to <paramref name="activity"/>.</summary>
    public IReadOnlyList<ConnectorRequest> RepliesTo(JsonObject activity) =>
        connector.MessagesIn((string)activity["conversation"]!["id"]!).Where(r => r.Path.EndsWith("/" + (string)activity["id"]!, StringComparison.Ordinal)).ToList();

    public static Seen Classify(IReadOnlyList<ConnectorRequest> replies)
    {
        if (replies.Any(r => r.Text == Core.State.ConversationTurnRunner.UnavailableReply.Text)) return Seen.Unavailable;
        if (replies.Any(r => r.Text == Core.State.ConversationTurnRunner.BusyReply.Text)) return Seen.Busy;
        if (replies.Any(r => Cards.Texts(r.Card).Contains(Playbook.Approach("fine-tuning").Headline))) return Seen.FineTuning;
        var step = replies.Select(r => r.Card)
            .SelectMany(c => Cards.Buttons(c).Select(b => (string?)b.Data["step"]))
            .LastOrDefault(s => s is not null);
        return step switch
        {
            "need" => Seen.NeedPrompt,
            "change" => Seen.ChangePrompt,
            "behavior-changes" => Seen.BehaviorChangesPrompt,
            "labeled-data" => Seen.LabeledDataPrompt,
            _ => Seen.Other,
        };
    }
}
