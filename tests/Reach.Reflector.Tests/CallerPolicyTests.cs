using System.Net;

namespace Reach.Reflector.Tests;

public sealed class CallerPolicyTests
{
    [Theory]
    [InlineData("192.31.196.9")]
    [InlineData("2a00:1450::1")]
    [InlineData("2002:c01f:c409::1")]
    [InlineData("64:ff9b::c01f:c409")]
    public void GlobalCallers_AreServed(string caller)
    {
        Assert.Null(CallerPolicy.Refusal(IPAddress.Parse(caller), allowPrivate: false));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1 is loopback")]
    [InlineData("10.1.2.3", "10.1.2.3 is private")]
    [InlineData("100.64.0.1", "100.64.0.1 is shared (carrier-grade NAT)")]
    [InlineData("203.0.113.7", "203.0.113.7 is reserved for documentation")]
    [InlineData("fd00::1", "fd00::1 is private")]
    [InlineData("64:ff9b::a00:1", "64:ff9b::a00:1 is private")]
    [InlineData("2002:c0a8:101::1", "of 192.168.1.1")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "is loopback")]
    public void NonGlobalHostAddresses_NeedAllowPrivate(string caller, string expected)
    {
        var refusal = CallerPolicy.Refusal(IPAddress.Parse(caller), allowPrivate: false);

        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        Assert.Contains("--allow-private", refusal, StringComparison.Ordinal);
        Assert.Null(CallerPolicy.Refusal(IPAddress.Parse(caller), allowPrivate: true));
    }

    [Theory]
    [InlineData("0.0.0.0", "is unspecified")]
    [InlineData("0.1.2.3", "is unspecified")]
    [InlineData("::", "is unspecified")]
    [InlineData("224.0.0.1", "is multicast")]
    [InlineData("ff02::1", "is multicast")]
    [InlineData("255.255.255.255", "is broadcast")]
    [InlineData("240.0.0.1", "is reserved")]
    [InlineData("::127.0.0.1", "is reserved")]
    [InlineData("2002::1", "is unspecified")]
    [InlineData("64:ff9b::", "is unspecified")]
    public void NoHostAddresses_AreNeverServed_EvenWithAllowPrivate(string caller, string expected)
    {
        foreach (var allowPrivate in new[] { false, true })
        {
            var refusal = CallerPolicy.Refusal(IPAddress.Parse(caller), allowPrivate);

            Assert.Contains($"{caller} {expected}", refusal, StringComparison.Ordinal);
            Assert.Contains("never probes it", refusal, StringComparison.Ordinal);
        }
    }
}
