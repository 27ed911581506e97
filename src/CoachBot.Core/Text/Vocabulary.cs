namespace CoachBot.Core.Text;

/// <summary>
/// The words an index knows: stems with dense ids, plus the surface forms they were written in, which
/// typo correction works on. Typo correction uses a symmetric-delete index (every form with up to two letters
/// removed points back to the surface words it came from), so a misspelling costs a few dictionary probes
/// instead of an edit-distance scan over the whole vocabulary.
/// </summary>
/// <remarks>
/// The playbook's 3,000 surface words make about 70,000 deleted forms. They are kept as 64-bit hashes with the surface
/// words chained in a flat list, not as strings with a list each (about 8 MB against the server's idle memory target,
/// now under 3 MB): every candidate is checked by its edit distance anyway, so a hash that collided could only offer
/// an extra candidate, never a wrong correction.
/// </remarks>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly Dictionary<string, int> _surfaceIds = new(StringComparer.Ordinal);
    private readonly List<string> _surfaces = [];
    private readonly List<int> _surfaceTerms = [];
    private readonly List<int> _surfaceUses = [];
    /// <summary>A deleted form's hash -> its first and last node in <see cref="_deletionNodes"/>, packed in one long.</summary>
    private readonly Dictionary<ulong, long> _deletions = [];
    /// <summary>The surface words of each deleted form, in the order they were registered, chained by Next (-1 ends).</summary>
    private readonly List<(int Surface, int Next)> _deletionNodes = [];

    public Vocabulary()
    {
        _termLookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _termIds.Count;

    /// <summary>The id of <paramref name="stem"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> stem) => _termLookup.TryGetValue(stem, out var id) ? id : -1;

    /// <summary>How many times the playbook's text used <paramref name="surface"/> as written (0 when never).</summary>
    public int Uses(string surface) => _surfaceIds.TryGetValue(surface, out var id) ? _surfaceUses[id] : 0;

    /// <summary>Registers a surface word and its stem.</summary>
    public void Add(ReadOnlySpan<char> surface, ReadOnlySpan<char> stem)
    {
        if (!_termLookup.TryGetValue(stem, out var termId))
        {
            termId = _termIds.Count;
            _termIds.Add(stem.ToString(), termId);
        }
        var surfaceLookup = _surfaceIds.GetAlternateLookup<ReadOnlySpan<char>>();
        if (surfaceLookup.TryGetValue(surface, out var surfaceId))
        {
            _surfaceUses[surfaceId]++;
            return;
        }
        surfaceId = _surfaces.Count;
        var text = surface.ToString();
        _surfaces.Add(text);
        _surfaceTerms.Add(termId);
        _surfaceUses.Add(1);
        _surfaceIds.Add(text, surfaceId);
        if (text.Length is >= 3 and <= EditDistance.MaxLength)
            AddDeletions(text, surfaceId);
    }

    /// <summary>How many edits a word of this length may carry and still be recognised.</summary>
    public static int TypoLimit(int length) => length switch
    {
        < 4 => 0,
        < 8 => 1,
        <= EditDistance.MaxLength => 2,
        _ => 0,
    };

    /// <summary>
    /// Finds the known surface word nearest to <paramref name="word"/> within its typo limit (fewest edits,
    /// then the most used). Returns false when none is close enough.
    /// </summary>
    public bool TryCorrect(ReadOnlySpan<char> word, out int termId, out int distance, out string surface) =>
        TryCorrect(word, null, out termId, out distance, out surface);

    /// <summary>
    /// As <see cref="TryCorrect(ReadOnlySpan{char}, out int, out int, out string)"/>, considering only the known
    /// surface words <paramref name="accept"/> takes (all when null).
    /// </summary>
    public bool TryCorrect(ReadOnlySpan<char> word, Func<string, bool>? accept, out int termId, out int distance, out string surface)
    {
        termId = -1;
        distance = int.MaxValue;
        surface = "";
        var limit = TypoLimit(word.Length);
        if (limit == 0)
            return false;

        var bestSurface = -1;
        Span<char> variant = stackalloc char[word.Length];
        Span<char> twice = stackalloc char[word.Length];
        Consider(word, word, limit, accept, ref bestSurface, ref distance);
        for (var i = 0; i < word.Length; i++)
        {
            var once = Delete(word, i, variant);
            Consider(once, word, limit, accept, ref bestSurface, ref distance);
            if (limit < 2)
                continue;
            for (var j = i; j < once.Length; j++)
                Consider(Delete(once, j, twice), word, limit, accept, ref bestSurface, ref distance);
        }
        if (bestSurface < 0)
            return false;
        termId = _surfaceTerms[bestSurface];
        surface = _surfaces[bestSurface];
        return true;
    }

    private void Consider(ReadOnlySpan<char> key, ReadOnlySpan<char> word, int limit, Func<string, bool>? accept, ref int best, ref int bestDistance)
    {
        if (!_deletions.TryGetValue(Hash(key), out var chain))
            return;
        for (var node = (int)(chain >> 32); node >= 0; node = _deletionNodes[node].Next)
        {
            var candidate = _deletionNodes[node].Surface;
            if (candidate == best || (accept is not null && !accept(_surfaces[candidate])))
                continue;
            var d = EditDistance.Bounded(word, _surfaces[candidate], limit);
            if (d > limit)
                continue;
            if (d < bestDistance || (d == bestDistance && _surfaceUses[candidate] > _surfaceUses[best]))
            {
                best = candidate;
                bestDistance = d;
            }
        }
    }

    private void AddDeletions(string surface, int surfaceId)
    {
        // Deep enough for any query word that may be corrected to this one: a query word of length L may
        // carry TypoLimit(L) edits, and L can exceed this word's length by up to that much.
        var depth = surface.Length >= 6 ? 2 : 1;
        AddKey(surface, surfaceId);
        Span<char> buffer = stackalloc char[surface.Length];
        Span<char> buffer2 = stackalloc char[surface.Length];
        for (var i = 0; i < surface.Length; i++)
        {
            var once = Delete(surface, i, buffer);
            AddKey(once, surfaceId);
            if (depth < 2)
                continue;
            for (var j = i; j < once.Length; j++)
                AddKey(Delete(once, j, buffer2), surfaceId);
        }
    }

    private void AddKey(ReadOnlySpan<char> key, int surfaceId)
    {
        var hash = Hash(key);
        var node = _deletionNodes.Count;
        if (!_deletions.TryGetValue(hash, out var chain))
        {
            _deletionNodes.Add((surfaceId, -1));
            _deletions.Add(hash, ((long)node << 32) | (uint)node);
            return;
        }
        var (first, last) = ((int)(chain >> 32), (int)chain);
        if (_deletionNodes[last].Surface == surfaceId)
            return;
        _deletionNodes.Add((surfaceId, -1));
        _deletionNodes[last] = (_deletionNodes[last].Surface, node);
        _deletions[hash] = ((long)first << 32) | (uint)node;
    }

    /// <summary>FNV-1a over the characters: stable from run to run, so corrections are too.</summary>
    private static ulong Hash(ReadOnlySpan<char> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    private static ReadOnlySpan<char> Delete(ReadOnlySpan<char> word, int index, Span<char> into)
    {
        word[..index].CopyTo(into);
        word[(index + 1)..].CopyTo(into[index..]);
        return into[..(word.Length - 1)];
    }
}
