using System.Text.Json.Nodes;
using CoachBot.BotFramework.Rendering.AdaptiveCards;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Server.Tests.Rendering.AdaptiveCards;

public class AdaptiveCardRendererTests
{
    private static JsonObject Render(CoachCard card, AdaptiveActionKind kind = AdaptiveActionKind.Submit) =>
        new AdaptiveCardRenderer(kind).Render(card).ToJsonObject();

    private static JsonArray Body(CoachCard card) => Render(card)["body"]!.AsArray();

    private static CoachCard CardWith(params CardBlock[] blocks) => new("test", "Title", blocks, []);

    /// <summary>The text of a RichTextBlock: its runs joined.</summary>
    internal static string Text(JsonNode? block) => string.Concat(block!["inlines"]!.AsArray().Select(run => run.Str("text")));

    [Fact]
    public void Card_is_adaptive_card_1_5_with_schema_and_fallback_text()
    {
        var card = Render(SampleCards.EveryBlock());

        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.Str("$schema"));
        Assert.Equal("AdaptiveCard", card.Str("type"));
        Assert.Equal("1.5", card.Str("version"));
        Assert.Equal(SampleCards.EveryBlock().Summary, card.Str("fallbackText"));
    }

    [Fact]
    public void A_compact_cards_details_unfold_in_place_from_a_show_card_action_after_its_buttons()
    {
        var show = new CardAction(CardFactory.ShowDetailsTitle, SampleCards.Command(("action", ActionKeys.Details)));
        var card = new CoachCard("test", "Title", [new TextBlock("compact line")], [new CardAction("Start over", SampleCards.Command(("action", "startOver")))])
        {
            Details = new CardDetails([new HeadingBlock("Cost"), new TextBlock("detail line")], show),
        };

        var rendered = Render(card);
        Assert.Equal(["Title", "compact line"], rendered["body"]!.AsArray().Select(Text));
        var actions = rendered["actions"]!.AsArray();
        Assert.Equal(["Action.Submit", "Action.ShowCard"], actions.Select(a => a.Str("type")));
        var unfolded = actions[1]!;
        Assert.Equal(CardFactory.ShowDetailsTitle, unfolded.Str("title"));
        Assert.Null(unfolded["data"]);
        Assert.Equal(["Cost", "detail line"], unfolded["card"]!["body"]!.AsArray().Select(Text));
        Assert.Equal("AdaptiveCard", unfolded["card"].Str("type"));
    }

    [Fact]
    public void Title_comes_first_bold_and_medium_so_a_long_headline_leaves_room_on_a_phone()
    {
        var title = Body(SampleCards.EveryBlock())[0]!;

        Assert.Equal("RichTextBlock", title.Str("type"));
        Assert.Equal("Recommendation: RAG", Text(title));
        Assert.Equal("bolder", title["inlines"]![0].Str("weight"));
        Assert.Equal("medium", title["inlines"]![0].Str("size"));
    }

    [Fact]
    public void Heading_is_bold_medium_and_spaced_from_what_precedes_it()
    {
        var heading = Body(CardWith(new HeadingBlock("Why RAG fits")))[1]!;

        Assert.Equal("Why RAG fits", Text(heading));
        Assert.Equal("bolder", heading["inlines"]![0].Str("weight"));
        Assert.Equal("medium", heading["inlines"]![0].Str("size"));
        Assert.Equal("medium", heading.Str("spacing"));
    }

    [Fact]
    public void Text_styles_map_to_weight_and_subtlety()
    {
        var body = Body(CardWith(
            new TextBlock("normal"), new TextBlock("emphasis", TextStyle.Emphasis), new TextBlock("subtle", TextStyle.Subtle)));

        var normal = body[1]!["inlines"]![0]!.AsObject();
        Assert.Equal("normal", normal.Str("text"));
        Assert.False(normal.ContainsKey("weight"));
        Assert.False(normal.ContainsKey("isSubtle"));
        Assert.Equal("bolder", body[2]!["inlines"]![0].Str("weight"));
        Assert.True(body[3]!["inlines"]![0]!["isSubtle"]!.GetValue<bool>());
    }

    [Fact]
    public void Each_line_of_a_text_is_its_own_block_and_blank_lines_are_dropped()
    {
        var body = Body(CardWith(new TextBlock("first\r\n\n  \nsecond")));

        Assert.Equal(["first", "second"], body.Skip(1).Select(Text));
    }

    [Fact]
    public void Facts_are_a_two_column_table_of_bold_labels_and_values()
    {
        var table = Body(CardWith(new FactsBlock([new Fact("Cost", "$1K–$1M+"), new Fact("Time to value", "Weeks")])))[1]!;

        Assert.Equal("Table", table.Str("type"));
        Assert.False(table["firstRowAsHeader"]!.GetValue<bool>());
        Assert.Equal(2, table["columns"]!.AsArray().Count);
        var rows = table["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        var label = rows[0]!["cells"]![0]!["items"]![0];
        Assert.Equal("Cost", Text(label));
        Assert.Equal("bolder", label!["inlines"]![0].Str("weight"));
        Assert.Equal("$1K–$1M+", Text(rows[0]!["cells"]![1]!["items"]![0]));
        Assert.Equal("Weeks", Text(rows[1]!["cells"]![1]!["items"]![0]));
    }

    [Fact]
    public void Bullets_are_a_container_of_marked_items_in_order()
    {
        var container = Body(CardWith(new BulletsBlock(["one", "two", "three"])))[1]!;

        Assert.Equal("Container", container.Str("type"));
        Assert.Equal(["• one", "• two", "• three"], container["items"]!.AsArray().Select(Text));
    }

    [Theory]
    [InlineData(NoteTone.Caution, "warning")]
    [InlineData(NoteTone.Info, "emphasis")]
    public void Notes_are_styled_containers(NoteTone tone, string style)
    {
        var note = Body(CardWith(new NoteBlock("Verify before quoting.", tone)))[1]!;

        Assert.Equal("Container", note.Str("type"));
        Assert.Equal(style, note.Str("style"));
        Assert.Equal("Verify before quoting.", Text(note["items"]![0]));
    }

    [Fact]
    public void Phrase_strikes_what_not_to_say_and_bolds_what_to_say()
    {
        var items = Body(CardWith(new PhraseBlock("p", "Fine-tune it.", "Connect your documents.", "Knowledge, not behaviour.")))[1]!["items"]!.AsArray();

        Assert.Equal("Don't say: Fine-tune it.", Text(items[0]));
        var dontSay = items[0]!["inlines"]![1]!;
        Assert.True(dontSay["strikethrough"]!.GetValue<bool>());
        Assert.True(dontSay["isSubtle"]!.GetValue<bool>());
        Assert.Equal("Do say: Connect your documents.", Text(items[1]));
        Assert.All(items[1]!["inlines"]!.AsArray(), run => Assert.Equal("bolder", run.Str("weight")));
        Assert.Equal("Why: Knowledge, not behaviour.", Text(items[2]));
        Assert.True(items[2]!["inlines"]![0]!["isSubtle"]!.GetValue<bool>());
    }

    [Fact]
    public void Phrase_without_a_reason_has_no_why_line()
    {
        var items = Body(CardWith(new PhraseBlock("p", "Fine-tune it.", "Connect your documents.", null)))[1]!["items"]!.AsArray();

        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void Table_has_a_header_row_and_pads_short_rows()
    {
        var table = Body(CardWith(new TableBlock(["Approach", "Cost", "Changes"], [["RAG", "Medium", "What it knows"], ["Training"]])))[1]!;

        Assert.True(table["firstRowAsHeader"]!.GetValue<bool>());
        Assert.Equal(3, table["columns"]!.AsArray().Count);
        var rows = table["rows"]!.AsArray();
        Assert.Equal(["Approach", "Cost", "Changes"], rows[0]!["cells"]!.AsArray().Select(c => Text(c!["items"]![0])));
        Assert.Equal(["RAG", "Medium", "What it knows"], rows[1]!["cells"]!.AsArray().Select(c => Text(c!["items"]![0])));
        Assert.Equal(3, rows[2]!["cells"]!.AsArray().Count);
        Assert.Equal("Training", Text(rows[2]!["cells"]![0]!["items"]![0]));
    }

    [Fact]
    public void Submit_actions_carry_the_data_and_primary_style()
    {
        var actions = Render(SampleCards.EveryBlock())["actions"]!.AsArray();

        Assert.Equal("Action.Submit", actions[0].Str("type"));
        Assert.Equal("Post summary", actions[0].Str("title"));
        Assert.Equal("positive", actions[0].Str("style"));
        Assert.Equal(new Dictionary<string, string> { ["action"] = "postSummary", ["recommendation"] = "rag" }, DataOf(actions[0]));
        Assert.False(actions[1]!.AsObject().ContainsKey("style"));
        Assert.False(actions[1]!.AsObject().ContainsKey("verb"));
    }

    [Fact]
    public void Execute_actions_use_the_action_name_as_verb_and_keep_the_data()
    {
        var actions = Render(SampleCards.EveryBlock(), AdaptiveActionKind.Execute)["actions"]!.AsArray();

        Assert.Equal("Action.Execute", actions[0].Str("type"));
        Assert.Equal("postSummary", actions[0].Str("verb"));
        Assert.Equal(new Dictionary<string, string> { ["action"] = "postSummary", ["recommendation"] = "rag" }, DataOf(actions[0]));
        Assert.Equal("startOver", actions[1].Str("verb"));
    }

    [Fact]
    public void Choice_prompt_has_numbered_buttons_that_answer_the_step()
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.NeedPrompt()).ToJsonObject();

        Assert.Equal("What does the buyer want to change?", Text(card["body"]![0]));
        var actions = card["actions"]!.AsArray();
        Assert.Equal(["1. How it responds", "2. What it knows", "3. Both", "4. Not sure"], actions.Select(a => a.Str("title")));
        Assert.Equal(new Dictionary<string, string> { ["action"] = "answer", ["step"] = "need", ["value"] = "behavior" }, DataOf(actions[0]));
        Assert.Equal("unsure", DataOf(actions[3])["value"]);
    }

    [Fact]
    public void Choice_without_a_short_form_uses_its_label_on_the_button()
    {
        var prompt = new ChoicePrompt("change", "What should change?", [new PromptChoice("tone", "Tone of voice", "")]);

        var action = new AdaptiveCardRenderer().Render(prompt).ToJsonObject()["actions"]![0];

        Assert.Equal("1. Tone of voice", action.Str("title"));
    }

    [Fact]
    public void Content_is_only_written_to_text_runs_so_no_host_reads_it_as_markdown()
    {
        var card = Render(SampleCards.HostileCard());

        var types = JsonTree.Objects(card).Select(o => o["type"]?.GetValue<string>()).OfType<string>().ToHashSet();
        Assert.DoesNotContain("TextBlock", types);
        Assert.DoesNotContain("FactSet", types);
        var texts = JsonTree.Objects(card).Where(o => o["type"]?.GetValue<string>() == "TextRun").Select(o => o.Str("text")).ToList();
        Assert.Contains(SampleCards.HostileText, texts);
        Assert.Contains("• " + SampleCards.HostileText, texts);
    }

    [Fact]
    public void Attachment_wraps_the_card_with_the_adaptive_card_content_type()
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.EveryBlock());

        var attachment = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(card.ToAttachment()))!;

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.Str("contentType"));
        Assert.True(JsonNode.DeepEquals(card.ToJsonObject(), attachment["content"]));
    }

    [Fact]
    public void Unknown_block_is_a_clear_error()
    {
        var error = Assert.Throws<NotSupportedException>(() => new AdaptiveCardRenderer().Render(CardWith(new UnknownBlock())));

        Assert.Contains(nameof(UnknownBlock), error.Message);
    }

    [Fact]
    public void Undefined_action_kind_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveCardRenderer((AdaptiveActionKind)7));
    }

    private static Dictionary<string, string> DataOf(JsonNode? action) =>
        action!["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    [Fact]
    public void A_look_ups_related_answers_are_one_see_also_row_of_buttons_that_show_exactly_that_answer()
    {
        var card = EngineReplies.Named("related answers").OfType<CardReply>().Single().Card;

        foreach (var kind in new[] { AdaptiveActionKind.Submit, AdaptiveActionKind.Execute })
        {
            var rendered = Render(card, kind);
            Assert.Equal(CardFactory.SeeAlsoLabel, Text(rendered["body"]!.AsArray()[^1]));
            var actions = rendered["actions"]!.AsArray();
            Assert.InRange(actions.Count, 1, 2);
            var first = actions[0]!;
            Assert.Equal("Foundation model", first.Str("title"));
            Assert.Equal(ActionKeys.ShowAnswer, first["data"].Str("action"));
            Assert.Equal("glossary:foundation-model", first["data"].Str("answerLabel"));
            Assert.Equal(EngineReplies.RelatedLookup, first["data"].Str("query"));
            if (kind == AdaptiveActionKind.Execute) Assert.Equal(ActionKeys.ShowAnswer, first.Str("verb"));
            Assert.Equal(new CardCommand.ShowAnswer("glossary:foundation-model", EngineReplies.RelatedLookup),
                CardCommand.Parse(first["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())));
        }
    }
}
