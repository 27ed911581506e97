using System.Text;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Inbound.Payloads;
using CoachBot.Slack.Tests.Fakes;

namespace CoachBot.Slack.Tests.Inbound;

/// <summary>
/// Slack's payloads read into the typed records: each kind CoachBot handles, with fields in Slack's order (the type
/// is not always first), fields CoachBot does not model skipped whatever their shape, and kinds it does not handle
/// read as the base record so that they are acknowledged and ignored.
/// </summary>
public class SlackPayloadModelTests
{
    private static SlackInbound ParseJson(string json) => SlackPayloadParser.ParseHttpBody("application/json", Encoding.UTF8.GetBytes(json));

    private static InteractionPayload ParseInteraction(string json) =>
        Assert.IsType<Interaction>(SlackPayloadParser.ParseHttpBody(SlackPayloads.FormContentType, Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json)))).Payload;

    [Fact]
    public void An_app_mention_is_read_with_its_type_after_other_fields_and_unknown_fields_skipped()
    {
        var callback = Assert.IsType<EventCallback>(ParseJson("""
            {"token":"x","team_id":"T1","api_app_id":"A1","event":{"client_msg_id":"m1","blocks":[{"type":"rich_text","elements":[]}],
             "type":"app_mention","text":"<@B1> say cost","user":"U1","ts":"1.2","team":"T1","thread_ts":"1.1","channel":"C1","event_ts":"1.2",
             "edited":{"user":"U1","ts":"1.3"}},"type":"event_callback","event_id":"Ev1","event_time":1700000000,
             "authorizations":[{"team_id":"T1","is_bot":true}],"is_ext_shared_channel":false,"event_context":"4-x"}
            """));

        Assert.Equal(("T1", "Ev1"), (callback.Team, callback.EventId));
        var mention = Assert.IsType<AppMention>(callback.Event);
        Assert.Equal(("U1", "<@B1> say cost", "1.2", "1.1", "C1", "1.2"), (mention.User, mention.Text, mention.Ts, mention.ThreadTs, mention.Channel, mention.EventTs));
        Assert.Null(mention.BotId);
    }

    [Fact]
    public void A_direct_message_and_a_bot_post_are_told_apart_by_their_fields()
    {
        var person = Assert.IsType<MessageEvent>(Assert.IsType<EventCallback>(ParseJson("""
            {"type":"event_callback","team_id":"T1","event_id":"Ev2","event":{"type":"message","channel":"D1","user":"U1","text":"hi","ts":"2.1","channel_type":"im"}}
            """)).Event);
        var bot = Assert.IsType<MessageEvent>(Assert.IsType<EventCallback>(ParseJson("""
            {"type":"event_callback","team_id":"T1","event_id":"Ev3","event":{"type":"message","subtype":"bot_message","bot_id":"B1","bot_profile":{"id":"B1"},"channel":"D1","channel_type":"im"}}
            """)).Event);

        Assert.Equal(("im", "D1", "U1", "hi"), (person.ChannelType, person.Channel, person.User, person.Text));
        Assert.Null(person.Subtype);
        Assert.Equal(("bot_message", "B1"), (bot.Subtype, bot.BotId));
    }

    [Fact]
    public void App_home_opened_carries_the_tab()
    {
        var opened = Assert.IsType<AppHomeOpened>(Assert.IsType<EventCallback>(ParseJson("""
            {"type":"event_callback","team_id":"T1","event_id":"Ev4","event":{"type":"app_home_opened","user":"U1","channel":"D1","tab":"home","view":{"id":"V1","type":"home"},"event_ts":"3.1"}}
            """)).Event);

        Assert.Equal(("U1", "home"), (opened.User, opened.Tab));
    }

    [Theory]
    [InlineData("""{"type":"member_joined_channel","user":"U1","channel":"C1"}""")]
    [InlineData("""{"type":"channel_created","channel":{"id":"C1","name":"deals"}}""")]
    public void Events_CoachBot_does_not_handle_read_as_the_base_record(string inner)
    {
        var callback = Assert.IsType<EventCallback>(ParseJson($$"""{"type":"event_callback","team_id":"T1","event_id":"Ev5","event":{{inner}}}"""));
        Assert.Equal(typeof(SlackEvent), callback.Event.GetType());
    }

    [Fact]
    public void A_block_action_is_read_with_its_container_message_and_button()
    {
        var payload = Assert.IsType<BlockActionsPayload>(ParseInteraction("""
            {"type":"block_actions","user":{"id":"U1","username":"seller","name":"seller","team_id":"T1"},"api_app_id":"A1","token":"x",
             "container":{"type":"message","message_ts":"5.1","channel_id":"C1","is_ephemeral":false},"trigger_id":"1.2.3",
             "team":{"id":"T1","domain":"acme"},"enterprise":null,"is_enterprise_install":false,"channel":{"id":"C1","name":"deals"},
             "message":{"type":"message","text":"fallback","ts":"5.1","thread_ts":"5.0","blocks":[{"type":"actions","block_id":"b1","elements":[]}]},
             "state":{"values":{}},"response_url":"https://hooks.slack.com/actions/T1/1/x",
             "actions":[{"action_id":"answer-1","block_id":"b1","text":{"type":"plain_text","text":"Yes","emoji":true},"value":"{}","type":"button","action_ts":"5.2"}]}
            """));

        Assert.Equal(("T1", "U1", "1.2.3"), (payload.TeamId, payload.User!.Id, payload.TriggerId));
        Assert.Equal(("message", "C1", "5.1", false), (payload.Container!.Type, payload.Container.ChannelId, payload.Container.MessageTs, payload.Container.IsEphemeral));
        Assert.Equal(("5.1", "5.0", "fallback"), (payload.Message!.Ts, payload.Message.ThreadTs, payload.Message.Text));
        Assert.Equal(1, payload.Message.Blocks!.Value.GetArrayLength());
        Assert.Equal(("answer-1", "b1", "{}", "Yes"), (payload.Action!.ActionId, payload.Action.BlockId, payload.Action.Value, payload.Action.Text!.Text));
        Assert.Equal("https://hooks.slack.com/actions/T1/1/x", payload.ResponseUrl);
    }

    [Fact]
    public void A_view_submission_is_read_with_its_input_values_and_response_urls()
    {
        var payload = Assert.IsType<ViewSubmissionPayload>(ParseInteraction("""
            {"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"view":{"id":"V1","type":"modal","callback_id":"cb","private_metadata":"{}","hash":"h",
             "blocks":[],"state":{"values":{"channel":{"channel":{"type":"conversations_select","selected_conversation":"C9"}},
             "account":{"account":{"type":"plain_text_input","value":null}},"pick":{"pick":{"type":"external_select","selected_option":{"text":{"type":"plain_text","text":"Say this"},"value":"p1"}}}}}},
             "response_urls":[{"block_id":"channel","action_id":"channel","channel_id":"C9","response_url":"https://hooks.slack.com/app/T1/2/y"}]}
            """));

        Assert.Equal(("V1", "cb", "{}"), (payload.View!.Id, payload.View.CallbackId, payload.View.PrivateMetadata));
        Assert.Equal("C9", payload.View.State!.Get("channel", "channel")!.SelectedConversation);
        Assert.Null(payload.View.State.Get("account", "account")!.Value);
        Assert.Equal("p1", payload.View.State.Get("pick", "pick")!.SelectedOption!.Value);
        Assert.Null(payload.View.State.Get("missing", "missing"));
        Assert.Equal(("C9", "https://hooks.slack.com/app/T1/2/y"), (payload.ResponseUrls![0].ChannelId, payload.ResponseUrls[0].ResponseUrl));
    }

    [Fact]
    public void Block_suggestions_and_both_kinds_of_shortcut_are_read()
    {
        var suggestion = Assert.IsType<BlockSuggestionPayload>(ParseInteraction("""
            {"type":"block_suggestion","user":{"id":"U1","team_id":"T1"},"team":{"id":"T1"},"action_id":"phrase","block_id":"phrase","value":"cos",
             "view":{"id":"V1","callback_id":"cb","private_metadata":"m"},"container":{"type":"view","view_id":"V1"}}
            """));
        var global = Assert.IsType<GlobalShortcutPayload>(ParseInteraction("""
            {"type":"shortcut","token":"x","action_ts":"1.1","team":{"id":"T1"},"user":{"id":"U1"},"callback_id":"find","trigger_id":"1.2.3"}
            """));
        var message = Assert.IsType<MessageShortcutPayload>(ParseInteraction("""
            {"type":"message_action","callback_id":"find-msg","trigger_id":"1.2.4","message_ts":"6.1","team":{"id":"T1"},"user":{"id":"U1"},
             "channel":{"id":"C1","name":"deals"},"message":{"type":"message","user":"U2","text":"we want to fine-tune","ts":"6.1"},"response_url":"https://hooks.slack.com/app/x"}
            """));

        Assert.Equal(("phrase", "phrase", "cos", "m"), (suggestion.ActionId, suggestion.BlockId, suggestion.Value, suggestion.View!.PrivateMetadata));
        Assert.Equal(("find", "1.2.3", "T1"), (global.CallbackId, global.TriggerId, global.TeamId));
        Assert.Equal(("find-msg", "C1", "we want to fine-tune", "U2"), (message.CallbackId, message.Channel!.Id, message.Message!.Text, message.Message.User));
    }

    [Fact]
    public void An_interaction_CoachBot_does_not_handle_reads_as_the_base_record_with_its_team()
    {
        var payload = ParseInteraction("""{"view":{"id":"V1"},"type":"view_closed","team":null,"user":{"id":"U1","team_id":"T7"},"is_cleared":false}""");

        Assert.Equal(typeof(InteractionPayload), payload.GetType());
        Assert.Equal("T7", payload.TeamId);
    }

    [Theory]
    [InlineData("""{"user":"U1"}""")]
    [InlineData("""{"type":"","user":"U1"}""")]
    [InlineData("""{"type":null}""")]
    public void An_event_without_a_type_is_a_payload_error(string inner)
    {
        Assert.Throws<SlackPayloadException>(() => ParseJson($$"""{"type":"event_callback","team_id":"T1","event_id":"Ev5","event":{{inner}}}"""));
    }

    [Theory]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev6","event":{"type":"app_mention","user":5}}""", "$.event.user")]
    [InlineData("""{"type":"event_callback","team_id":["T1"],"event_id":"Ev6","event":{"type":"message"}}""", "$.team_id")]
    [InlineData("""{"type":"event_callback","team_id":"T1","event_id":"Ev6","event":"message"}""", "$.event")]
    public void A_modelled_field_of_the_wrong_JSON_type_is_a_payload_error_naming_it(string json, string path)
    {
        var error = Assert.Throws<SlackPayloadException>(() => ParseJson(json));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_wrongly_typed_interaction_field_is_a_payload_error()
    {
        Assert.Throws<SlackPayloadException>(() => ParseInteraction("""{"type":"block_actions","actions":{"action_id":"a"}}"""));
        Assert.Throws<SlackPayloadException>(() => ParseInteraction("null"));
    }

    [Fact]
    public void A_slash_command_from_Socket_Mode_is_read_from_its_JSON_and_checked_like_the_form()
    {
        var command = SlackPayloadParser.ParseSlashCommand("""
            {"token":"x","team_id":"T1","team_domain":"acme","channel_id":"C1","user_id":"U1","command":"/coach","text":"say cost",
             "api_app_id":"A1","is_enterprise_install":"false","response_url":"https://hooks.slack.com/commands/1","trigger_id":"1.2.3"}
            """u8);

        Assert.Equal(new SlashCommand("T1", "C1", "U1", "/coach", "say cost", "https://hooks.slack.com/commands/1", "1.2.3"), command);
        Assert.Equal("", SlackPayloadParser.ParseSlashCommand("""{"team_id":"T1","channel_id":"C1","user_id":"U1","command":"/coach","response_url":"u"}"""u8).Text);
        var missing = Assert.Throws<SlackPayloadException>(() => SlackPayloadParser.ParseSlashCommand("""{"team_id":"T1","channel_id":"C1","user_id":"U1","command":"/coach"}"""u8));
        Assert.Contains("response_url", missing.Message);
    }
}
