using CoachBot.Cli.Chat;
using Spectre.Console;

namespace CoachBot.Cli.Tests;

public class ChatInputTests
{
    private static ConsoleKeyInfo Key(char c) => new(c, ConsoleKey.NoName, false, false, false);
    private static ConsoleKeyInfo Control(ConsoleKey letter) => new((char)(letter - ConsoleKey.A + 1), letter, false, false, true);
    private static readonly ConsoleKeyInfo Enter = new('\r', ConsoleKey.Enter, false, false, false);
    private static readonly ConsoleKeyInfo Backspace = new('\b', ConsoleKey.Backspace, false, false, false);

    private static (TerminalChatInput Input, StringWriter Output) Terminal(params ConsoleKeyInfo[] keys)
    {
        var queue = new Queue<ConsoleKeyInfo>(keys);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        return (new TerminalChatInput(() => queue.Dequeue(), console), output);
    }

    private static ConsoleKeyInfo[] Typed(string text) => text.Select(Key).ToArray();

    [Fact]
    public void Ctrl_u_clears_the_line_ctrl_w_removes_the_last_word_and_backspace_a_character()
    {
        var (input, _) = Terminal([.. Typed("qual"), Control(ConsoleKey.U), .. Typed("phrase cosst"), Backspace, Backspace, .. Typed("t tomorrow"), Control(ConsoleKey.W), Backspace, Enter]);

        Assert.Equal("phrase cost", input.ReadLine("> "));
    }

    [Fact]
    public void Ctrl_l_redraws_the_prompt_and_the_line_without_adding_anything_to_it()
    {
        var (input, console) = Terminal([.. Typed("qua"), Control(ConsoleKey.L), .. Typed("lify"), Enter]);

        Assert.Equal("qualify", input.ReadLine("> "));
        Assert.EndsWith("> qualify\n", console.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Ctrl_c_abandons_a_line_with_text_and_leaves_on_an_empty_one_each_on_a_clean_line()
    {
        var (input, console) = Terminal([.. Typed("start ov"), Control(ConsoleKey.C), Control(ConsoleKey.C)]);

        Assert.Equal("", input.ReadLine("> "));
        Assert.Null(input.ReadLine("> "));
        Assert.EndsWith("^C\n> ^C\n", console.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Ctrl_d_on_an_empty_line_leaves_and_other_control_keys_are_ignored()
    {
        var (input, _) = Terminal([Key('\u001b'), Key('\u0007'), .. Typed("hi"), Key('\u0002'), Enter, Control(ConsoleKey.D)]);

        Assert.Equal("hi", input.ReadLine("> "));
        Assert.Null(input.ReadLine("> "));
    }

    [Theory]
    [InlineData("qual\u0015qualify", "qualify")]
    [InlineData("phrase cost tomorrow\u0017\u0017cost", "phrase cost")]
    [InlineData("\u000c\u001b[2Jhelp", "[2Jhelp")]
    [InlineData("tone\u007f\u007fne", "tone")]
    [InlineData("a\tb", "a b")]
    public void Piped_lines_apply_their_control_characters_as_edits(string raw, string expected) =>
        Assert.Equal(expected, LineBuffer.Edit(raw));
}
