using System.Text;

namespace CoachBot.Core.Text;

/// <summary>Lower-cases, folds punctuation to spaces and splits into words, the same way everywhere user text is matched.</summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0) builder.Append(' ');
                pendingSpace = false;
                builder.Append(c);
            }
            else if (c is '\'' or '\u2019')
            {
                // "don't" stays one word: apostrophes are dropped, not split on.
            }
            else
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }

    public static string[] Words(string? text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
