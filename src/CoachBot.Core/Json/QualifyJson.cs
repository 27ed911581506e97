using CoachBot.Core.Cards;
using CoachBot.Core.Dialogs;
using CoachBot.Core.Rendering;

namespace CoachBot.Core.Json;

/// <summary>
/// Where the qualify dialog stands, as JSON (`POST /api/qualify`): the answers taken so far with their labels, then
/// either the next question with its one-click choices or the recommendation. <see cref="Notes"/> are what the
/// coach said besides (the coaching for "not sure"), as plain text.
/// </summary>
public sealed record QualifyJson(IReadOnlyList<AnswerJson> Answers, QuestionJson? Question, RecommendationJson? Recommendation, IReadOnlyList<string> Notes)
{
    public static QualifyJson From(QualifyProgress progress, CardFactory cards)
    {
        var steps = cards.Playbook.Dialog(Coach.QualifyDialogId).Steps;
        var answers = steps.Where(s => progress.Answers.ContainsKey(s.Id)).Select(s =>
        {
            var value = progress.Answers[s.Id];
            var choice = s.Choices.FirstOrDefault(c => c.Value == value);
            return new AnswerJson(s.Id, s.Label, value, choice?.Short ?? value);
        }).ToList();
        var question = progress.Question is { } q
            ? new QuestionJson(q.StepId, q.Prompt, q.Choices.Select(c => new ChoiceJson(c.Value, c.Label, c.Short)).ToList())
            : null;
        var recommendation = progress.Rule is { } rule ? RecommendationJson.From(cards, rule, progress.Answers) : null;
        var renderer = new PlainTextRenderer();
        return new QualifyJson(answers, question, recommendation, progress.Notes.Select(renderer.Render).ToList());
    }
}

public sealed record AnswerJson(string Step, string Label, string Value, string Short);
public sealed record QuestionJson(string Step, string Prompt, IReadOnlyList<ChoiceJson> Choices);
public sealed record ChoiceJson(string Value, string Label, string Short);
