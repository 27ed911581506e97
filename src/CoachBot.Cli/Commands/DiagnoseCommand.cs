using System.CommandLine;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Dialogs;
using CoachBot.Core.Json;
using CoachBot.Core.Playbook;
using CoachBot.Core.Rendering;

namespace CoachBot.Cli.Commands;

/// <summary>
/// `coachbot diagnose --need ... [--own-model ...] [--data-changed ...] ... [--json]`: the decision table without
/// the dialog. Each option answers the qualify step of the same name; which ones are needed, and which values
/// they take, is read from the playbook, exactly as the dialog would ask them.
/// </summary>
public static class DiagnoseCommand
{
    /// <summary>The qualify steps of the shipped playbook, in dialog order; each is an option of the same name.</summary>
    public static readonly IReadOnlyList<string> Steps = ["need", "own-model", "training-budget", "data-changed", "change", "behavior-changes", "labeled-data", "reviewed"];

    public static Command Create(CliIo io)
    {
        var options = Steps.Select(step => new Option<string?>("--" + step) { Description = $"The answer to the '{step}' question (a choice value)." }).ToList();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };

        var command = new Command("diagnose", "Recommend prompting, RAG, fine-tuning or training from the answers.") { json };
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var given = Steps.Zip(options)
                .Where(pair => parse.GetValue(pair.Second) is not null)
                .ToDictionary(pair => pair.First, pair => parse.GetValue(pair.Second)!.Trim());

            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;

            var answers = Answers(playbook.Dialog(Coach.QualifyDialogId), given, out var problem);
            if (answers is null) return io.BadArguments(problem);

            var rule = Conditions.Decide(playbook.Rules, answers);
            if (rule is null)
            {
                io.Error.WriteLine("coachbot: the playbook has no rule for these answers.");
                return CoachBotCli.PlaybookBroken;
            }

            var cards = new CardFactory(playbook);
            if (!parse.GetValue(json))
            {
                // Printed once, with nothing to press: the whole card, not its compact form.
                io.Out.Write(new PlainTextRenderer().Render(cards.Recommendation(rule, answers, null).WithDetailsShown()));
                return CoachBotCli.Ok;
            }

            io.WriteJsonLine(RecommendationJson.From(cards, rule, answers));
            return CoachBotCli.Ok;
        });
        return command;
    }

    /// <summary>
    /// The answers as the dialog would collect them: every step whose condition holds must be answered with one
    /// of its choices, and no other step may be. Null, with the problem in the seller's terms, otherwise.
    /// </summary>
    public static Dictionary<string, string>? Answers(DialogDefinition dialog, IReadOnlyDictionary<string, string> given, out string problem)
    {
        var answers = new Dictionary<string, string>();
        foreach (var step in dialog.Steps)
        {
            var applies = Conditions.Match(step.When, answers);
            var answered = given.TryGetValue(step.Id, out var value);
            if (applies && !answered)
            {
                problem = Steps.Contains(step.Id)
                    ? $"--{step.Id} is required{When(step)} ({Values(step)})."
                    : $"the playbook's step '{step.Id}' has no option in `coachbot diagnose`; use the chat for this playbook.";
                return null;
            }
            if (!applies && answered)
            {
                problem = $"--{step.Id} applies only{When(step)}.";
                return null;
            }
            if (!answered) continue;
            var choice = step.Choices.FirstOrDefault(c => !c.Coach && string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase));
            if (choice is null)
            {
                problem = $"--{step.Id}: '{value}' is not one of {Values(step)}.";
                return null;
            }
            answers[step.Id] = choice.Value;
        }
        var unknown = given.Keys.FirstOrDefault(key => dialog.Steps.All(s => s.Id != key));
        problem = unknown is null ? "" : $"--{unknown} is not a question of this playbook's dialog.";
        return unknown is null ? answers : null;
    }

    private static string When(DialogStep step) =>
        step.When.Count == 0 ? "" : " when " + string.Join(" and ", step.When.Select(w => $"--{w.Key} is {string.Join(" or ", w.Value)}"));

    private static string Values(DialogStep step) => string.Join(", ", step.Choices.Where(c => !c.Coach).Select(c => c.Value));
}
