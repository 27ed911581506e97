using System.CommandLine;
using System.Reflection;
using CoachBot.Core.Evaluation;
using CoachBot.Core.Semantics;

namespace CoachBot.Cli.Commands;

/// <summary>
/// `coachbot eval [--set file]...`: how well the coach understands wording, on labelled sets. Look-up sets report
/// top-1, top-3 and no-match precision; buyer-statement sets the classifier's accuracy with its confusion matrix. By
/// default the sets kept in tests/CoachBot.Core.Tests/TestData (built into coachbot): the tuning sets and the
/// held-out sets, written before any tuning and never copied into the playbook.
/// </summary>
public static class EvalCommand
{
    private const string EmbeddedSetPrefix = "eval/";
    private const string HeldOutPrefix = "heldout-";

    public static Command Create(CliIo io)
    {
        var sets = new Option<FileInfo[]>("--set") { Description = "A labelled set (YAML with queries: or statements:); repeat for several. Default: the shipped tuning and held-out sets." };
        var misses = new Option<bool>("--misses") { Description = "List every query or statement read wrongly (of the shipped sets, the tuning sets' only)." };
        var command = new Command("eval", "Measure look-up and classifier accuracy on labelled sets.") { sets, misses };
        command.SetAction(parse =>
        {
            var loaded = new List<LabelledSet>();
            try
            {
                var files = parse.GetValue(sets) ?? [];
                if (files.Length == 0) loaded.AddRange(ShippedSets());
                foreach (var file in files)
                {
                    if (!file.Exists) return io.BadArguments($"no labelled set at {file.FullName}.");
                    loaded.Add(LabelledSets.Parse(file.Name, File.ReadAllText(file.FullName)));
                }
            }
            catch (FormatException e)
            {
                return io.BadArguments(e.Message);
            }

            var playbook = io.LoadPlaybook(parse);
            if (playbook is null) return CoachBotCli.PlaybookBroken;
            if (io.LoadUnderstanding(playbook) is not { } understanding) return CoachBotCli.PlaybookBroken;
            io.Out.WriteLine($"Understanding: {understanding.Description}");
            // A held-out set's misses are what tuning must not see: shown only for a set named with --set.
            var fromFiles = parse.GetValue(sets) is { Length: > 0 };
            foreach (var set in loaded)
                Report(io.Out, set, understanding, parse.GetValue(misses) && (fromFiles || !set.Name.StartsWith(HeldOutPrefix, StringComparison.Ordinal)));
            if (parse.GetValue(misses) && !fromFiles)
                io.Out.WriteLine($"{Environment.NewLine}Misses of the held-out sets are not listed: they are for measuring, not tuning.");
            return CoachBotCli.Ok;
        });
        return command;
    }

    private static IEnumerable<LabelledSet> ShippedSets()
    {
        var assembly = typeof(EvalCommand).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(EmbeddedSetPrefix, StringComparison.Ordinal)).Order())
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return LabelledSets.Parse(name[EmbeddedSetPrefix.Length..], reader.ReadToEnd());
        }
    }

    private static void Report(TextWriter output, LabelledSet set, CoachUnderstanding understanding, bool listMisses)
    {
        output.WriteLine();
        if (set.Queries.Count > 0)
        {
            var score = UnderstandingEvaluator.Score(set.Queries, q => understanding.LookupAsync(q).GetAwaiter().GetResult());
            output.WriteLine($"{set.Name}: {score.Count} look-ups");
            output.WriteLine($"  top-1 {score.Top1Rate:P1} ({score.Top1}/{score.Count})   top-3 {score.Top3Rate:P1} ({score.Top3}/{score.Count})");
            output.WriteLine($"  no match: precision {score.NoMatchPrecision:P1} ({score.CorrectNone}/{score.AnsweredNone} answered \"no match\" were labelled none), " +
                $"recall {score.NoMatchRecall:P1} ({score.CorrectNone}/{score.LabelledNone} labelled none got \"no match\")");
            if (listMisses)
                foreach (var miss in score.Misses)
                    output.WriteLine($"  miss: \"{miss.Query}\" expected {miss.Expected}, got {string.Join(", ", miss.Answers)}");
        }
        if (set.Statements.Count > 0)
        {
            var score = UnderstandingEvaluator.Score(set.Statements, s => understanding.ClassifyAsync(s).GetAwaiter().GetResult());
            output.WriteLine($"{set.Name}: {score.Count} buyer statements");
            output.WriteLine($"  need accuracy {score.Accuracy:P1} ({score.Correct}/{score.Count}); kind of change {score.ChangeAccuracy:P1} " +
                $"({score.ChangeCorrect}/{score.ChangeLabelled}); data age {score.DataChangedAccuracy:P1} ({score.DataChangedCorrect}/{score.DataChangedLabelled}); " +
                $"answers inferred wrongly {score.WrongInferences}");
            output.WriteLine("  confusion (rows: labelled, columns: read)");
            output.WriteLine("  " + "".PadRight(10) + string.Concat(ClassifierScore.Needs.Select(n => n.PadLeft(10))));
            foreach (var labelled in ClassifierScore.Needs)
                output.WriteLine("  " + labelled.PadRight(10) + string.Concat(ClassifierScore.Needs.Select(read =>
                    score.Confusion.GetValueOrDefault((labelled, read)).ToString().PadLeft(10))));
            if (listMisses)
            {
                foreach (var (text, labelled, read) in score.Misses)
                    output.WriteLine($"  miss: \"{text}\" labelled {labelled}, read {read}");
                foreach (var (text, step, labelled, inferred) in score.WrongInferenceList)
                    output.WriteLine($"  inferred wrongly: \"{text}\" {step} {labelled ?? "(not said)"}, inferred {inferred}");
            }
        }
    }
}
