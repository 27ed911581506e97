using CoachBot.Core.Text;

namespace CoachBot.Core.Dialogs;

/// <summary>
/// Tells a seller's look-up from an answer or a buyer statement by how it is framed. A seller asking for a line frames
/// it ("what do I say when they say...", "they said...", a question); a buyer statement speaks as the buyer ("we
/// need...", "our data..."). The framing words are the dialog's mechanics, not coaching content.
/// </summary>
public static class LookupIntent
{
    // Openings with which a seller asks for help with a line, normalised (lowercase, no apostrophes).
    private static readonly string[][] SellerFramings =
    [
        .. new[]
        {
            "what do i say", "what should i say", "what can i say", "what do i tell", "what should i tell", "how do i respond",
            "how should i respond", "how do i answer", "how should i answer", "how do i handle", "how do i explain",
            "how do i reply", "what if they say", "what if they", "what if the buyer", "they say", "they said", "theyre saying",
            "buyer says", "buyer said", "the buyer says", "the buyer said", "customer says", "customer said", "cio says",
            "line for", "a line for", "phrase for", "give me a line", "whats the line", "whats a good line", "any line",
            "help me answer", "help with",
        }.Select(f => f.Split(' ')),
    ];

    private static readonly HashSet<string> QuestionWords = ["what", "whats", "how", "why", "is", "isnt", "does", "doesnt", "do", "can", "should", "will", "wont", "which", "when"];
    private static readonly HashSet<string> BuyerWords = ["we", "were", "weve", "our", "ours", "us", "wed"];

    /// <summary>True when <paramref name="text"/> reads as a seller's request for a line rather than an answer.</summary>
    public static bool IsLookup(string text)
    {
        var words = TextNormalizer.Words(text);
        if (words.Length == 0) return false;
        if (SellerFramings.Any(framing => StartsWith(words, framing))) return true;
        // A question of several words ("is fine tuning cheaper than rag?") asks for help, it does not pick a choice.
        return words.Length >= 4 && QuestionWords.Contains(words[0]) && text.TrimEnd().EndsWith('?');
    }

    /// <summary>The look-up to run for <paramref name="text"/>: the whole text (the index ignores the framing words).</summary>
    public static string Topic(string text) => text.Trim();

    /// <summary>True when the words speak as the buyer ("we need it to...", "our policies change...").</summary>
    public static bool IsBuyerVoice(string text)
    {
        var words = TextNormalizer.Words(text);
        if (words.Length < 3) return false;
        if (SellerFramings.Any(framing => StartsWith(words, framing))) return false;
        return words.Take(6).Any(BuyerWords.Contains) || (words[0] == "i" && words[1] is "want" or "need" or "wish");
    }

    private static bool StartsWith(string[] words, string[] prefix) =>
        words.Length >= prefix.Length && words.AsSpan(0, prefix.Length).SequenceEqual(prefix);
}
