using System.CommandLine;
using CoachBot.Core;
using CoachBot.Core.Cards;
using CoachBot.Core.Dialogs;
using CoachBot.Core.Rendering;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot diagnose --need ... --data-changed ... [--change ...] [--json]`: the decision table without the dialog.</summary>
public static class DiagnoseCommand
{
    public static Command Create(CliIo io)
    {
        var need = new Option<string>("--need") { Description = "What the buyer needs to change.", Required = true };
        need.AcceptOnlyFromAmong("behavior", "knowledge", "both", "train");
        var dataChanged = new Option<string>("--data-changed") { Description = "When the underlying data last changed.", Required = true };
        dataChanged.AcceptOnlyFromAmong("week", "month", "quarter", "year", "stable", "unknown");
        var change = new Option<string?>("--change") { Description = "The kind of behaviour change (behavior or both only)." };
        change.AcceptOnlyFromAmong("tone", "format", "volume", "vocabulary");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };

        var command = new Command("diagnose", "Recommend prompting, RAG, fine-tuning or training from the answers.") { need, dataChanged, change, json };
        command.SetAction(parse =>
        {
            var needValue = parse.GetValue(need)!;
            var changeValue = parse.GetValue(change);
            var asksChange = needValue is "behavior" or "both";
            if (asksChange && changeValue is null)
                return io.BadArguments($"--change is required when --need is {needValue} (tone, format, volume or vocabulary).");
            if (!asksChange && changeValue is not null)
                return io.BadArguments($"--change applies only when --need is behavior or both, not {needValue}.");

            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;

            var answers = new Dictionary<string, string> { ["need"] = needValue, ["data-changed"] = parse.GetValue(dataChanged)! };
            if (changeValue is not null) answers["change"] = changeValue;

            var rule = Conditions.Decide(playbook.Rules, answers);
            if (rule is null)
            {
                io.Error.WriteLine("coachbot: the playbook has no rule for these answers.");
                return CoachBotCli.PlaybookBroken;
            }

            var cards = new CardFactory(playbook);
            if (!parse.GetValue(json))
            {
                io.Out.Write(new PlainTextRenderer().Render(cards.Recommendation(rule, answers, null)));
                return CoachBotCli.Ok;
            }

            var approach = playbook.Approach(rule.Recommend);
            var analogy = playbook.AnalogyFor(rule.Recommend);
            var next = playbook.Question(rule.NextQuestion);
            io.WriteJsonLine(new DiagnoseJson(
                rule.Recommend,
                rule.Id,
                approach.Headline,
                cards.FillAnswers(rule.Why, answers),
                rule.Caveat is null ? null : cards.FillAnswers(rule.Caveat, answers),
                rule.AlsoConsider is null ? null : cards.FillAnswers(rule.AlsoConsider, answers),
                analogy is null ? null : new AnalogyJson(analogy.Id, analogy.Concept, analogy.Mapping, analogy.Holds, analogy.Breaks, analogy.BuyerLine),
                new QuestionJson(next.Id, next.AskTheBuyer, next.WhyItMatters),
                cards.PhrasesFor(rule.Recommend).Take(CardFactory.MaxPhrasesOnRecommendation).Select(p => new PhraseJson(p.Id, p.DoSay)).ToList(),
                new CostJson(approach.Cost.Summary, approach.Cost.Ongoing),
                playbook.Claims.Where(c => rule.Claims.Contains(c.Id)).Select(c => new ClaimJson(c.Id, c.Text, c.Verified, c.Verified ? null : c.Caveat)).ToList()));
            return CoachBotCli.Ok;
        });
        return command;
    }

    public sealed record DiagnoseJson(string Recommendation, string Rule, string Headline, string Why, string? Caveat, string? AlsoConsider,
        AnalogyJson? Analogy, QuestionJson NextQuestion, IReadOnlyList<PhraseJson> DoSay, CostJson Cost, IReadOnlyList<ClaimJson> Claims);
    public sealed record AnalogyJson(string Id, string Concept, string Mapping, string Holds, string Breaks, string BuyerLine);
    public sealed record QuestionJson(string Id, string Text, string Why);
    public sealed record PhraseJson(string Id, string DoSay);
    public sealed record CostJson(string UpFront, string Ongoing);
    public sealed record ClaimJson(string Id, string Text, bool Verified, string? Caveat);
}
