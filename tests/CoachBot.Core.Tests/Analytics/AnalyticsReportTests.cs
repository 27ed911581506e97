using CoachBot.Core.Analytics;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Core.Tests.Analytics;

public sealed class AnalyticsReportTests
{
    [Fact]
    public async Task The_report_covers_the_period_up_to_now_and_counts_every_search_answered_or_not()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAnalyticsStore();
        await store.RecordAsync(
        [
            new AnalyticsEvent(AnalyticsKind.Lookup, "fine-tune", time.GetUtcNow().AddDays(-1), "phrase-1"),
            new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "Fine-tune", time.GetUtcNow().AddDays(-2)),
            new AnalyticsEvent(AnalyticsKind.NoMatchLookup, "embeddings", time.GetUtcNow().AddDays(-8)),
            new AnalyticsEvent(AnalyticsKind.Recommendation, "rag", time.GetUtcNow().AddHours(-1), "rule-2"),
            new AnalyticsEvent(AnalyticsKind.BuyerAsk, "Train our own model", time.GetUtcNow().AddHours(-1), "rag"),
        ]);

        var report = await AnalyticsReport.BuildAsync(store, TimeSpan.FromDays(7), time);

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero), report.Since);
        Assert.Equal(time.GetUtcNow(), report.Until);
        Assert.Equal([new SubjectCount("fine-tune", 2)], report.TopSearches);
        Assert.Equal([new SubjectCount("fine-tune", 1)], report.NoMatchSearches);
        Assert.Equal([new SubjectCount("rag", 1)], report.Recommendations);
        // What the buyer asked for is its own list, not a recommendation.
        Assert.Equal([new SubjectCount("train our own model", 1)], report.BuyerAsks);
    }

    [Fact]
    public async Task The_report_keeps_at_most_the_asked_number_of_rows_per_list()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAnalyticsStore();
        await store.RecordAsync(new[] { "a", "b", "c", "a" }.Select(q => new AnalyticsEvent(AnalyticsKind.Lookup, q, time.GetUtcNow())).ToList());

        var report = await AnalyticsReport.BuildAsync(store, TimeSpan.FromDays(1), time, top: 2);

        Assert.Equal([new SubjectCount("a", 2), new SubjectCount("b", 1)], report.TopSearches);
    }

    [Fact]
    public void As_plain_text_each_list_has_a_heading_right_aligned_counts_and_none_when_empty()
    {
        var report = new AnalyticsReport(
            new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero),
            [new SubjectCount("fine-tune", 12), new SubjectCount("hallucination", 3)],
            [new SubjectCount("lora", 2)],
            [],
            [new SubjectCount("train our own model", 4)]);

        Assert.Equal(
            """
            CoachBot report, 2025-03-03 12:00 to 2025-03-10 12:00 UTC

            Most searched
              12  fine-tune
               3  hallucination

            Searched with no answer (content gaps)
              2  lora

            Buyers asked for (recorded apart from what was recommended)
              4  train our own model

            Recommendations given
              (none)

            """.ReplaceLineEndings("\n"),
            report.ToPlainText());
    }
}
