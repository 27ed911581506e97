using System.Collections.Frozen;

namespace CoachBot.Core.Lookup;

/// <summary>What a word does in a look-up query besides naming a topic.</summary>
internal enum WordRole : byte
{
    /// <summary>Carries meaning: matched against the playbook.</summary>
    Content,
    /// <summary>Function words and the seller's framing ("what do I say when the buyer says ..."), ignored.</summary>
    Stop,
    /// <summary>A stop word that turns down what follows: "no analogies", "not an analogy" do not ask for one.</summary>
    Negator,
    /// <summary>Asks for an analogy outright ("analogy", "metaphor").</summary>
    AnalogyCue,
    /// <summary>Asks for a comparison ("like", "similar"); an analogy request when an identity word is present.</summary>
    ComparisonCue,
    /// <summary>Names the identity side of an analogy ("okta", "identity", "pki", "entitlements"); still matched as content.</summary>
    IdentityCue,
}

/// <summary>The fixed word lists of the look-up language.</summary>
internal static class LookupWords
{
    private static readonly FrozenDictionary<string, WordRole> Roles = BuildRoles();
    private static readonly FrozenDictionary<string, WordRole>.AlternateLookup<ReadOnlySpan<char>> RoleLookup =
        Roles.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The role of a lowercase word as typed (before stemming).</summary>
    public static WordRole RoleOf(ReadOnlySpan<char> word) =>
        RoleLookup.TryGetValue(word, out var role) ? role : WordRole.Content;

    private static FrozenDictionary<string, WordRole> BuildRoles()
    {
        // English function words, plus the words a seller wraps a look-up in ("buyer says", "how do I respond",
        // "what is", "define"), which say nothing about which line fits.
        string[] stop =
        [
            "a", "an", "the", "and", "or", "but", "if", "then", "than", "of", "to", "in", "on", "at", "for", "from",
            "by", "with", "about", "as", "into", "onto", "over", "up", "out", "off", "so", "too", "very", "also",
            "is", "are", "was", "were", "be", "been", "being", "am", "its", "it", "this", "that", "these", "those",
            "there", "theres", "their", "theyre", "they", "them", "we", "were", "weve", "our", "ours", "us", "you",
            "youre", "your", "i", "im", "ive", "me", "my", "he", "she", "his", "her", "hes", "shes", "do", "does",
            "did", "doing", "have", "has", "had", "will", "would", "should", "could", "can", "may", "might", "must",
            "shall", "what", "whats", "which", "who", "whom", "whose", "how", "hows", "why", "when", "where", "say",
            "says", "said", "saying", "tell", "tells", "told", "buyer", "buyers", "customer", "customers", "client",
            "clients", "prospect", "prospects", "think", "thinks", "thought", "believe", "believes", "want", "wants",
            "wanted", "respond", "response", "reply", "handle", "objection", "objections", "define",
            "definition", "meaning", "mean", "means", "explain", "explanation", "stand", "stands", "some", "any",
            "all", "just", "really", "get", "gets", "got", "go", "going", "keep", "keeps", "let", "lets", "one", "thing", "things", "something",
            "stuff", "way", "ok", "okay", "um", "uh", "hey", "hi", "please", "now", "here", "actually", "basically",
            "literally", "maybe", "probably", "perhaps", "kinda", "sorta", "guess",
        ];
        var roles = new Dictionary<string, WordRole>(StringComparer.Ordinal);
        foreach (var word in stop)
            roles[word] = WordRole.Stop;
        foreach (var word in (string[])["no", "not", "dont", "doesnt", "didnt", "isnt", "arent", "wont", "cant", "without", "skip"])
            roles[word] = WordRole.Negator;
        foreach (var word in (string[])["analogy", "analogies", "analogous", "metaphor", "metaphors", "comparison", "analog"])
            roles[word] = WordRole.AnalogyCue;
        foreach (var word in (string[])["like", "similar", "compare", "compared", "equivalent", "resemble", "resembles"])
            roles[word] = WordRole.ComparisonCue;
        foreach (var word in (string[])["okta", "identity", "idp", "iam", "pki", "certificate", "entitlements", "entitlement", "authorization", "authz", "opa", "rbac", "abac", "sso", "saml", "oauth", "oidc", "scim", "mfa", "ldap"])
            roles[word] = WordRole.IdentityCue;
        return roles.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
