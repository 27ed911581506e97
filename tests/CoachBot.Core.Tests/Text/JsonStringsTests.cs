using System.Text;
using System.Text.Json;
using CoachBot.Core.Text;

namespace CoachBot.Core.Tests.Text;

public class JsonStringsTests
{
    [Theory]
    [InlineData("""{"type":"message","text":"caf\u00e9 \ud83d\ude00","value":{"a":[1,"b"]}}""")]
    [InlineData("""{"text":"plain UTF-8 caf\u00e9"}""")]
    [InlineData("[]")]
    public void Json_whose_strings_net_can_hold_is_readable(string json) =>
        Assert.True(JsonStrings.AreReadable(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"type":"\ud800"}""")]
    [InlineData("""{"value":{"deep":["x","\udfff"]}}""")]
    [InlineData("""{"ev\ud800ent":1}""")]
    [InlineData("""{"text":"\ud83d\ud83d"}""")]
    public void A_lone_surrogate_in_any_string_or_property_name_is_not_readable(string json) =>
        Assert.False(JsonStrings.AreReadable(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Bytes_that_are_not_utf8_are_not_readable() =>
        Assert.False(JsonStrings.AreReadable([(byte)'"', 0xC3, 0x28, (byte)'"']));

    [Fact]
    public void Malformed_json_is_left_to_the_parser() =>
        Assert.ThrowsAny<JsonException>(() => JsonStrings.AreReadable(Encoding.UTF8.GetBytes("{\"a\":")));
}
