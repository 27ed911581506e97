using CoachBot.Core.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace CoachBot.Core.Tests.Diagnostics;

public class LogSamplerTests
{
    [Fact]
    public void The_first_lines_of_an_interval_pass_and_the_rest_are_counted_and_reported_once_with_the_next_interval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var sampler = new LogSampler(time, linesPerInterval: 3, interval: TimeSpan.FromMinutes(1));

        var passed = Enumerable.Range(0, 1000).Count(_ => sampler.ShouldLog(out var suppressed) && suppressed == 0);
        Assert.Equal(3, passed);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(sampler.ShouldLog(out _));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(sampler.ShouldLog(out var reported));
        Assert.Equal(998, reported);
        Assert.True(sampler.ShouldLog(out var again));
        Assert.Equal(0, again);
    }

    [Fact]
    public void A_quiet_interval_reports_nothing()
    {
        var time = new FakeTimeProvider();
        var sampler = new LogSampler(time, linesPerInterval: 2);

        Assert.True(sampler.ShouldLog(out _));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(sampler.ShouldLog(out var suppressed));
        Assert.Equal(0, suppressed);
    }
}
