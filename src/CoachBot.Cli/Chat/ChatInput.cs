using Spectre.Console;

namespace CoachBot.Cli.Chat;

/// <summary>Where the chat reads the seller's lines from.</summary>
public interface IChatInput
{
    /// <summary>
    /// Shows <paramref name="promptMarkup"/> and reads one line: its text, "" when the seller abandoned the line
    /// (Ctrl-C on a line with text), or null when they are leaving (end of input, Ctrl-C or Ctrl-D on an empty line).
    /// </summary>
    string? ReadLine(string promptMarkup);
}

/// <summary>Lines from a pipe, a file or a test: control characters in them are applied as edits, never kept.</summary>
public sealed class TextChatInput(TextReader reader, IAnsiConsole console) : IChatInput
{
    public string? ReadLine(string promptMarkup)
    {
        console.Markup(promptMarkup);
        var line = reader.ReadLine();
        return line is null ? null : LineBuffer.Edit(line);
    }
}

/// <summary>
/// Lines typed at a terminal, read key by key so Ctrl-U, Ctrl-W and Ctrl-L edit the line instead of landing in it,
/// and Ctrl-C leaves a clean line: it abandons the line being typed, or, on an empty line, ends the chat.
/// </summary>
public sealed class TerminalChatInput(Func<ConsoleKeyInfo> readKey, IAnsiConsole console) : IChatInput
{
    public string? ReadLine(string promptMarkup)
    {
        var buffer = new LineBuffer();
        console.Markup(promptMarkup);
        while (true)
        {
            var key = readKey();
            var c = key.KeyChar;
            if (key.Key == ConsoleKey.Enter || c is '\r' or '\n')
            {
                console.WriteLine();
                return buffer.Text;
            }
            if (IsControl(key, ConsoleKey.C, LineBuffer.CtrlC))
            {
                console.WriteLine("^C");
                return buffer.Length > 0 ? "" : null;
            }
            if (IsControl(key, ConsoleKey.D, LineBuffer.CtrlD) && buffer.Length == 0)
            {
                console.WriteLine();
                return null;
            }
            if (IsControl(key, ConsoleKey.L, LineBuffer.CtrlL))
            {
                console.Clear();
                console.Markup(promptMarkup);
                Echo(buffer.Text);
                continue;
            }
            if (key.Key == ConsoleKey.Backspace) c = '\b';
            var length = buffer.Length;
            var removed = buffer.Apply(c);
            if (removed > 0)
                Echo(string.Concat(Enumerable.Repeat("\b \b", removed)));
            else if (buffer.Length > length)
                Echo(c.ToString());
        }
    }

    private static bool IsControl(ConsoleKeyInfo key, ConsoleKey letter, char control) =>
        key.KeyChar == control || (key.Key == letter && key.Modifiers.HasFlag(ConsoleModifiers.Control));

    // Echo goes straight to the terminal: it is the seller's own typing (and erasing), not content to render.
    private void Echo(string text)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(text);
        writer.Flush();
    }

    /// <summary>The real terminal: keys read without echo, Ctrl-C delivered as a key rather than as a signal.</summary>
    public static TerminalChatInput ForConsole(IAnsiConsole console) => new(() => Console.ReadKey(intercept: true), console);
}
