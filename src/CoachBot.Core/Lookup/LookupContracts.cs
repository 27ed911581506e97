using CoachBot.Core.Playbook;

namespace CoachBot.Core.Lookup;

/// <summary>The answer to a phrase look-up. Matches are best first; empty when nothing fits.</summary>
public sealed record LookupResult(
    string Query,
    IReadOnlyList<PhraseMatch> Matches,
    IReadOnlyList<string> Suggestions,
    GlossaryTerm? Term = null,
    Analogy? Analogy = null)
{
    public bool IsNoMatch => Matches.Count == 0 && Term is null && Analogy is null;
}

public sealed record PhraseMatch(Phrase Phrase, double Score);
