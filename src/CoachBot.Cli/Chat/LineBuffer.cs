using System.Text;

namespace CoachBot.Cli.Chat;

/// <summary>
/// The line being typed, edited the way a shell edits it: Backspace removes a character, Ctrl-U the whole line,
/// Ctrl-W the word before the cursor. No control character is ever kept in the text.
/// </summary>
public sealed class LineBuffer
{
    public const char CtrlC = '\u0003';
    public const char CtrlD = '\u0004';
    public const char CtrlL = '\u000c';
    public const char CtrlU = '\u0015';
    public const char CtrlW = '\u0017';
    private const char Delete = '\u007f';

    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();
    public int Length => _text.Length;

    /// <summary>
    /// Applies one typed character; returns how many characters were removed from the end (0 when it added one
    /// or did nothing), so a terminal can erase them.
    /// </summary>
    public int Apply(char c)
    {
        var before = _text.Length;
        switch (c)
        {
            case '\b' or Delete when _text.Length > 0:
                _text.Length--;
                break;
            case CtrlU:
                _text.Clear();
                break;
            case CtrlW:
                var end = _text.Length;
                while (end > 0 && char.IsWhiteSpace(_text[end - 1])) end--;
                while (end > 0 && !char.IsWhiteSpace(_text[end - 1])) end--;
                _text.Length = end;
                break;
            case '\t':
                _text.Append(' ');
                break;
            case var printable when !char.IsControl(printable):
                _text.Append(printable);
                break;
        }
        return Math.Max(0, before - _text.Length);
    }

    public void Clear() => _text.Clear();

    /// <summary>A whole line read from a pipe or file, with its control characters applied as edits rather than kept.</summary>
    public static string Edit(string raw)
    {
        var buffer = new LineBuffer();
        foreach (var c in raw) buffer.Apply(c);
        return buffer.Text;
    }
}
