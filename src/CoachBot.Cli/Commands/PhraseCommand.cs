using System.CommandLine;
using CoachBot.Core.Cards;
using CoachBot.Core.Json;
using CoachBot.Core.Lookup;
using CoachBot.Core.Rendering;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot phrase "query" [--json] [--stdin]`: the don't-say / do-say look-up.</summary>
public static class PhraseCommand
{
    public static Command Create(CliIo io)
    {
        var query = new Argument<string?>("query") { Description = "What the buyer or seller said, e.g. \"expensive\".", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var stdin = new Option<bool>("--stdin") { Description = "Read one query per line from standard input; write one JSON object per line." };
        var command = new Command("phrase", "Find what to say instead, ranked.") { query, json, stdin };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(query);
            var fromStdin = parse.GetValue(stdin);
            if (fromStdin && text is not null) return io.BadArguments("give either a query or --stdin, not both.");
            if (!fromStdin && string.IsNullOrWhiteSpace(text)) return io.BadArguments("phrase needs a query, e.g. coachbot phrase \"too expensive\".");

            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;
            if (io.LoadUnderstanding(playbook) is not { } understanding) return CoachBotCli.PlaybookBroken;
            var cards = new CardFactory(playbook);
            LookupResult Search(string q) => understanding.LookupAsync(q).GetAwaiter().GetResult();

            if (fromStdin)
            {
                while (io.In.ReadLine() is { } line)
                {
                    if (line.Trim().Length == 0) continue;
                    io.WriteJsonLine(PhraseLookupJson.From(Search(line), cards));
                }
                return CoachBotCli.Ok;
            }

            var result = Search(text!);
            if (parse.GetValue(json)) io.WriteJsonLine(PhraseLookupJson.From(result, cards));
            else io.Out.Write(new PlainTextRenderer().Render(cards.Phrases(result)));
            return CoachBotCli.Ok;
        });
        return command;
    }
}
