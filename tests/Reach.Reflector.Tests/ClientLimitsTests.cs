using System.Net;

namespace Reach.Reflector.Tests;

public sealed class ClientLimitsTests
{
    private static readonly IPAddress First = IPAddress.Parse("203.0.113.1");
    private static readonly IPAddress Second = IPAddress.Parse("203.0.113.2");

    [Fact]
    public void Requests_BudgetPerClient_ThenAWait()
    {
        using var limits = new ClientLimits(requestsPerMinute: 3, portsPerMinute: 100);

        var answers = Enumerable.Range(0, 5).Select(_ => limits.TakeRequest(First)).ToList();

        Assert.Equal(3, answers.Count(a => a is null));
        Assert.All(answers.Skip(3), a => Assert.InRange(a!.Value, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1)));
        Assert.Null(limits.TakeRequest(Second));
    }

    [Fact]
    public void Ports_AreCountedOneByOne()
    {
        using var limits = new ClientLimits(requestsPerMinute: 100, portsPerMinute: 5);

        Assert.Null(limits.TakePorts(First, 4));
        Assert.NotNull(limits.TakePorts(First, 2));
        Assert.Null(limits.TakePorts(First, 1));
        Assert.NotNull(limits.TakePorts(First, 1));
    }

    [Fact]
    public void Ports_TwentyAddressesOfOneIPv6Slash64_ShareOneBudget()
    {
        // Issue 13: 20 addresses of one /64 each got the full 64 ports, 1,280 in a second.
        using var limits = new ClientLimits(requestsPerMinute: 1000, portsPerMinute: 64);

        var granted = Enumerable.Range(1, 20).Count(i => limits.TakePorts(IPAddress.Parse($"2001:db8:1:2::{i:x}"), 64) is null);

        Assert.Equal(1, granted);
        Assert.NotNull(limits.TakePorts(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff"), 1));
        Assert.Null(limits.TakePorts(IPAddress.Parse("2001:db8:1:3::1"), 64));
    }

    [Fact]
    public void Requests_AnIPv6Slash64_IsOneClient()
    {
        using var limits = new ClientLimits(requestsPerMinute: 3, portsPerMinute: 100);

        var answers = Enumerable.Range(1, 10).Select(i => limits.TakeRequest(IPAddress.Parse($"2001:db8:7:7:{i:x}::1"))).ToList();

        Assert.Equal(3, answers.Count(a => a is null));
        Assert.Null(limits.TakeRequest(IPAddress.Parse("2001:db8:7:8::1")));
    }

    [Theory]
    [InlineData(56, "2001:db8:1:200::1", "2001:db8:1:2ff:1::1", "2001:db8:1:300::1")]
    [InlineData(48, "2001:db8:1::1", "2001:db8:1:ffff::1", "2001:db8:2::1")]
    [InlineData(128, "2001:db8::1", "2001:db8::1", "2001:db8::2")]
    public void IPv6Prefix_SetsWhatOneClientIs(int prefix, string first, string sameClient, string otherClient)
    {
        using var limits = new ClientLimits(requestsPerMinute: 1, portsPerMinute: 100, ipv6Prefix: prefix);

        Assert.Null(limits.TakeRequest(IPAddress.Parse(first)));
        Assert.NotNull(limits.TakeRequest(IPAddress.Parse(sameClient)));
        Assert.Null(limits.TakeRequest(IPAddress.Parse(otherClient)));
    }

    [Theory]
    [InlineData("192.31.196.9", "192.31.196.9")]
    [InlineData("::ffff:192.31.196.9", "192.31.196.9")]
    [InlineData("64:ff9b::c01f:c409", "192.31.196.9")]
    [InlineData("2002:c01f:c409:5::1", "192.31.196.9")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fe0:3bf6", "192.31.196.9")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2a00:1450::1", "2a00:1450::/64")]
    public void ClientOf_IPv4EvenWhenEmbedded_IPv6ByPrefix(string address, string expected)
    {
        using var limits = new ClientLimits(requestsPerMinute: 1, portsPerMinute: 1);

        Assert.Equal(expected, ClientLimits.Describe(limits.ClientOf(IPAddress.Parse(address))));
    }

    [Fact]
    public void EmbeddedIPv4_SharesTheBudgetOfThatAddress()
    {
        using var limits = new ClientLimits(requestsPerMinute: 1, portsPerMinute: 100);

        Assert.Null(limits.TakeRequest(IPAddress.Parse("192.31.196.9")));
        Assert.NotNull(limits.TakeRequest(IPAddress.Parse("2002:c01f:c409:1::1")));
        Assert.NotNull(limits.TakeRequest(IPAddress.Parse("64:ff9b::c01f:c409")));
        Assert.Null(limits.TakeRequest(IPAddress.Parse("64:ff9b::c01f:c40a")));
    }

    [Fact]
    public void Ports_MoreThanAWholeWindow_IsAWait_NotAnException()
    {
        using var limits = new ClientLimits(requestsPerMinute: 100, portsPerMinute: 5);

        Assert.Equal(TimeSpan.FromMinutes(1), limits.TakePorts(First, 6));
        Assert.Null(limits.TakePorts(First, 5));
    }
}
