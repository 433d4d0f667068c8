using System.Net;

namespace Reach.Reflector.Tests;

public sealed class AddressClassesTests
{
    /// <summary>Each row of the table (block as written there) with addresses inside it and the class they get.</summary>
    public static TheoryData<string, string, string> RowSamples => new()
    {
        // iana-ipv4-special-registry
        { "0.0.0.0/8", "0.1.2.3", nameof(AddressClass.Unspecified) },
        { "0.0.0.0/32", "0.0.0.0", nameof(AddressClass.Unspecified) },
        { "10.0.0.0/8", "10.1.2.3", nameof(AddressClass.Private) },
        { "100.64.0.0/10", "100.127.255.254", nameof(AddressClass.Shared) },
        { "127.0.0.0/8", "127.0.0.1", nameof(AddressClass.Loopback) },
        { "127.0.0.0/8", "127.255.0.9", nameof(AddressClass.Loopback) },
        { "169.254.0.0/16", "169.254.3.4", nameof(AddressClass.LinkLocal) },
        { "172.16.0.0/12", "172.31.255.255", nameof(AddressClass.Private) },
        { "192.0.0.0/24", "192.0.0.100", nameof(AddressClass.SpecialPurpose) },
        { "192.0.0.0/29", "192.0.0.2", nameof(AddressClass.SpecialPurpose) },
        { "192.0.0.8/32", "192.0.0.8", nameof(AddressClass.SpecialPurpose) },
        { "192.0.0.9/32", "192.0.0.9", nameof(AddressClass.Global) },
        { "192.0.0.10/32", "192.0.0.10", nameof(AddressClass.Global) },
        { "192.0.0.170/32", "192.0.0.170", nameof(AddressClass.SpecialPurpose) },
        { "192.0.0.171/32", "192.0.0.171", nameof(AddressClass.SpecialPurpose) },
        { "192.0.2.0/24", "192.0.2.1", nameof(AddressClass.Documentation) },
        { "192.31.196.0/24", "192.31.196.1", nameof(AddressClass.Global) },
        { "192.52.193.0/24", "192.52.193.1", nameof(AddressClass.Global) },
        { "192.88.99.0/24", "192.88.99.1", nameof(AddressClass.Reserved) },
        { "192.88.99.2/32", "192.88.99.2", nameof(AddressClass.SpecialPurpose) },
        { "192.168.0.0/16", "192.168.1.1", nameof(AddressClass.Private) },
        { "192.175.48.0/24", "192.175.48.1", nameof(AddressClass.Global) },
        { "198.18.0.0/15", "198.19.255.1", nameof(AddressClass.Benchmarking) },
        { "198.51.100.0/24", "198.51.100.7", nameof(AddressClass.Documentation) },
        { "203.0.113.0/24", "203.0.113.7", nameof(AddressClass.Documentation) },
        { "240.0.0.0/4", "240.0.0.1", nameof(AddressClass.Reserved) },
        { "240.0.0.0/4", "255.255.255.254", nameof(AddressClass.Reserved) },
        { "255.255.255.255/32", "255.255.255.255", nameof(AddressClass.Broadcast) },

        // iana-ipv6-special-registry
        { "::1/128", "::1", nameof(AddressClass.Loopback) },
        { "::/128", "::", nameof(AddressClass.Unspecified) },
        { "::ffff:0:0/96", "::ffff:192.31.196.9", nameof(AddressClass.Global) },
        { "::ffff:0:0/96", "::ffff:127.0.0.1", nameof(AddressClass.Loopback) },
        { "64:ff9b::/96", "64:ff9b::c01f:c409", nameof(AddressClass.Global) },
        { "64:ff9b::/96", "64:ff9b::10.0.0.1", nameof(AddressClass.Private) },
        { "64:ff9b:1::/48", "64:ff9b:1::c01f:c409", nameof(AddressClass.SpecialPurpose) },
        { "64:ff9b:1::/48", "64:ff9b:1::192.168.1.1", nameof(AddressClass.Private) },
        { "100::/64", "100::1", nameof(AddressClass.SpecialPurpose) },
        { "100:0:0:1::/64", "100:0:0:1::1", nameof(AddressClass.SpecialPurpose) },
        { "2001::/23", "2001:100::1", nameof(AddressClass.SpecialPurpose) },
        { "2001::/23", "2001:1::4", nameof(AddressClass.SpecialPurpose) },
        { "2001::/32", "2001:0:4136:e378:8000:63bf:3fe0:3bf6", nameof(AddressClass.Global) },
        { "2001:1::1/128", "2001:1::1", nameof(AddressClass.Global) },
        { "2001:1::2/128", "2001:1::2", nameof(AddressClass.Global) },
        { "2001:1::3/128", "2001:1::3", nameof(AddressClass.Global) },
        { "2001:2::/48", "2001:2::1", nameof(AddressClass.Benchmarking) },
        { "2001:3::/32", "2001:3::1", nameof(AddressClass.Global) },
        { "2001:4:112::/48", "2001:4:112::1", nameof(AddressClass.Global) },
        { "2001:10::/28", "2001:10::1", nameof(AddressClass.Reserved) },
        { "2001:20::/28", "2001:20::1", nameof(AddressClass.Global) },
        { "2001:30::/28", "2001:30::1", nameof(AddressClass.Global) },
        { "2001:db8::/32", "2001:db8::1", nameof(AddressClass.Documentation) },
        { "2002::/16", "2002:c01f:c409::1", nameof(AddressClass.Global) },
        { "2620:4f:8000::/48", "2620:4f:8000::1", nameof(AddressClass.Global) },
        { "3fff::/20", "3fff:fff::1", nameof(AddressClass.Documentation) },
        { "5f00::/16", "5f00::1", nameof(AddressClass.SpecialPurpose) },
        { "fc00::/7", "fd00::1", nameof(AddressClass.Private) },
        { "fc00::/7", "fc00::1", nameof(AddressClass.Private) },
        { "fe80::/10", "fe80::1", nameof(AddressClass.LinkLocal) },
        { "fe80::/10", "febf::1", nameof(AddressClass.LinkLocal) },

        // Not in the special-purpose registries
        { "224.0.0.0/4", "224.0.0.1", nameof(AddressClass.Multicast) },
        { "224.0.0.0/4", "239.255.255.250", nameof(AddressClass.Multicast) },
        { "::/96", "::192.31.196.9", nameof(AddressClass.Reserved) },
        { "fec0::/10", "fec0::1", nameof(AddressClass.Reserved) },
        { "ff00::/8", "ff02::1", nameof(AddressClass.Multicast) },
        { "2000::/3", "2a00:1450::1", nameof(AddressClass.Global) },
        { "2000::/3", "3fff:1000::1", nameof(AddressClass.Global) },
        { "0.0.0.0/0", "192.31.197.1", nameof(AddressClass.Global) },
        { "0.0.0.0/0", "172.15.255.255", nameof(AddressClass.Global) },
        { "0.0.0.0/0", "172.32.0.0", nameof(AddressClass.Global) },
        { "0.0.0.0/0", "100.128.0.0", nameof(AddressClass.Global) },
        { "0.0.0.0/0", "198.20.0.0", nameof(AddressClass.Global) },
        { "0.0.0.0/0", "223.255.255.255", nameof(AddressClass.Global) },
        { "::/0", "4000::1", nameof(AddressClass.Reserved) },
        { "::/0", "1::1", nameof(AddressClass.Reserved) },
        { "::/0", "e000::1", nameof(AddressClass.Reserved) },
    };

    [Theory]
    [MemberData(nameof(RowSamples))]
    public void EachRow_GivesItsClass(string block, string address, string expected)
    {
        var found = AddressClasses.Classify(IPAddress.Parse(address));

        Assert.Equal(IPNetwork.Parse(block), found.Range.Block);
        Assert.Equal(Enum.Parse<AddressClass>(expected), found.Class);
    }

    [Fact]
    public void EveryRowOfTheTable_IsTested()
    {
        var tested = RowSamples.Select(row => IPNetwork.Parse((string)row.Data.Item1)).ToHashSet();

        Assert.Empty(AddressClasses.Ranges.Where(r => !tested.Contains(r.Block)).Select(r => r.ToString()));
        Assert.Equal(AddressClasses.Ranges.Count, AddressClasses.Ranges.Select(r => r.Block).Distinct().Count());
    }

    [Theory]
    [InlineData("::ffff:0.0.0.0", "0.0.0.0", nameof(AddressClass.Unspecified))]
    [InlineData("::ffff:10.9.8.7", "10.9.8.7", nameof(AddressClass.Private))]
    [InlineData("::127.0.0.1", "127.0.0.1", nameof(AddressClass.Reserved))]
    [InlineData("::10.0.0.1", "10.0.0.1", nameof(AddressClass.Reserved))]
    [InlineData("64:ff9b::7f00:1", "127.0.0.1", nameof(AddressClass.Loopback))]
    [InlineData("64:ff9b::", "0.0.0.0", nameof(AddressClass.Unspecified))]
    [InlineData("64:ff9b::e000:1", "224.0.0.1", nameof(AddressClass.Multicast))]
    [InlineData("64:ff9b:1:ab::a9fe:101", "169.254.1.1", nameof(AddressClass.LinkLocal))]
    [InlineData("2002:c0a8:101::1", "192.168.1.1", nameof(AddressClass.Private))]
    [InlineData("2002:7f00:1::", "127.0.0.1", nameof(AddressClass.Loopback))]
    [InlineData("2002::1", "0.0.0.0", nameof(AddressClass.Unspecified))]
    [InlineData("2002:ffff:ffff::1", "255.255.255.255", nameof(AddressClass.Broadcast))]
    [InlineData("2002:6440:1::1", "100.64.0.1", nameof(AddressClass.Shared))]
    // RFC 4380 §4's example: client 192.0.2.45 behind a NAT, its bits inverted in the last 32.
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "192.0.2.45", nameof(AddressClass.Documentation))]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1", nameof(AddressClass.Loopback))]
    [InlineData("2001:0:4136:e378:8000:63bf:3f57:fefe", "192.168.1.1", nameof(AddressClass.Private))]
    [InlineData("2001:0:4136:e378:8000:63bf:ffff:ffff", "0.0.0.0", nameof(AddressClass.Unspecified))]
    public void EmbeddedIPv4_IsUnwrapped_AndTheStricterClassDecides(string address, string embedded, string expected)
    {
        var found = AddressClasses.Classify(IPAddress.Parse(address));

        Assert.Equal(IPAddress.Parse(embedded), found.Embedded);
        Assert.Equal(IPAddress.Parse(embedded), AddressClasses.EmbeddedIPv4Of(IPAddress.Parse(address)));
        Assert.Equal(Enum.Parse<AddressClass>(expected), found.Class);
    }

    [Fact]
    public void PlainAddresses_EmbedNothing()
    {
        Assert.Null(AddressClasses.Classify(IPAddress.Parse("192.31.196.9")).Embedded);
        Assert.Null(AddressClasses.EmbeddedIPv4Of(IPAddress.Parse("2a00:1450::1")));
        Assert.Null(AddressClasses.EmbeddedIPv4Of(IPAddress.Parse("::1")));
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback (127.0.0.0/8 Loopback, RFC 1122 §3.2.1.3)")]
    [InlineData("2002:c0a8:101::1", "private (2002::/16 6to4, RFC 3056, of 192.168.1.1: 192.168.0.0/16 Private-Use, RFC 1918)")]
    [InlineData("0.0.0.0", "unspecified (0.0.0.0/32 \"This host on this network\", RFC 1122 §3.2.1.3)")]
    public void Description_NamesTheClassAndTheRow(string address, string expected)
    {
        Assert.Equal(expected, AddressClasses.Classify(IPAddress.Parse(address)).ToString());
    }

    [Fact]
    public void OnlyUnspecifiedMulticastBroadcastAndReserved_AreNoHostAddress()
    {
        var never = Enum.GetValues<AddressClass>().Where(c => !c.IsHostAddress()).ToList();

        Assert.Equal([AddressClass.Unspecified, AddressClass.Multicast, AddressClass.Broadcast, AddressClass.Reserved], never);
        Assert.All(Enum.GetValues<AddressClass>(), c => Assert.False(string.IsNullOrEmpty(c.ToWord())));
    }
}
