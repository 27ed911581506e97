using CoachBot.Core.Analytics;

namespace CoachBot.Core.Tests.Analytics;

public sealed class AnalyticsEventTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_event_happened_once_unless_told_otherwise()
    {
        Assert.Equal(1, new AnalyticsEvent(AnalyticsKind.Lookup, "rag", At).Occurrences);
        Assert.Equal(3, new AnalyticsEvent(AnalyticsKind.Lookup, "rag", At, Occurrences: 3).Occurrences);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void An_event_that_happened_fewer_than_once_is_refused_when_made_and_when_copied(int occurrences)
    {
        var once = new AnalyticsEvent(AnalyticsKind.Lookup, "rag", At);

        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalyticsEvent(AnalyticsKind.Lookup, "rag", At, Occurrences: occurrences));
        Assert.Throws<ArgumentOutOfRangeException>(() => once with { Occurrences = occurrences });
    }

    [Fact]
    public void Events_that_differ_only_in_occurrences_are_not_equal()
    {
        var once = new AnalyticsEvent(AnalyticsKind.Lookup, "rag", At);

        Assert.Equal(once, once with { });
        Assert.NotEqual(once, once with { Occurrences = 2 });
    }

    [Fact]
    public async Task The_in_memory_store_counts_each_event_as_often_as_it_happened()
    {
        var store = new InMemoryAnalyticsStore();
        await store.RecordAsync(
        [
            new AnalyticsEvent(AnalyticsKind.Lookup, "rag", At, "phrase-1", Occurrences: 3),
            new AnalyticsEvent(AnalyticsKind.Lookup, " RAG ", At.AddMinutes(1), "phrase-1"),
            new AnalyticsEvent(AnalyticsKind.Lookup, "lora", At, Occurrences: 2),
            new AnalyticsEvent(AnalyticsKind.Lookup, "lora", At.AddMinutes(-1), Occurrences: 5),
        ]);

        Assert.Equal(
            [new SubjectCount("rag", 4), new SubjectCount("lora", 2)],
            await store.TopSubjectsAsync([AnalyticsKind.Lookup], At, 10));
    }
}
