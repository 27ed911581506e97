using System.Buffers;
using System.Text;
using System.Text.Json;
using CoachBot.Core.Cards;
using CoachBot.Slack.Rendering.BlockKit;

namespace CoachBot.Slack.Tests.Rendering.BlockKit;

public class PhraseRenderingsTests
{
    private static SlackBlock[] Render(PhraseBlock phrase) => PhraseRenderings.GetOrRender(phrase, _ =>
        [new SectionBlock(new MrkdwnText($"{phrase.DontSay} / {phrase.DoSay}"), null), new ContextBlock([new MrkdwnText(phrase.Why ?? "")])]);

    private static string Written(SlackBlock block)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BlockKitJson.WriterOptions)) block.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void A_phrase_equal_in_value_gets_the_same_rendering_whoever_made_its_strings()
    {
        var phrase = new PhraseBlock("p-value", "Don't \u201cthis\u201d.", "Do \"that\".", "Because\nreasons.");
        var copy = new PhraseBlock(new string("p-value"), new string(phrase.DontSay), new string(phrase.DoSay), new string(phrase.Why));

        Assert.Same(Render(phrase), Render(copy));
    }

    [Fact]
    public void A_phrase_with_the_same_id_and_other_text_gets_its_own_rendering()
    {
        var first = Render(new PhraseBlock("p-id", "Old.", "Old.", "Old."));
        var edited = Render(new PhraseBlock("p-id", "New.", "New.", null));

        Assert.NotSame(first, edited);
        Assert.Equal("New. / New.", ((MrkdwnText)((SectionBlock)edited[0]).Text!).Text);
    }

    [Fact]
    public void Kept_blocks_write_the_JSON_a_fresh_copy_of_them_writes_and_other_blocks_have_none_kept()
    {
        var kept = Render(new PhraseBlock("p-json", "Don't \u201cthis\u201d.", "Do \"that\" & <more>.", "Because\nreasons."));

        foreach (var block in kept)
        {
            Assert.NotNull(PhraseRenderings.JsonOf(block));
            var fresh = block switch
            {
                SectionBlock s => s with { },
                ContextBlock c => (SlackBlock)(c with { }),
                _ => throw new InvalidOperationException(),
            };
            Assert.Null(PhraseRenderings.JsonOf(fresh));
            Assert.Equal(Written(fresh), Written(block));
        }
    }
}
