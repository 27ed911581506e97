using CoachBot.Core.Text;

namespace CoachBot.Core.Dialogs;

/// <summary>What a typed message asks for, before any dialog step sees it.</summary>
public enum CommandKind { None, Help, Cancel, StartOver, Back, Qualify, CoachOnWords, Phrase, Prep, Greeting, Define, Details }

public sealed record ParsedCommand(CommandKind Kind, string Argument = "");

/// <summary>
/// Recognises the few commands that work anywhere. Whole-message commands ("cancel", "back") only match the whole
/// message so that an answer such as "go back to basics" is not mistaken for one; prefixed commands
/// ("phrase cost", "coach: the CIO wants...") take the rest of the message as their argument.
/// </summary>
public static class CommandParser
{
    private static readonly Dictionary<string, CommandKind> WholeMessage = new()
    {
        ["help"] = CommandKind.Help, ["what can you do"] = CommandKind.Help, ["commands"] = CommandKind.Help, ["menu"] = CommandKind.Help,
        ["cancel"] = CommandKind.Cancel, ["stop"] = CommandKind.Cancel, ["quit"] = CommandKind.Cancel, ["exit"] = CommandKind.Cancel,
        ["never mind"] = CommandKind.Cancel, ["nevermind"] = CommandKind.Cancel, ["abort"] = CommandKind.Cancel,
        ["start over"] = CommandKind.StartOver, ["restart"] = CommandKind.StartOver, ["reset"] = CommandKind.StartOver,
        ["start again"] = CommandKind.StartOver, ["begin again"] = CommandKind.StartOver,
        ["back"] = CommandKind.Back, ["go back"] = CommandKind.Back, ["previous"] = CommandKind.Back, ["undo"] = CommandKind.Back,
        ["qualify"] = CommandKind.Qualify, ["start"] = CommandKind.Qualify, ["diagnose"] = CommandKind.Qualify, ["coach"] = CommandKind.Qualify,
        ["coach me"] = CommandKind.Qualify, ["recommend"] = CommandKind.Qualify,
        ["prep"] = CommandKind.Prep, ["prepare"] = CommandKind.Prep, ["meeting prep"] = CommandKind.Prep, ["brief"] = CommandKind.Prep,
        ["details"] = CommandKind.Details, ["show details"] = CommandKind.Details, ["more details"] = CommandKind.Details,
        ["full card"] = CommandKind.Details,
        ["hi"] = CommandKind.Greeting, ["hello"] = CommandKind.Greeting, ["hey"] = CommandKind.Greeting,
    };

    // Longest prefix first so "buyer said" wins over "buyer"; each with its trailing space and word count.
    private static readonly (string PrefixAndSpace, int Words, CommandKind Kind)[] Prefixes = new (string Prefix, CommandKind Kind)[]
    {
        ("phrase", CommandKind.Phrase), ("phrases", CommandKind.Phrase), ("say", CommandKind.Phrase), ("lookup", CommandKind.Phrase),
        ("look up", CommandKind.Phrase), ("find", CommandKind.Phrase),
        ("coach", CommandKind.CoachOnWords), ("qualify", CommandKind.CoachOnWords), ("buyer", CommandKind.CoachOnWords),
        ("buyer said", CommandKind.CoachOnWords), ("they said", CommandKind.CoachOnWords), ("diagnose", CommandKind.CoachOnWords),
        ("what is", CommandKind.Define), ("whats", CommandKind.Define), ("define", CommandKind.Define),
        ("explain", CommandKind.Define), ("analogy for", CommandKind.Define), ("analogy", CommandKind.Define),
    }
        .OrderByDescending(p => p.Prefix.Length)
        .Select(p => (p.Prefix + " ", p.Prefix.Split(' ').Length, p.Kind))
        .ToArray();

    public static ParsedCommand Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ParsedCommand(CommandKind.None);
        var trimmed = text.Trim();
        var normalized = TextNormalizer.Normalize(trimmed);
        if (normalized.Length == 0) return trimmed.Trim() == "?" ? new ParsedCommand(CommandKind.Help) : new ParsedCommand(CommandKind.None);
        if (WholeMessage.TryGetValue(normalized, out var kind)) return new ParsedCommand(kind);

        foreach (var (prefixAndSpace, words, prefixKind) in Prefixes)
        {
            if (!normalized.StartsWith(prefixAndSpace, StringComparison.Ordinal)) continue;
            var argument = ArgumentAfter(trimmed, words);
            if (argument.Length == 0) continue;
            // Definitions keep the whole question: the look-up reads "what is" as a glossary cue.
            return new ParsedCommand(prefixKind, prefixKind == CommandKind.Define ? trimmed : argument);
        }
        return new ParsedCommand(CommandKind.None, trimmed);
    }

    // Prefix commands whose first word is corrected when mistyped; short or common words ("say", "find", "buyer")
    // are left alone, since a typo of them is as likely to be an ordinary word.
    private static readonly string[] CorrectablePrefixes = ["phrase", "coach", "qualify"];

    /// <summary>
    /// The command a mistyped message most likely meant: "qualfy" -> "qualify", "strat over" -> "start over",
    /// "phrsae cost" -> "phrase cost", "hlep" -> "help". Null when the message already is a command, or no single
    /// command is within the typos a word of its length may carry: two letters swapped for a short command (one
    /// changed letter turns "stop" into "step"), one typo under eight letters, two from eight.
    /// </summary>
    public static string? Correct(string? text)
    {
        if (Parse(text).Kind != CommandKind.None) return null;
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0) return null;

        var whole = WholeMessage.Keys.Where(command => Near(normalized, command)).ToList();
        if (whole.Count == 1) return whole[0];
        if (whole.Count > 1) return null;

        var words = normalized.Split(' ');
        if (words.Length < 2) return null;
        var prefixes = CorrectablePrefixes.Where(prefix => Near(words[0], prefix)).ToList();
        return prefixes.Count == 1 ? $"{prefixes[0]} {ArgumentAfter(text!.Trim(), 1)}" : null;
    }

    private static bool Near(string typed, string command)
    {
        if (typed == command) return false;
        if (command.Length < 5)
            return typed.Length == command.Length && typed.Order().SequenceEqual(command.Order()) && EditDistance.Bounded(typed, command, 1) == 1;
        var tolerance = command.Length < 8 ? 1 : 2;
        return EditDistance.Bounded(typed, command, tolerance) <= tolerance;
    }

    /// <summary>The original text after the first <paramref name="words"/> words, keeping its punctuation and case.</summary>
    private static string ArgumentAfter(string text, int words)
    {
        var index = 0;
        for (var w = 0; w < words; w++)
        {
            while (index < text.Length && !char.IsLetterOrDigit(text[index])) index++;
            while (index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] is '\'' or '\u2019')) index++;
        }
        return text[index..].TrimStart(' ', ':', ',', '-', '\u2014', '\t').Trim();
    }
}
