using System.Net;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class EndpointNotationTests
{
    [Theory]
    [InlineData("0.0.0.0:80", "0.0.0.0:80")]
    [InlineData("[::]:80", "[::]:80")]
    [InlineData("127.0.0.1:9050", "127.0.0.1:9050")]
    [InlineData("[::ffff:127.0.0.1]:80", "[::ffff:127.0.0.1]:80")]
    [InlineData("0.0.0.0:0", "0.0.0.0:*")]
    public void Local_IsWrittenAsBound(string endpoint, string expected) =>
        Assert.Equal(expected, EndpointNotation.Local(IPEndPoint.Parse(endpoint)));

    [Theory]
    [InlineData("0.0.0.0:0", "*:*")]
    [InlineData("[::]:0", "*:*")]
    [InlineData("203.0.113.9:443", "203.0.113.9:443")]
    [InlineData("[2001:db8::1]:22", "[2001:db8::1]:22")]
    public void Remote_WithoutPeer_IsStarStar(string endpoint, string expected) =>
        Assert.Equal(expected, EndpointNotation.Remote(IPEndPoint.Parse(endpoint)));
}
