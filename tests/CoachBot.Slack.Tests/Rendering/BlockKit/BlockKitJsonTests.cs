using System.Text;
using System.Text.Json.Nodes;
using CoachBot.Slack.Rendering.BlockKit;

namespace CoachBot.Slack.Tests.Rendering.BlockKit;

/// <summary>The Block Kit model writes its own JSON: Slack's field names, nothing null, and one payload per call.</summary>
public class BlockKitJsonTests
{
    private static SlackMessage EveryKind(string text) => new(text,
    [
        new HeaderBlock(new PlainText("Header")),
        new SectionBlock(new MrkdwnText("*Section*"), null),
        new SectionBlock(null, [new MrkdwnText("*Cost*\n$1K"), new PlainText("Weeks")]),
        new SectionBlock(new MrkdwnText("Both"), [new MrkdwnText("Field")]),
        new ContextBlock([new MrkdwnText("Context")]),
        new DividerBlock(),
        new ActionsBlock(
        [
            new ButtonElement(new PlainText("Primary"), "a-1", """{"action":"qualify"}""") { Style = "primary" },
            new ButtonElement(new PlainText("Plain"), "a-2", "v"),
        ]),
    ]);

    [Fact]
    public void Every_block_kind_is_written_with_Slacks_field_names_and_no_nulls()
    {
        var expected = JsonNode.Parse("""
            {"text":"fallback","blocks":[
              {"type":"header","text":{"type":"plain_text","text":"Header"}},
              {"type":"section","text":{"type":"mrkdwn","text":"*Section*"}},
              {"type":"section","fields":[{"type":"mrkdwn","text":"*Cost*\n$1K"},{"type":"plain_text","text":"Weeks"}]},
              {"type":"section","text":{"type":"mrkdwn","text":"Both"},"fields":[{"type":"mrkdwn","text":"Field"}]},
              {"type":"context","elements":[{"type":"mrkdwn","text":"Context"}]},
              {"type":"divider"},
              {"type":"actions","elements":[
                {"type":"button","text":{"type":"plain_text","text":"Primary"},"action_id":"a-1","value":"{\"action\":\"qualify\"}","style":"primary"},
                {"type":"button","text":{"type":"plain_text","text":"Plain"},"action_id":"a-2","value":"v"}]}]}
            """);

        Assert.True(JsonNode.DeepEquals(expected, EveryKind("fallback").ToJsonObject()), EveryKind("fallback").ToJsonString());
    }

    [Fact]
    public void A_response_type_is_written_first_and_only_when_given()
    {
        var message = new SlackMessage("hi", [new DividerBlock()]);

        Assert.StartsWith("""{"response_type":"ephemeral","text":"hi",""", Encoding.UTF8.GetString(message.ToUtf8Json("ephemeral")));
        Assert.DoesNotContain("response_type", message.ToJsonString());
    }

    [Fact]
    public void Text_is_escaped_for_JSON_and_non_ASCII_letters_are_written_as_they_are()
    {
        const string text = "Say \u201cit\u201d \u2014 \"quoted\" back\\slash\nline\ttab \u0001 caf\u00e9 \U0001F600";
        var json = new SlackMessage(text, null).ToUtf8Json();

        Assert.Equal(text, JsonNode.Parse(json)!["text"]!.GetValue<string>());
        var raw = Encoding.UTF8.GetString(json);
        Assert.Contains("\u201cit\u201d \u2014", raw, StringComparison.Ordinal);
        Assert.Contains("caf\u00e9", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_payload_after_a_large_one_on_the_same_thread_is_exactly_the_small_one()
    {
        var large = EveryKind(new string('x', 200_000)).ToUtf8Json();
        var small = new SlackMessage("small", null).ToUtf8Json();
        var again = EveryKind(new string('y', 100)).ToUtf8Json();

        Assert.Equal(200_000, JsonNode.Parse(large)!["text"]!.GetValue<string>().Length);
        Assert.Equal("""{"text":"small"}""", Encoding.UTF8.GetString(small));
        Assert.True(JsonNode.DeepEquals(EveryKind(new string('y', 100)).ToJsonObject(), JsonNode.Parse(again)));
    }

    [Fact]
    public void Payloads_written_on_many_threads_at_once_are_each_their_own()
    {
        var texts = Enumerable.Range(0, 500).Select(i => $"message {i} " + new string('m', i * 7)).ToList();
        var written = new string[texts.Count];

        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => written[i] = JsonNode.Parse(EveryKind(texts[i]).ToUtf8Json("in_channel"))!["text"]!.GetValue<string>());

        Assert.Equal(texts, written);
    }
}
