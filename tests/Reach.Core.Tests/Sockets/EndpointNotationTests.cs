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

    [Theory]
    [InlineData("fe80::50%3", "fe80::50%eth0")]
    [InlineData("fe80::50%7", "fe80::50%7")] // no interface has index 7: the number stays
    [InlineData("fe80::50", "fe80::50")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("10.0.0.5", "10.0.0.5")]
    public void Plain_WritesAZoneAsTheInterfaceName(string address, string expected) =>
        Assert.Equal(expected, EndpointNotation.Plain(IPAddress.Parse(address), index => index == 3 ? "eth0" : null));

    [Fact]
    public void Local_LinkLocal_IsBracketedWithTheInterfaceName_OnLinux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "zones are interface names on Linux (numbers on Windows, as its tools write them)");
        var endpoint = new IPEndPoint(IPAddress.Parse("fe80::50%1"), 22); // index 1 is lo in every namespace

        Assert.Equal("[fe80::50%lo]:22", EndpointNotation.Local(endpoint));
        Assert.Equal("[fe80::50%lo]:22", EndpointNotation.Remote(endpoint));
        Assert.Equal("fe80::50%lo", EndpointNotation.Plain(endpoint.Address));
    }
}
