using System.Text.Json.Nodes;
using CoachBot.Core.Conversation;
using CoachBot.Core.Dialogs;
using CoachBot.Slack.Background;
using CoachBot.Slack.Conversations;
using CoachBot.Slack.Inbound;
using CoachBot.Slack.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoachBot.Slack.Handlers;

/// <summary>
/// <c>/coach</c>. Help, phrase look-ups and the prep brief are answered in the acknowledgement itself (only the
/// seller sees them, mid-call); look-ups get a "Post to channel" button. Everything else is a dialog turn: it is
/// acknowledged at once and answered through response_url when the turn has run.
/// </summary>
public sealed class SlashCommandHandler(SlackCoach coach, SlackWorkQueue queue, IOptions<SlackOptions> options) : ISlackSlashCommandHandler
{
    public const string BusyText = "I'm handling a lot of requests right now. Please try that again in a moment.";

    public async Task<SlackAck?> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        var commandName = options.Value.CommandName;
        if (!string.Equals(command.Command, commandName, StringComparison.OrdinalIgnoreCase))
        {
            return SlackAck.From(new JsonObject
            {
                ["response_type"] = "ephemeral",
                ["text"] = $"I don't know {SlackReplyRenderer.Escape(command.Command)}. Try {SlackReplyRenderer.Escape(commandName)} help.",
            });
        }

        // Parsed once: what it asks for decides where it is answered, and the coach takes the same reading.
        var text = command.Text.Trim();
        var utterance = text.Length == 0
            ? Utterance.FromParsed("help", new ParsedCommand(CommandKind.Help))
            : Utterance.FromParsed(text, CommandParser.Parse(text));
        var kind = utterance.Parsed!.Kind;
        if (kind is CommandKind.Help or CommandKind.Phrase or CommandKind.Define or CommandKind.Prep)
        {
            var result = await coach.RunStatelessAsync(utterance, cancellationToken);
            var message = SlackReplyRenderer.RenderTurn(result.Replies)[0];
            if (kind is CommandKind.Phrase or CommandKind.Define) message = SlackReplyRenderer.WithShareButton(message, text);
            return SlackReplyRenderer.Acknowledge(message, "ephemeral");
        }

        var key = SlackConversationKeys.ForSeller(command.Team, command.ChannelId, command.UserId);
        var destination = new ResponseUrlDestination(command.ResponseUrl);
        var queued = queue.TryEnqueue(new SlackWorkItem($"slash command turn in {key}", async (services, ct) =>
        {
            var result = await coach.RunAsync(key, utterance, ct);
            await services.GetRequiredService<SlackReplySender>().SendAsync(destination, result.Replies, ct);
        }));
        return queued ? null : SlackAck.From(new JsonObject { ["response_type"] = "ephemeral", ["text"] = BusyText });
    }
}
