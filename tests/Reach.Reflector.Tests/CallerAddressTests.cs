using System.Net;

namespace Reach.Reflector.Tests;

public sealed class CallerAddressTests
{
    private static readonly IPNetwork[] LocalProxy = [IPNetwork.Parse("127.0.0.1/32")];
    private static readonly IPNetwork[] TwoProxies = [IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("10.0.0.0/8")];

    [Fact]
    public void UntrustedPeer_HeaderIgnored()
    {
        Assert.Equal(IPAddress.Parse("198.51.100.4"), Resolve("198.51.100.4", ["203.0.113.9"], LocalProxy));
        Assert.Equal(IPAddress.Parse("198.51.100.4"), Resolve("198.51.100.4", ["203.0.113.9"], []));
    }

    [Fact]
    public void TrustedPeer_RightMostUntrustedHopIsTheCaller()
    {
        // The client wrote 192.0.2.66 itself; the proxy appended the address it really saw.
        Assert.Equal(IPAddress.Parse("203.0.113.7"), Resolve("127.0.0.1", ["192.0.2.66, 203.0.113.7"], LocalProxy));
        Assert.Equal(IPAddress.Parse("203.0.113.7"), Resolve("127.0.0.1", ["192.0.2.66", "203.0.113.7"], LocalProxy));
    }

    [Fact]
    public void TrustedProxyChain_SkipsEveryTrustedHop()
    {
        Assert.Equal(IPAddress.Parse("203.0.113.7"), Resolve("127.0.0.1", ["192.0.2.66, 203.0.113.7, 10.1.2.3"], TwoProxies));
    }

    [Fact]
    public void TrustedPeer_WithoutHeader_IsTheCaller()
    {
        Assert.Equal(IPAddress.Loopback, Resolve("127.0.0.1", [], LocalProxy));
    }

    [Theory]
    [InlineData("203.0.113.7:51000", "203.0.113.7")]
    [InlineData("[2001:db8::7]:51000", "2001:db8::7")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void HopsWithPortsOrMappedAddresses_AreRead(string hop, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), Resolve("127.0.0.1", [hop], LocalProxy));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("127.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("203.0.113.7, _hidden")]
    public void MalformedHop_FromTrustedProxy_IsAnError(string header)
    {
        var caller = CallerAddress.Resolve(IPAddress.Loopback, [header], LocalProxy, out var error);

        Assert.Null(caller);
        Assert.Contains("is not an IP address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MappedPeer_IsShownAsIPv4()
    {
        Assert.Equal(IPAddress.Parse("203.0.113.7"), Resolve("::ffff:203.0.113.7", [], []));
    }

    private static IPAddress? Resolve(string peer, string[] headers, IPNetwork[] trusted)
    {
        var caller = CallerAddress.Resolve(IPAddress.Parse(peer), headers, trusted, out var error);
        Assert.Null(error);
        return caller;
    }
}
