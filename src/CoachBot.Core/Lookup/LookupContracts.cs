using CoachBot.Core.Playbook;

namespace CoachBot.Core.Lookup;

/// <summary>Which part of a <see cref="LookupResult"/> a channel should lead with.</summary>
public enum LookupAnswer { None, Phrase, Term, Analogy }

/// <summary>
/// The answer to a phrase look-up. Matches are best first; empty when nothing fits. <see cref="Term"/> is set
/// when the query names a glossary term ("what is RAG", "context window"), <see cref="Analogy"/> when it asks
/// for an identity analogy; either leads, with any phrase matches after it. Suggestions are set only when
/// nothing was found.
/// </summary>
public sealed record LookupResult(
    string Query,
    IReadOnlyList<PhraseMatch> Matches,
    IReadOnlyList<string> Suggestions,
    GlossaryTerm? Term = null,
    Analogy? Analogy = null)
{
    public bool IsNoMatch => Matches.Count == 0 && Term is null && Analogy is null;

    public LookupAnswer Answer =>
        Analogy is not null ? LookupAnswer.Analogy
        : Term is not null ? LookupAnswer.Term
        : Matches.Count > 0 ? LookupAnswer.Phrase
        : LookupAnswer.None;
}

public sealed record PhraseMatch(Phrase Phrase, double Score);
