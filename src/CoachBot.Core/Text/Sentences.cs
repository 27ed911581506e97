namespace CoachBot.Core.Text;

/// <summary>Sentences of the playbook's prose, which is plain English written for it (no abbreviations with full stops).</summary>
internal static class Sentences
{
    /// <summary>
    /// The first sentence: up to the first '.', '?' or '!' that is followed by a space and a capital letter or an
    /// opening quote, or the whole text when there is no such end. Line breaks from folded YAML count as spaces.
    /// </summary>
    public static string First(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        for (var i = 0; i < flat.Length - 2; i++)
        {
            if (flat[i] is '.' or '?' or '!' && flat[i + 1] == ' ' && (char.IsUpper(flat[i + 2]) || flat[i + 2] is '\u201c' or '"'))
                return flat[..(i + 1)];
        }
        return flat;
    }
}
