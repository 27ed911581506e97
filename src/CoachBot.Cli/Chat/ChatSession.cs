using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Conversation;
using CoachBot.Core.Dialogs;
using CoachBot.Core.State;
using Spectre.Console;

namespace CoachBot.Cli.Chat;

/// <summary>
/// The terminal conversation: numbers answer questions (as in Teams and Slack), letters press the buttons shown by
/// the last turn, anything else is typed text, and a mistyped command ("qualfy") is taken for the command it
/// nearly is. The conversation is kept in the store like any channel's, so a dialog left half-way resumes next
/// time, with its question shown again, and look-ups count in `coachbot report`.
/// </summary>
public sealed class ChatSession(
    Coach coach, ConversationTurnRunner runner, ConversationKey key, IConversationStateStore states,
    SpectreReplyWriter writer, IChatInput input, IAnsiConsole console)
{
    private const string Prompt = "[bold]> [/]";
    private static readonly HashSet<string> ExitWords = ["/quit", "/exit", "/q"];

    public void Run()
    {
        writer.BeginTurn();
        if (Saved() is { IsIdle: false } pending)
        {
            // Back in the middle of a dialog: the question again, with the answers given so far, and no welcome
            // card whose "Qualify" button would look like the way on.
            console.MarkupLine("[grey]Welcome back. You were in the middle of qualifying a buyer.[/]");
            foreach (var reply in coach.Resume(pending)) writer.Write(reply);
        }
        else
        {
            writer.Write(new CardReply(coach.WelcomeCard()));
        }
        var actions = writer.LastActions;
        console.MarkupLine("[grey]Type[/] qualify[grey], [/]phrase cost[grey], [/]coach: <buyer's words>[grey], [/]prep[grey] or [/]help[grey]. [/]/quit[grey] or Ctrl-C leaves.[/]");

        while (input.ReadLine(Prompt) is { } line)
        {
            var text = line.Trim();
            if (ExitWords.Contains(text.ToLowerInvariant())) break;
            if (text.Length == 0) continue;

            Utterance utterance;
            if (ActionFor(text, actions) is { } action)
            {
                utterance = Utterance.FromAction(action.Command);
            }
            else
            {
                if (!AnswersPendingQuestion(text) && CommandParser.Correct(text) is { } command)
                {
                    console.MarkupLine($"[grey](taking \u201c{Markup.Escape(text)}\u201d as \u201c{Markup.Escape(command)}\u201d)[/]");
                    text = command;
                }
                utterance = Utterance.FromText(text);
            }

            var result = runner.RunAsync(key, utterance).GetAwaiter().GetResult();
            writer.BeginTurn();
            foreach (var reply in result.Replies) writer.Write(reply);
            actions = writer.LastActions;
        }
        console.MarkupLine("[grey]Bye. Good luck in the meeting.[/]");
    }

    private DialogState? Saved()
    {
        try
        {
            return states.LoadAsync(key).GetAwaiter().GetResult()?.State;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException)
        {
            // The runner reports an unreachable store on the first turn; nothing to resume meanwhile.
            return null;
        }
    }

    /// <summary>Whether the text is an answer to the question waiting, which a typo correction must never override.</summary>
    private bool AnswersPendingQuestion(string text) =>
        Saved() is { DialogId: not null, StepId: { } stepId }
        && coach.Playbook.Dialog(Coach.QualifyDialogId).Steps.FirstOrDefault(s => s.Id == stepId) is { } step
        && ChoiceMatcher.Match(step, text) is not null;

    private static CardAction? ActionFor(string line, IReadOnlyList<CardAction> actions)
    {
        if (line.Length != 1 || !char.IsAsciiLetterLower(char.ToLowerInvariant(line[0]))) return null;
        var index = char.ToLowerInvariant(line[0]) - 'a';
        return index < actions.Count ? actions[index] : null;
    }
}
