using Reach.External;

namespace Reach.Core.Tests.External;

public class ReflectorUrlTests
{
    [Theory]
    [InlineData("http://203.0.113.7:9106", "http://203.0.113.7:9106/")]
    [InlineData("https://reflector.test/reach", "https://reflector.test/reach/")]
    [InlineData(" http://[::1]:9106/ ", "http://[::1]:9106/")]
    public void Valid_GetsATrailingSlash_SoV1PathsGoBelowIt(string text, string expected)
    {
        Assert.True(ReflectorUrl.TryParse(text, out var url, out var error), error);
        Assert.Equal(expected, url.ToString());
        Assert.Equal(expected + "v1/ip", new Uri(url, "v1/ip").ToString());
    }

    [Theory]
    [InlineData("", "empty reflector URL")]
    [InlineData("203.0.113.7:9106", "is not an http:// or https:// URL")]
    [InlineData("ftp://203.0.113.7/", "is not an http:// or https:// URL")]
    [InlineData("http://203.0.113.7/?x=1", "must not have a query")]
    public void Invalid_SaysWhy(string text, string reason)
    {
        Assert.False(ReflectorUrl.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
