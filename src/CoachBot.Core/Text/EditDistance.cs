namespace CoachBot.Core.Text;

/// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
internal static class EditDistance
{
    /// <summary>Longest word compared; longer words are never typo-matched.</summary>
    public const int MaxLength = 40;

    /// <summary>
    /// The distance between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="limit"/> + 1 as
    /// soon as it is certain to exceed <paramref name="limit"/>.
    /// </summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit || a.Length > MaxLength || b.Length > MaxLength)
            return limit + 1;

        // Three rolling rows: two back for transpositions, one back, current.
        Span<int> twoBack = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, twoBack[j - 2] + 1);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > limit)
                return limit + 1;
            var recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }
        return Math.Min(previous[b.Length], limit + 1);
    }
}
