using Reach.Time;

namespace Reach.Core.Tests.Time;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("3s", 3000)]
    [InlineData("1m", 60000)]
    [InlineData("1h", 3600000)]
    [InlineData("0.5", 500)]
    [InlineData("2", 2000)]
    [InlineData("1m30s", 90000)]
    [InlineData("1.5s", 1500)]
    [InlineData(" 250ms ", 250)]
    [InlineData("1500us", 1.5)]
    public void TryParse_AcceptedForms_GiveTheDuration(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var duration, out var error), error);
        Assert.Equal(expectedMs, duration.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "not a duration")]
    [InlineData("5x", "unknown unit 'x'")]
    [InlineData("ms", "not a duration")]
    [InlineData("-1s", "not a duration")]
    [InlineData("2d", "'2d' is out of range (0 to 24h)")]
    [InlineData("25h", "out of range (0 to 24h)")]
    public void TryParse_BadText_NamesTheProblem(string text, string expected)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7d", 7 * 86400)]
    [InlineData("1d12h", 1.5 * 86400)]
    [InlineData("90", 90)]
    public void TryParse_WithALongerMax_ReadsDays(string text, double expectedSeconds)
    {
        Assert.True(DurationParser.TryParse(text, TimeSpan.FromDays(30), out var duration, out var error), error);
        Assert.Equal(expectedSeconds, duration.TotalSeconds, 6);
    }

    [Fact]
    public void TryParse_WithALongerMax_NamesThatMaxWhenPassed()
    {
        Assert.False(DurationParser.TryParse("31d", TimeSpan.FromDays(30), out _, out var error));
        Assert.Equal("'31d' is out of range (0 to 30d)", error);
    }

    [Fact]
    public void TryParse_OneDay_IsTheLongestOption()
    {
        Assert.True(DurationParser.TryParse("1d", out var duration, out var error), error);
        Assert.Equal(DurationParser.OptionMax, duration);
    }

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(3000, "3s")]
    public void Format_ReadsBackToTheSameDuration(double ms, string expected)
    {
        var text = DurationParser.Format(TimeSpan.FromMilliseconds(ms));
        Assert.Equal(expected, text);
        Assert.True(DurationParser.TryParse(text, out var back, out _));
        Assert.Equal(ms, back.TotalMilliseconds, 6);
    }
}
