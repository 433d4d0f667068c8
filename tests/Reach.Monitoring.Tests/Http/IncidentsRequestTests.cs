using Reach.Monitoring.Http;

namespace Reach.Monitoring.Tests.Http;

/// <summary>The query of <c>/api/incidents</c>: a value it cannot read is an error naming it, never the default.</summary>
public sealed class IncidentsRequestTests
{
    [Theory]
    [InlineData("-1", null, "limit: '-1'")]
    [InlineData("abc", null, "limit: 'abc'")]
    [InlineData("0", null, "limit: '0'")]
    [InlineData("10001", null, "limit: '10001'")]
    [InlineData(null, "maybe", "open: 'maybe'")]
    public void UnreadableValue_IsAnErrorNamingIt(string? limit, string? open, string expected)
    {
        Assert.False(IncidentsRequest.TryParse(open, check: null, limit, out var query, out var error));
        Assert.Null(query);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, false, IncidentsRequest.DefaultLimit)]
    [InlineData("5", "true", true, 5)]
    [InlineData("10000", "TRUE", true, 10_000)]
    [InlineData("", "1", true, IncidentsRequest.DefaultLimit)]
    [InlineData("1", "false", false, 1)]
    [InlineData(null, "0", false, IncidentsRequest.DefaultLimit)]
    public void ReadableValues_MakeTheQuery(string? limit, string? open, bool openOnly, int expectedLimit)
    {
        Assert.True(IncidentsRequest.TryParse(open, "web", limit, out var query, out var error), error);
        Assert.Equal(openOnly, query.OpenOnly);
        Assert.Equal(expectedLimit, query.Limit);
        Assert.Equal("web", query.Check);
    }
}
