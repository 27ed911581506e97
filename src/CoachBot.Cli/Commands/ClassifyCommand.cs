using System.CommandLine;
using CoachBot.Core.Classification;

namespace CoachBot.Cli.Commands;

/// <summary>`coachbot classify "statement" [--json] [--stdin]`: what kind of need the buyer's words describe.</summary>
public static class ClassifyCommand
{
    public static Command Create(CliIo io)
    {
        var statement = new Argument<string?>("statement") { Description = "The buyer's words.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var stdin = new Option<bool>("--stdin") { Description = "Read one statement per line from standard input; write one JSON object per line." };
        var command = new Command("classify", "Read a buyer statement: behavior, knowledge, both, train or unclear.") { statement, json, stdin };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(statement);
            var fromStdin = parse.GetValue(stdin);
            if (fromStdin && text is not null) return io.BadArguments("give either a statement or --stdin, not both.");
            if (!fromStdin && string.IsNullOrWhiteSpace(text)) return io.BadArguments("classify needs the buyer's words, e.g. coachbot classify \"we want it to sound like us\".");

            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;
            if (io.LoadUnderstanding(playbook) is not { } understanding) return CoachBotCli.PlaybookBroken;
            NeedClassification Classify(string statement) => understanding.ClassifyAsync(statement).GetAwaiter().GetResult();
            if (fromStdin)
            {
                while (io.In.ReadLine() is { } line)
                {
                    if (line.Trim().Length == 0) continue;
                    io.WriteJsonLine(ToJson(Classify(line)));
                }
                return CoachBotCli.Ok;
            }

            var reading = Classify(text!);
            if (parse.GetValue(json))
            {
                io.WriteJsonLine(ToJson(reading));
                return CoachBotCli.Ok;
            }
            io.Out.WriteLine($"Need: {NeedName(reading.Need)} (confidence {reading.Confidence:0.00})");
            foreach (var (step, value) in reading.InferredAnswers.Where(a => a.Key != "need")) io.Out.WriteLine($"Also heard: {step} = {value}");
            foreach (var signal in reading.Signals) io.Out.WriteLine($"  - {signal}");
            return CoachBotCli.Ok;
        });
        return command;
    }

    public sealed record ClassifyJson(string Need, double Confidence, IReadOnlyList<string> Signals, IReadOnlyDictionary<string, string> Inferred);

    public static ClassifyJson ToJson(NeedClassification reading) =>
        new(NeedName(reading.Need), Math.Round(reading.Confidence, 3), reading.Signals, reading.InferredAnswers);

    public static string NeedName(Need need) => need.ToString().ToLowerInvariant();
}
