using System.Net;
using System.Text;
using CoachBot.Server.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CoachBot.Server.Tests.Hosting;

/// <summary>Bad input to /api/messages gets a 4xx that says what is wrong, never a 5xx.</summary>
public sealed class MessagesEndpointTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"message\"")]
    [InlineData("""{"type": 5}""")]
    [InlineData("""{"type": "message", "conversation": "c1"}""")]
    [InlineData("""{"type": "message", "membersAdded": {"id": "x"}}""")]
    [InlineData("""{"type": "message", "conversation": {"id": ["c1"]}}""")]
    [InlineData("""{"type": "message", "text": "\ud800"}""")]
    [InlineData("""{"type": "message", "value": {"choice": "\udfff"}}""")]
    [InlineData("""{"type": "invoke", "channelData": {"t\ud800": 1}}""")]
    public async Task A_body_that_is_not_an_activity_is_a_400(string body)
    {
        var response = await fixture.Bot.PostAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Contains("not a Bot Framework activity", response.Body);
    }

    [Theory]
    [InlineData("""{"channelId": "emulator"}""", "no type")]
    [InlineData("""{"type": "message", "serviceUrl": "http://127.0.0.1:1/"}""", "no conversation.id")]
    [InlineData("""{"type": "message", "conversation": {"id": "c"}}""", "serviceUrl")]
    [InlineData("""{"type": "message", "conversation": {"id": "c"}, "serviceUrl": "ftp://host/"}""", "serviceUrl")]
    [InlineData("""{"type": "invoke", "name": "composeExtension/query", "conversation": {"id": "c"}, "serviceUrl": "/relative"}""", "serviceUrl")]
    [InlineData("""{"type": "conversationUpdate", "conversation": {"id": "c"}, "serviceUrl": "http://127.0.0.1:1/", "membersAdded": [null]}""", "null member")]
    [InlineData("""{"type": "message", "conversation": {"id": "c"}, "serviceUrl": "http://127.0.0.1:1/", "attachments": [null]}""", "attachment")]
    public async Task An_activity_missing_what_a_reply_needs_is_a_400_naming_it(string body, string named)
    {
        var response = await fixture.Bot.PostAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Contains(named, response.Body);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413()
    {
        var text = new string('x', 300 * 1024);
        var response = await fixture.Bot.PostAsync(Activities.Message(fixture.Connector.ServiceUrl, "big", text));

        Assert.Equal(413, response.Status);
        Assert.Empty(fixture.Connector.MessagesIn("big"));
    }

    [Fact]
    public async Task An_oversized_body_without_a_content_length_is_a_413_too()
    {
        var body = Encoding.UTF8.GetBytes(Activities.Message(fixture.Connector.ServiceUrl, "chunked", new string('y', 300 * 1024)).ToJsonString());
        var context = await fixture.Bot.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/api/messages";
            c.Request.Body = new MemoryStream(body);
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
        });

        Assert.Equal(413, context.Response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_activity_type_is_accepted_and_ignored()
    {
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "reaction", null);
        activity["type"] = "messageReaction";

        var response = await fixture.Bot.PostAsync(activity);

        Assert.Equal(200, response.Status);
        Assert.Empty(fixture.Connector.MessagesIn("reaction"));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "extra", "help");
        activity["somethingNew"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = 1 };
        activity["timestamp"] = "2026-11-23T10:00:00.000Z";
        activity["channelData"] = "a string, not Teams' object";

        Assert.Equal(200, (await fixture.Bot.PostAsync(activity)).Status);
        Assert.NotEmpty(fixture.Connector.MessagesIn("extra"));
    }

    [Fact]
    public async Task Other_methods_are_a_405()
    {
        var response = await fixture.Bot.CreateClient().GetAsync("/api/messages");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_invoke_is_a_501()
    {
        var invoke = Activities.Invoke(fixture.Connector.ServiceUrl, "invoke-unknown", "task/fetch", new System.Text.Json.Nodes.JsonObject());
        var response = await fixture.Bot.PostAsync(invoke);
        Assert.Equal(501, response.Status);
    }

    [Fact]
    public async Task A_message_with_neither_text_nor_card_data_gets_a_hint()
    {
        var response = await fixture.Bot.PostAsync(Activities.Message(fixture.Connector.ServiceUrl, "empty", "   "));

        Assert.Equal(200, response.Status);
        var reply = Assert.Single(fixture.Connector.MessagesIn("empty"));
        Assert.Contains("only read text", reply.Text);
    }
}
