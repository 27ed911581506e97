namespace CoachBot.Core.Text;

/// <summary>
/// Folds English word forms onto one key (costs/cost, tuning/tuned/tune, weekly/week, security/secure) so a
/// seller's wording meets the playbook's. Deliberately light: it strips inflections and a few derivations but
/// never rewrites stems the way Porter does, because the playbook's synonyms carry the real vocabulary
/// (expensive/costly) and over-stemming would merge words the coach must keep apart.
/// </summary>
internal static class LightStemmer
{
    /// <summary>Stems a lowercase word in place and returns the stem's length.</summary>
    public static int Stem(Span<char> word)
    {
        var length = word.Length;
        if (length <= 3 || !IsAllLetters(word))
            return length;

        length = StripPlural(word, length);
        length = StripSuffix(word, length);
        // A final e is dropped last so tune, tuned and tuning all become "tun".
        if (length > 3 && word[length - 1] == 'e')
            length--;
        return length;
    }

    private static int StripPlural(Span<char> word, int length)
    {
        var w = word[..length];
        if (w.EndsWith("sses"))
            return length - 2;
        if (length > 4 && w.EndsWith("ies"))
        {
            word[length - 3] = 'y';
            return length - 2;
        }
        if (w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i'))
            return length - 1;
        return length;
    }

    private static int StripSuffix(Span<char> word, int length)
    {
        var w = word[..length];
        if (w.EndsWith("ing") && HasVowel(w[..^3]) && length - 3 >= 3)
            return Undouble(word, length - 3);
        if (length > 4 && w.EndsWith("ied"))
        {
            word[length - 3] = 'y';
            return length - 2;
        }
        if (w.EndsWith("ed") && !w.EndsWith("eed") && length - 2 >= 3 && HasVowel(w[..^2]))
            return Undouble(word, length - 2);
        if (w.EndsWith("ly") && length - 2 >= 4)
            return length - 2;
        // portability/portable -> portabl, flexibility/flexible -> flexibl, security/secure -> secur.
        if (w.EndsWith("ability") || w.EndsWith("ibility"))
        {
            word[length - 5] = 'l';
            return length - 4;
        }
        if (w.EndsWith("ity") && length - 3 >= 4)
            return length - 3;
        return length;
    }

    // stopped -> stop, embedding -> embed; but calling, passed and buzzing keep their double letter.
    private static int Undouble(Span<char> word, int length)
    {
        if (length >= 3 && word[length - 1] == word[length - 2] && !IsVowel(word[length - 1])
            && word[length - 1] is not ('l' or 's' or 'z'))
            return length - 1;
        return length;
    }

    private static bool HasVowel(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
        {
            if (IsVowel(c) || c == 'y')
                return true;
        }
        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsAllLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
                return false;
        }
        return true;
    }
}
