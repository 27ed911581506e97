using System.Text;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Inbound.Payloads;
using CoachBot.Slack.Tests.Fakes;

namespace CoachBot.Slack.Tests.Inbound;

public class SlackPayloadParserTests
{
    private static SlackInbound Parse(string body, string contentType = SlackPayloads.FormContentType) =>
        SlackPayloadParser.ParseHttpBody(contentType, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void A_slash_command_form_is_decoded_as_Slack_encodes_it()
    {
        // Slack writes spaces as '+' and everything else outside the unreserved set as UTF-8 percent escapes.
        var command = Assert.IsType<SlashCommand>(Parse(
            "token=x&team_id=T1&channel_id=C1&user_id=U1&command=%2Fcoach" +
            "&text=say+caf%C3%A9+%E2%80%94+%2B1+%26+100%25&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3"));

        Assert.Equal(new SlashCommand("T1", "C1", "U1", "/coach", "say caf\u00e9 \u2014 +1 & 100%", "https://hooks.slack.com/commands/T1/1/x", "1.2.3"), command);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-8")]
    [InlineData("Application/X-WWW-Form-Urlencoded")]
    public void The_form_media_type_is_recognised_with_parameters_and_in_any_case(string contentType)
    {
        Assert.IsType<SslCheck>(Parse("ssl_check=1&token=x", contentType));
    }

    [Fact]
    public void A_form_field_given_twice_is_not_taken_as_either_value()
    {
        Assert.Throws<SlackPayloadException>(() => Parse("team_id=T1&channel_id=C1&user_id=U1&command=%2Fcoach&command=%2Fother&response_url=u"));
    }

    [Fact]
    public void Field_names_are_matched_whole_and_may_themselves_be_encoded()
    {
        // "xtext" and "text2" are other fields; "%74ext" is "text"; a field without '=' is present and empty.
        var command = Assert.IsType<SlashCommand>(Parse(
            "xtext=no&text2=no&%74ext=yes+please&team_id=T1&channel_id=C1&user_id=U1&command=%2Fcoach&response_url=u&trigger_id"));

        Assert.Equal("yes please", command.Text);
        Assert.Equal("", command.TriggerId);
    }

    [Fact]
    public void An_interaction_payload_field_is_decoded_before_its_JSON_is_read()
    {
        var interaction = Assert.IsType<Interaction>(Parse(
            "payload=" + Uri.EscapeDataString("""{"type":"block_actions","team":{"id":"T1"},"actions":[{"action_id":"a","value":"a+b & c"}]}""")));

        var payload = Assert.IsType<BlockActionsPayload>(interaction.Payload);
        Assert.Equal("T1", interaction.TeamId);
        Assert.Equal("a+b & c", payload.Action?.Value);
    }

    [Fact]
    public void Json_bodies_are_read_as_Events_API_payloads()
    {
        var verification = Assert.IsType<UrlVerification>(Parse("""{"type":"url_verification","challenge":"c\u00e9"}""", "application/json"));
        Assert.Equal("c\u00e9", verification.Challenge);
    }

    // JSON escapes can spell a lone surrogate, which .NET strings read through JsonElement.GetString refuse with an
    // exception: such a string reads as absent, so a required one is a SlackPayloadException (400), not a crash.
    [Theory]
    [InlineData("""{"type":"\ud800"}""")]
    [InlineData("""{"type":"url_verification","challenge":"\ud800"}""")]
    [InlineData("""{"type":"event_callback","team_id":"\udfff","event_id":"Ev1","event":{"type":"message"}}""")]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev\ud800","event":{"type":"message"}}""")]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"\ud800"}}""")]
    public void A_lone_surrogate_in_a_required_json_string_is_a_payload_error(string body)
    {
        Assert.Throws<SlackPayloadException>(() => Parse(body, "application/json"));
    }

    [Fact]
    public void A_lone_surrogate_in_an_interaction_payload_type_is_a_payload_error()
    {
        Assert.Throws<SlackPayloadException>(() => Parse("payload=" + Uri.EscapeDataString("""{"type":"\ud800"}""")));
    }

    [Theory]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev1","ev\ud800ent":{"type":"message"}}""")]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"message","text":"hi \udfff"}}""")]
    [InlineData("""{"type":"app_rate_limited","team_id":"T1","note":["\ud800"]}""")]
    public void A_lone_surrogate_anywhere_refuses_the_whole_body(string body)
    {
        // Property names too: looking one up compares it unescaped, which throws as reading it would.
        Assert.Throws<SlackPayloadException>(() => Parse(body, "application/json"));
    }

    // Socket Mode payloads reach the parser as JSON without the HTTP body's checks: the same refusal applies.
    [Theory]
    [InlineData("""{"type":"block_actions","user":{"id":"\ud800"}}""")]
    [InlineData("""{"type":"view_closed","note":"\udfff"}""")]
    public void A_lone_surrogate_in_an_interaction_from_Socket_Mode_is_a_payload_error(string json)
    {
        Assert.Throws<SlackPayloadException>(() => SlackPayloadParser.ParseInteraction(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("ssl_check=1&token=x", SlackPayloads.FormContentType, true)]
    [InlineData("token=x&ssl_check=1", SlackPayloads.FormContentType, true)]
    [InlineData("token=x&ssl_check=1&payload=%7B%22type%22%3A%22%5Cud800%22%7D", SlackPayloads.FormContentType, true)]
    [InlineData("ssl_check=0&token=x", SlackPayloads.FormContentType, false)]
    [InlineData("xssl_check=1", SlackPayloads.FormContentType, false)]
    [InlineData("ssl_check=12", SlackPayloads.FormContentType, false)]
    [InlineData("ssl_check=1", "application/json", false)]
    [InlineData("""{"ssl_check":"1"}""", "application/json", false)]
    public void The_ssl_check_is_recognised_from_its_one_field_alone(string body, string contentType, bool expected)
    {
        Assert.Equal(expected, SlackPayloadParser.IsSslCheck(contentType, Encoding.UTF8.GetBytes(body)));
    }
}
