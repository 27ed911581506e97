using System.Globalization;
using System.Text;

namespace CoachBot.Core.Analytics;

/// <summary>What sellers looked for over a period, and what the playbook could not answer.</summary>
public sealed record AnalyticsReport(
    DateTimeOffset Since,
    DateTimeOffset Until,
    IReadOnlyList<SubjectCount> TopSearches,
    IReadOnlyList<SubjectCount> NoMatchSearches,
    IReadOnlyList<SubjectCount> Recommendations,
    IReadOnlyList<SubjectCount> BuyerAsks)
{
    /// <summary>Every search, answered or not, counts towards <see cref="TopSearches"/>.</summary>
    private static readonly AnalyticsKind[] SearchKinds = [AnalyticsKind.Lookup, AnalyticsKind.NoMatchLookup];

    /// <summary>The report for the <paramref name="period"/> up to now, with at most <paramref name="top"/> rows per list.</summary>
    public static async Task<AnalyticsReport> BuildAsync(
        IAnalyticsReader reader, TimeSpan period, TimeProvider timeProvider, int top = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var until = timeProvider.GetUtcNow();
        var since = until - period;
        return new AnalyticsReport(
            since,
            until,
            await reader.TopSubjectsAsync(SearchKinds, since, top, cancellationToken),
            await reader.TopSubjectsAsync([AnalyticsKind.NoMatchLookup], since, top, cancellationToken),
            await reader.TopSubjectsAsync([AnalyticsKind.Recommendation], since, top, cancellationToken),
            await reader.TopSubjectsAsync([AnalyticsKind.BuyerAsk], since, top, cancellationToken));
    }

    /// <summary>The report as plain text for a terminal: one section per list, counts right-aligned.</summary>
    public string ToPlainText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"CoachBot report, {Since:yyyy-MM-dd HH:mm} to {Until:yyyy-MM-dd HH:mm} UTC\n");
        AppendSection(text, "Most searched", TopSearches);
        AppendSection(text, "Searched with no answer (content gaps)", NoMatchSearches);
        AppendSection(text, "Buyers asked for (recorded apart from what was recommended)", BuyerAsks);
        AppendSection(text, "Recommendations given", Recommendations);
        return text.ToString();
    }

    private static void AppendSection(StringBuilder text, string title, IReadOnlyList<SubjectCount> rows)
    {
        text.Append('\n').Append(title).Append('\n');
        if (rows.Count == 0)
        {
            text.Append("  (none)\n");
            return;
        }
        var width = rows.Max(r => r.Count).ToString(CultureInfo.InvariantCulture).Length;
        foreach (var row in rows)
        {
            text.Append("  ").Append(row.Count.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append("  ").Append(row.Subject).Append('\n');
        }
    }
}

/// <summary>The length of a report period as typed on a command line: a whole number and a unit, "24h", "7d", "4w".</summary>
public static class ReportPeriod
{
    public const string Usage = "a whole number followed by h (hours), d (days) or w (weeks), up to ten years, e.g. 7d";

    private static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    public static bool TryParse(string? text, out TimeSpan period, out string error)
    {
        period = Parse(text?.Trim() ?? "") ?? TimeSpan.Zero;
        if (period <= TimeSpan.Zero || period > Longest)
        {
            period = TimeSpan.Zero;
            error = $"'{text}' is not a period: use {Usage}.";
            return false;
        }
        error = "";
        return true;
    }

    private static TimeSpan? Parse(string text)
    {
        if (text.Length < 2
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount > (long)Longest.TotalHours)
        {
            return null;
        }
        return char.ToLowerInvariant(text[^1]) switch
        {
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            'w' => TimeSpan.FromDays(7 * amount),
            _ => null,
        };
    }
}
