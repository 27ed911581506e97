using CoachBot.Core.Analytics;

namespace CoachBot.Core.Tests.Analytics;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("24h", 24)]
    [InlineData("7d", 7 * 24)]
    [InlineData(" 2W ", 14 * 24)]
    public void A_number_and_a_unit_is_a_period(string text, int hours)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period, out var error));
        Assert.Equal(TimeSpan.FromHours(hours), period);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-3d")]
    [InlineData("7m")]
    [InlineData("1.5d")]
    [InlineData("99999999999d")]
    [InlineData("3651d")]
    [InlineData("2000000000h")]
    public void Anything_else_is_refused_with_a_message_showing_the_form(string? text)
    {
        Assert.False(ReportPeriod.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}' is not a period", error, StringComparison.Ordinal);
        Assert.Contains("e.g. 7d", error, StringComparison.Ordinal);
    }
}
