using CoachBot.Core.Playbook;
using CoachBot.Server.Tests.Fakes;

namespace CoachBot.Server.Tests.Conversation;

/// <summary>The whole qualify dialog over /api/messages, as Web Chat and the Emulator drive it (Action.Submit).</summary>
public sealed class QualifyDialogTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private static readonly PlaybookContent Playbook = PlaybookLoader.LoadEmbedded();

    private async Task<IReadOnlyList<ConnectorRequest>> Say(string conversation, string text) =>
        await Send(conversation, Activities.Message(fixture.Connector.ServiceUrl, conversation, text));

    private async Task<IReadOnlyList<ConnectorRequest>> Click(string conversation, System.Text.Json.Nodes.JsonObject data) =>
        await Send(conversation, Activities.Submit(fixture.Connector.ServiceUrl, conversation, data));

    /// <summary>Sends one activity and returns the messages the bot sent in reply to it.</summary>
    private async Task<IReadOnlyList<ConnectorRequest>> Send(string conversation, System.Text.Json.Nodes.JsonObject activity)
    {
        var before = fixture.Connector.MessagesIn(conversation).Count;
        var response = await fixture.Bot.PostAsync(activity);
        Assert.Equal(200, response.Status);
        var replies = fixture.Connector.MessagesIn(conversation).Skip(before).ToList();
        Assert.All(replies, r => Assert.EndsWith("/" + (string)activity["id"]!, r.Path));
        return replies;
    }

    private static System.Text.Json.Nodes.JsonNode? PromptFor(IReadOnlyList<ConnectorRequest> replies, string step) =>
        replies.Select(r => r.Card).Last(c => Cards.Buttons(c).Any(b => (string?)b.Data["step"] == step));

    [Fact]
    public async Task Clicking_through_knowledge_and_monthly_changes_recommends_retrieval()
    {
        var prompt = PromptFor(await Say("click", "qualify"), "need");
        Assert.All(Cards.Buttons(prompt), b => Assert.Equal("Action.Submit", b.Type));

        prompt = PromptFor(await Click("click", Cards.ButtonData(prompt, "value", "knowledge")), "data-changed");
        var replies = await Click("click", Cards.ButtonData(prompt, "value", "month"));

        var recommendation = replies.Select(r => r.Card).Single(c => Cards.Texts(c).Contains(Playbook.Approach("rag").Headline));
        Assert.Contains(Cards.Buttons(recommendation), b => (string?)b.Data["action"] == "postSummary" && (string?)b.Data["recommendation"] == "rag");
    }

    [Fact]
    public async Task Typed_answers_work_like_buttons_and_a_stable_behaviour_need_for_volume_recommends_fine_tuning()
    {
        var dialog = Playbook.Dialog("qualify");
        string Synonym(string step, string value) => dialog.Steps.Single(s => s.Id == step).Choices.Single(c => c.Value == value).Synonyms[0];

        Assert.NotNull(PromptFor(await Say("typed", "qualify"), "need"));
        Assert.NotNull(PromptFor(await Say("typed", Synonym("need", "behavior")), "change"));
        Assert.NotNull(PromptFor(await Say("typed", Synonym("change", "volume")), "behavior-changes"));
        Assert.NotNull(PromptFor(await Say("typed", Synonym("behavior-changes", "stable")), "labeled-data"));
        var replies = await Say("typed", Synonym("labeled-data", "ready"));

        // rules.yaml: a behavior need for volume whose behavior is stable, with labeled examples, is the fine-tuning case.
        Assert.Contains(replies, r => Cards.Texts(r.Card).Contains(Playbook.Approach("fine-tuning").Headline));
    }

    [Fact]
    public async Task Each_conversation_keeps_its_own_dialog_state()
    {
        var first = PromptFor(await Say("state-a", "qualify"), "need");
        Assert.NotNull(PromptFor(await Say("state-b", "qualify"), "need"));

        // Answering in conversation A moves only A on.
        Assert.NotNull(PromptFor(await Click("state-a", Cards.ButtonData(first, "value", "knowledge")), "data-changed"));
        Assert.NotNull(PromptFor(await Say("state-b", "what it knows"), "data-changed"));
    }

    [Fact]
    public async Task Post_summary_outside_teams_shows_the_summary_card_with_a_note()
    {
        var prompt = PromptFor(await Say("summary", "qualify"), "need");
        prompt = PromptFor(await Click("summary", Cards.ButtonData(prompt, "value", "knowledge")), "data-changed");
        var recommendation = (await Click("summary", Cards.ButtonData(prompt, "value", "week"))).Select(r => r.Card).Last(c => c is not null);

        var asked = await Click("summary", Cards.ButtonData(recommendation, "action", "postSummary"));
        Assert.Contains(asked, r => r.Text?.Contains("account", StringComparison.OrdinalIgnoreCase) == true);

        var replies = await Say("summary", "Contoso Health");
        Assert.Contains(replies, r => Cards.Texts(r.Card).Any(t => t.Contains("Contoso Health")));
        Assert.Contains(replies, r => r.Text?.Contains("works in Microsoft Teams") == true);
    }
}
