using System.Text.Json;
using System.Text.Json.Nodes;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Slack.Rendering;
using CoachBot.Slack.Rendering.BlockKit;
using CoachBot.TestSupport.Rendering;

namespace CoachBot.Slack.Tests.Rendering.BlockKit;

public class BlockKitRendererTests
{
    private static readonly BlockKitRenderer Renderer = new();

    private static JsonObject Render(CoachCard card) => Renderer.Render(card).ToJsonObject();

    private static JsonArray Blocks(JsonObject message) => message["blocks"]!.AsArray();

    private static CoachCard CardWith(params CardBlock[] blocks) => new("test", "Title", blocks, []);

    /// <summary>The blocks a card block becomes (the header the title makes is skipped).</summary>
    private static List<JsonNode> BlocksOf(CardBlock block) => Blocks(Render(CardWith(block))).Skip(1).Select(b => b!).ToList();

    private static string SectionText(JsonNode block) => block["text"].Str("text");

    private static IEnumerable<JsonObject> OfType(JsonObject message, string type) =>
        JsonTree.Objects(message).Where(o => o["type"]?.GetValue<string>() == type);

    [Fact]
    public void Card_message_has_fallback_text_a_header_first_and_buttons_last()
    {
        var message = Render(SampleCards.EveryBlock());

        Assert.Equal("Recommendation: RAG: RAG: the buyer needs knowledge, not new behaviour.", message.Str("text"));
        var blocks = Blocks(message);
        Assert.Equal("header", blocks[0].Str("type"));
        Assert.Equal("plain_text", blocks[0]!["text"].Str("type"));
        Assert.Equal("Recommendation: RAG", blocks[0]!["text"].Str("text"));
        Assert.Equal("divider", blocks[^2].Str("type"));
        Assert.Equal("actions", blocks[^1].Str("type"));
    }

    [Fact]
    public void Fallback_text_is_the_title_alone_when_the_summary_repeats_it()
    {
        Assert.Equal("Title", BlockKitRenderer.FallbackTextFor(CardWith()));
    }

    [Fact]
    public void Heading_is_a_bold_section()
    {
        var block = Assert.Single(BlocksOf(new HeadingBlock("Why RAG fits")));

        Assert.Equal("section", block.Str("type"));
        Assert.Equal("mrkdwn", block["text"].Str("type"));
        Assert.Equal("*Why RAG fits*", SectionText(block));
    }

    [Fact]
    public void Text_styles_become_plain_bold_or_context()
    {
        Assert.Equal("plain words", SectionText(Assert.Single(BlocksOf(new TextBlock("plain words")))));
        Assert.Equal("*line one*\n*line two*", SectionText(Assert.Single(BlocksOf(new TextBlock("line one\n line two ", TextStyle.Emphasis)))));
        var subtle = Assert.Single(BlocksOf(new TextBlock("small print", TextStyle.Subtle)));
        Assert.Equal("context", subtle.Str("type"));
        Assert.Equal("small print", subtle["elements"]![0].Str("text"));
    }

    [Fact]
    public void Facts_are_section_fields_with_bold_labels()
    {
        var block = Assert.Single(BlocksOf(new FactsBlock([new Fact("Cost", "$1K–$1M+"), new Fact("Time to value", "Weeks")])));

        Assert.False(block.AsObject().ContainsKey("text"));
        Assert.Equal(["*Cost*\n$1K–$1M+", "*Time to value*\nWeeks"], block["fields"]!.AsArray().Select(f => f.Str("text")));
        Assert.All(block["fields"]!.AsArray(), f => Assert.Equal("mrkdwn", f.Str("type")));
    }

    [Fact]
    public void Bullets_share_a_section()
    {
        var block = Assert.Single(BlocksOf(new BulletsBlock(["one", "two"])));

        Assert.Equal("• one\n• two", SectionText(block));
    }

    [Theory]
    [InlineData(NoteTone.Caution, ":warning: Verify before quoting.")]
    [InlineData(NoteTone.Info, ":information_source: Verify before quoting.")]
    public void Notes_start_with_an_icon(NoteTone tone, string expected)
    {
        Assert.Equal(expected, SectionText(Assert.Single(BlocksOf(new NoteBlock("Verify before quoting.", tone)))));
    }

    [Fact]
    public void Phrase_strikes_what_not_to_say_bolds_what_to_say_and_adds_the_reason_as_context()
    {
        var blocks = BlocksOf(new PhraseBlock("p", "Fine-tune it.", "Connect your documents.", "Knowledge, not behaviour."));

        Assert.Equal("*Don't say:* ~Fine-tune it.~\n*Do say:* *Connect your documents.*", SectionText(blocks[0]));
        Assert.Equal("context", blocks[1].Str("type"));
        Assert.Equal("Why: Knowledge, not behaviour.", blocks[1]["elements"]![0].Str("text"));
    }

    [Fact]
    public void A_phrase_is_one_escaped_line_per_sentence_and_has_no_context_without_a_why()
    {
        var blocks = BlocksOf(new PhraseBlock("p", " Tune\nit & <go> ", "  Use RAG\r\nnow ", " "));

        Assert.Equal("*Don't say:* ~Tune it &amp; &lt;go&gt;~\n*Do say:* *Use RAG now*", SectionText(Assert.Single(blocks)));
    }

    [Fact]
    public void A_phrase_rendered_again_is_written_exactly_as_the_first_time_and_as_a_fresh_rendering()
    {
        // A PhraseBlock made of other string instances with the same text must come out the same.
        var phrase = new PhraseBlock("p-again", "Fine-tune \u201cit\u201d.", "Connect \"your\" documents\u2014now.", "Knowledge\nnot behaviour.");
        var copy = new PhraseBlock(new string("p-again"), new string(phrase.DontSay), new string(phrase.DoSay), new string(phrase.Why));

        var first = Renderer.Render(CardWith(phrase)).ToJsonString();
        var again = Renderer.Render(CardWith(phrase)).ToJsonString();
        var fresh = Renderer.Render(CardWith(copy)).ToJsonString();

        Assert.Equal(first, again);
        Assert.Equal(first, fresh);
        Assert.Contains("Connect \\\"your\\\" documents\u2014now.", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Phrases_with_the_same_id_but_other_text_render_their_own_text()
    {
        var before = BlocksOf(new PhraseBlock("p-edited", "Old don't.", "Old do.", "Old why."));
        var after = BlocksOf(new PhraseBlock("p-edited", "New don't.", "New do.", null));

        Assert.Equal("*Don't say:* ~Old don't.~\n*Do say:* *Old do.*", SectionText(before[0]));
        Assert.Equal("*Don't say:* ~New don't.~\n*Do say:* *New do.*", SectionText(Assert.Single(after)));
    }

    [Fact]
    public void Table_rows_become_sections_named_by_their_first_cell_with_labelled_fields()
    {
        var blocks = BlocksOf(new TableBlock(["Approach", "Cost", "Changes"], [["RAG", "Medium", "What it knows"], ["Training", "Low"]]));

        Assert.Equal(2, blocks.Count);
        Assert.Equal("*RAG*", SectionText(blocks[0]));
        Assert.Equal(["*Cost*\nMedium", "*Changes*\nWhat it knows"], blocks[0]["fields"]!.AsArray().Select(f => f.Str("text")));
        Assert.Equal(["*Cost*\nLow", "*Changes*"], blocks[1]["fields"]!.AsArray().Select(f => f.Str("text")));
    }

    [Fact]
    public void Buttons_have_unique_ids_primary_style_and_values_that_round_trip_to_the_action_data()
    {
        var card = SampleCards.EveryBlock();

        var buttons = Blocks(Render(card))[^1]!["elements"]!.AsArray();

        Assert.Equal(card.Actions.Count, buttons.Count);
        Assert.Equal(buttons.Count, buttons.Select(b => b.Str("action_id")).Distinct().Count());
        Assert.Equal("primary", buttons[0].Str("style"));
        Assert.False(buttons[1]!.AsObject().ContainsKey("style"));
        for (var i = 0; i < buttons.Count; i++)
        {
            Assert.Equal("button", buttons[i].Str("type"));
            Assert.Equal(card.Actions[i].Title, buttons[i]!["text"].Str("text"));
            Assert.Equal(card.Actions[i].Command, SlackReplyRenderer.ReadCommand(buttons[i].Str("value")));
        }
    }

    [Fact]
    public void Choice_prompt_is_the_question_with_numbered_answer_buttons()
    {
        var message = Renderer.Render(SampleCards.NeedPrompt()).ToJsonObject();

        Assert.Equal("What does the buyer want to change?", message.Str("text"));
        var blocks = Blocks(message);
        Assert.Equal("What does the buyer want to change?", SectionText(blocks[0]!));
        var buttons = blocks[1]!["elements"]!.AsArray();
        Assert.Equal(["1. How it responds", "2. What it knows", "3. Both", "4. Not sure"], buttons.Select(b => b!["text"].Str("text")));
        Assert.Equal(
            new Dictionary<string, string> { ["action"] = "answer", ["step"] = "need", ["value"] = "knowledge" },
            JsonSerializer.Deserialize<Dictionary<string, string>>(buttons[1].Str("value")));
    }

    [Fact]
    public void Text_reply_is_escaped_text_with_matching_sections()
    {
        var message = Renderer.Render(new TextReply("Ask <them> & listen")).ToJsonObject();

        Assert.Equal("Ask &lt;them&gt; &amp; listen", message.Str("text"));
        Assert.Equal("Ask &lt;them&gt; &amp; listen", SectionText(Assert.Single(Blocks(message))!));
    }

    [Fact]
    public void Card_replies_and_deal_channel_posts_render_their_card()
    {
        var card = SampleCards.EveryBlock();
        var expected = Render(card);

        Assert.True(JsonNode.DeepEquals(expected, Renderer.Render(new CardReply(card)).ToJsonObject()));
        Assert.True(JsonNode.DeepEquals(expected, Renderer.Render(new PostToDealChannel(card, "Acme")).ToJsonObject()));
    }

    [Fact]
    public void Content_is_escaped_in_mrkdwn_and_left_as_is_in_plain_text()
    {
        var message = Render(SampleCards.HostileCard());

        var mrkdwn = OfType(message, "mrkdwn").Select(o => o.Str("text")).Append(message.Str("text")).ToList();
        Assert.All(mrkdwn, text =>
        {
            Assert.DoesNotContain("<", text);
            Assert.DoesNotContain(">", text);
            Assert.DoesNotContain("& ", text);
        });
        Assert.Contains(mrkdwn, text => text.Contains("&lt;@U123&gt; &lt;!channel&gt; &amp; *bold*"));
        Assert.Equal(SampleCards.HostileText, Blocks(message)[0]!["text"].Str("text"));
    }

    [Fact]
    public void Optional_members_are_left_out_rather_than_null()
    {
        var json = Renderer.Render(SampleCards.EveryBlock()).ToJsonString();

        Assert.DoesNotContain("null", json);
    }

    [Fact]
    public void Oversized_card_stays_within_every_message_limit()
    {
        var message = Render(SampleCards.Oversized());
        var blocks = Blocks(message);

        Assert.True(blocks.Count <= 50, $"{blocks.Count} blocks");
        Assert.InRange(message.Str("text").Length, 1, 3000);
        var header = blocks[0]!["text"].Str("text");
        Assert.Equal(150, header.Length);
        Assert.EndsWith("…", header);
        AssertWithinBlockLimits(message);
        var textSections = OfType(message, "section").Where(s => s.ContainsKey("text")).Select(s => SectionText(s)).ToList();
        Assert.Contains(textSections, t => t.Length == 3000 && t.StartsWith(new string('x', 100)) && t.EndsWith("…"));
        Assert.Contains(OfType(message, "context"), c => c["elements"]![0].Str("text").Contains("more blocks not shown"));
    }

    [Fact]
    public void Oversized_card_keeps_all_forty_buttons_in_blocks_of_at_most_twenty_five()
    {
        var message = Render(SampleCards.Oversized());

        var actionBlocks = OfType(message, "actions").ToList();
        Assert.Equal([25, 15], actionBlocks.Select(a => a["elements"]!.AsArray().Count));
        var buttons = OfType(message, "button").ToList();
        Assert.Equal(40, buttons.Select(b => b.Str("action_id")).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(1, 40).Select(i => $"{i}"),
            buttons.Select(b => JsonSerializer.Deserialize<Dictionary<string, string>>(b.Str("value"))!["value"]));
    }

    [Fact]
    public void Modal_blocks_may_use_up_to_a_hundred_blocks()
    {
        var blocks = Renderer.RenderModalBlocks(SampleCards.Oversized());
        var messageBlocks = Blocks(Render(SampleCards.Oversized()));

        Assert.InRange(blocks.Count, messageBlocks.Count + 1, 100);
        AssertWithinBlockLimits(new SlackMessage("", blocks).ToJsonObject());
    }

    [Fact]
    public void Long_bullets_spill_into_further_sections_in_order()
    {
        var items = Enumerable.Range(1, 200).Select(i => $"Bullet {i}").ToList();
        var longItems = Enumerable.Range(1, 10).Select(i => $"{i} " + new string('b', 1000)).ToList();

        var shortBlocks = BlocksOf(new BulletsBlock(items));
        var longBlocks = BlocksOf(new BulletsBlock(longItems));

        Assert.Equal(items.Select(i => "• " + i), shortBlocks.SelectMany(b => SectionText(b).Split('\n')));
        Assert.Equal(5, longBlocks.Count);
        Assert.Equal(longItems.Select(i => "• " + i), longBlocks.SelectMany(b => SectionText(b).Split('\n')));
    }

    [Fact]
    public void More_than_ten_facts_spill_into_further_sections()
    {
        var facts = Enumerable.Range(1, 23).Select(i => new Fact($"Label {i}", $"Value {i}")).ToList();

        var blocks = BlocksOf(new FactsBlock(facts));

        Assert.Equal([10, 10, 3], blocks.Select(b => b["fields"]!.AsArray().Count));
    }

    [Fact]
    public void Button_value_over_the_limit_shortens_the_longest_value_and_still_parses()
    {
        var card = new CoachCard("t", "Title", [], [new CardAction("Look up", new CardCommand.Lookup(new string('q', 5000)))]);

        var value = OfType(Render(card), "button").Single().Str("value");

        Assert.True(value.Length <= 2000, $"{value.Length} characters");
        var parsed = JsonSerializer.Deserialize<Dictionary<string, string>>(value)!;
        Assert.Equal("query", parsed["action"]);
        Assert.StartsWith(new string('q', 1900), parsed["query"]);
        Assert.EndsWith("…", parsed["query"]);
    }

    [Fact]
    public void Unknown_block_and_unknown_reply_are_clear_errors()
    {
        Assert.Contains(nameof(UnknownBlock), Assert.Throws<NotSupportedException>(() => Render(CardWith(new UnknownBlock()))).Message);
        Assert.Contains(nameof(UnknownReply), Assert.Throws<NotSupportedException>(() => Renderer.Render(new UnknownReply())).Message);
    }

    private sealed record UnknownReply : Reply;

    /// <summary>Slack's per-block limits (protocol-slack.md §6.2) over every block in the payload.</summary>
    private static void AssertWithinBlockLimits(JsonObject message)
    {
        foreach (var block in message["blocks"]!.AsArray().Select(b => b!.AsObject()))
        {
            switch (block.Str("type"))
            {
                case "header":
                    Assert.InRange(block["text"].Str("text").Length, 1, 150);
                    break;
                case "section":
                    Assert.True(block.ContainsKey("text") || block.ContainsKey("fields"));
                    if (block["text"] is { } text)
                        Assert.InRange(text.Str("text").Trim().Length, 1, 3000);
                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, 10);
                        Assert.All(fields, f => Assert.InRange(f.Str("text").Trim().Length, 1, 2000));
                    }
                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 10);
                    Assert.All(block["elements"]!.AsArray(), e => Assert.InRange(e.Str("text").Trim().Length, 1, 3000));
                    break;
                case "actions":
                    var buttons = block["elements"]!.AsArray();
                    Assert.InRange(buttons.Count, 1, 25);
                    Assert.All(buttons, b =>
                    {
                        Assert.InRange(b!["text"].Str("text").Length, 1, 75);
                        Assert.InRange(b.Str("action_id").Length, 1, 255);
                        Assert.InRange(b.Str("value").Length, 1, 2000);
                    });
                    break;
                case "divider":
                    break;
                default:
                    Assert.Fail($"Unexpected block type {block.Str("type")}");
                    break;
            }
        }
    }

    [Fact]
    public void A_look_ups_related_answers_are_one_see_also_row_of_buttons_that_show_exactly_that_answer()
    {
        var card = EngineReplies.Named("related answers").OfType<CardReply>().Single().Card;

        var blocks = Blocks(Render(card));

        Assert.Equal("context", blocks[^3].Str("type"));
        Assert.Contains(CardFactory.SeeAlsoLabel, blocks[^3]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("divider", blocks[^2].Str("type"));
        var row = Assert.Single(blocks, b => b.Str("type") == "actions")!;
        var buttons = row["elements"]!.AsArray();
        Assert.InRange(buttons.Count, 1, 2);
        Assert.Equal("Foundation model", buttons[0]!["text"].Str("text"));
        Assert.Equal(new CardCommand.ShowAnswer("glossary:foundation-model", EngineReplies.RelatedLookup),
            SlackReplyRenderer.ReadCommand(buttons[0].Str("value")));
    }
}
