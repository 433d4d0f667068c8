using Reach.Monitoring.Http;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Http;

public sealed class PageApiTests
{
    [Theory]
    [InlineData(new[] { 30.0, 0.5 }, 1)]
    [InlineData(new[] { 30.0, 4.0 }, 4)]
    [InlineData(new[] { 2.5 }, 3)]
    [InlineData(new[] { 60.0, 300.0 }, 10)]
    public void RefreshSeconds_IsTheShortestInterval_ClampedTo1To10(double[] intervals, int expected)
    {
        var checks = intervals.Select((s, i) => Checks.Tcp("c" + i, TimeSpan.FromSeconds(s))).ToList();
        Assert.Equal(expected, PageApi.RefreshSeconds(checks));
    }

    [Fact]
    public void RefreshSeconds_WithoutChecks_IsTheSlowest() => Assert.Equal(10, PageApi.RefreshSeconds([]));

    [Theory]
    [InlineData("24h", "5m", 86400, 300)]
    [InlineData(null, null, 86400, 720)]
    [InlineData("1h", null, 3600, 30)]
    [InlineData("5m", "1s", 300, 1)]
    public void SeriesRequest_ReadsSinceAndBucket(string? since, string? bucket, int expectedSince, int expectedBucket)
    {
        Assert.True(SeriesRequest.TryParse("web/127.0.0.1:80", since, bucket, out var request, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(expectedSince), request.Since);
        Assert.Equal(TimeSpan.FromSeconds(expectedBucket), request.Bucket);
        Assert.Equal("web/127.0.0.1:80", request.Target);
    }

    [Theory]
    [InlineData(null, "24h", "5m", "target is required")]
    [InlineData("web/127.0.0.1:80", "soon", null, "since: 'soon' is not a duration")]
    [InlineData("web/127.0.0.1:80", "0s", null, "since '0s' must be longer than zero")]
    [InlineData("web/127.0.0.1:80", "1h", "500ms", "bucket '500ms' is shorter than 1s")]
    [InlineData("web/127.0.0.1:80", "30d", "1s", "more than 2000 points")]
    public void SeriesRequest_NamesTheBadPart(string? target, string? since, string? bucket, string expected)
    {
        Assert.False(SeriesRequest.TryParse(target, since, bucket, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
