using System.Net;
using System.Net.Sockets;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class AddressRangeTests
{
    [Fact]
    public void FromAddress_IsOneAddress()
    {
        var range = AddressRange.FromAddress(IPAddress.Parse("10.0.0.7"));
        Assert.Equal(AddressFamily.InterNetwork, range.Family);
        Assert.Equal((UInt128)0x0A000007, range.First);
        Assert.Equal(range.First, range.Last);
        Assert.Equal(UInt128.One, range.Count);
        Assert.Equal("10.0.0.7", range.ToString());
    }

    [Fact]
    public void Between_GivesTheInclusiveRange()
    {
        var range = AddressRange.Between(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::ff"));
        Assert.Equal(AddressFamily.InterNetworkV6, range.Family);
        Assert.Equal((UInt128)255, range.Count);
        Assert.Equal("fd00::1-fd00::ff", range.ToString());
        Assert.True(range.Contains(IPAddress.Parse("fd00::80")));
        Assert.False(range.Contains(IPAddress.Parse("fd00::100")));
        Assert.False(range.Contains(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void Between_RejectsMixedFamiliesAndReversedBounds()
    {
        Assert.Throws<ArgumentException>(() => AddressRange.Between(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("fd00::1")));
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.Between(IPAddress.Parse("10.0.0.9"), IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void Constructor_RejectsIPv4ValuesBeyond32Bits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddressRange(AddressFamily.InterNetwork, 0, (UInt128)uint.MaxValue + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AddressRange(AddressFamily.Unix, 0, 1));
    }

    [Fact]
    public void FromNetwork_CoversBaseAndBroadcast()
    {
        var range = AddressRange.FromNetwork(IPNetwork.Parse("192.168.1.0/30"));
        Assert.Equal(IPAddress.Parse("192.168.1.0"), range.FirstAddress);
        Assert.Equal(IPAddress.Parse("192.168.1.3"), range.LastAddress);
    }

    [Fact]
    public void Count_OfAllIPv6_Saturates()
    {
        var all = AddressRange.FromNetwork(IPNetwork.Parse("::/0"));
        Assert.Equal(UInt128.MaxValue, all.Count);
        var all4 = AddressRange.FromNetwork(IPNetwork.Parse("0.0.0.0/0"));
        Assert.Equal((UInt128)1 << 32, all4.Count);
    }
}
