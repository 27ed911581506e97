namespace CoachBot.Core.Lookup;

/// <summary>Hashing of term-id sequences, so multi-word keys are found without building strings.</summary>
internal static class TermSequence
{
    public static ulong Hash(ReadOnlySpan<int> terms)
    {
        // FNV-1a over the ids; callers confirm a hit by comparing the ids themselves.
        var hash = 14695981039346656037UL;
        foreach (var term in terms)
        {
            hash ^= (uint)term;
            hash *= 1099511628211UL;
        }
        return hash ^ (ulong)terms.Length;
    }

    /// <summary>The content term ids of analysed playbook text, or null if there are none.</summary>
    public static int[]? ContentTerms(List<AnalyzedToken> tokens)
    {
        var terms = new List<int>(tokens.Count);
        foreach (var token in tokens)
        {
            if (!token.IsPart && token.Role is (WordRole.Content or WordRole.IdentityCue) && token.TermId >= 0)
                terms.Add(token.TermId);
        }
        return terms.Count == 0 ? null : [.. terms];
    }
}
