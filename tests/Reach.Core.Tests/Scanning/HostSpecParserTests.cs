using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class HostSpecParserTests
{
    private static readonly Gen<uint> AnyUInt =
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 4).Select(b => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b));

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", "10.0.0.5")]
    [InlineData(" 10.0.0.5 ", "10.0.0.5", "10.0.0.5")]
    [InlineData("0.0.0.0", "0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255", "255.255.255.255")]
    [InlineData("fd00::5", "fd00::5", "fd00::5")]
    [InlineData("[fd00::5]", "fd00::5", "fd00::5")]
    [InlineData("10.0.0.0/24", "10.0.0.0", "10.0.0.255")]
    [InlineData("10.0.0.5/24", "10.0.0.0", "10.0.0.255")]
    [InlineData("10.0.0.7/32", "10.0.0.7", "10.0.0.7")]
    [InlineData("10.0.0.0/8", "10.0.0.0", "10.255.255.255")]
    [InlineData("0.0.0.0/0", "0.0.0.0", "255.255.255.255")]
    [InlineData("fd00::/120", "fd00::", "fd00::ff")]
    [InlineData("fd00::1:2/112", "fd00::1:0", "fd00::1:ffff")]
    [InlineData("fd00::/96", "fd00::", "fd00::ffff:ffff")]
    [InlineData("fd00::7/128", "fd00::7", "fd00::7")]
    [InlineData("10.0.0.1-10.0.0.50", "10.0.0.1", "10.0.0.50")]
    [InlineData("10.0.0.1 - 10.0.0.50", "10.0.0.1", "10.0.0.50")]
    [InlineData("10.0.0.250-10.0.1.5", "10.0.0.250", "10.0.1.5")]
    [InlineData("10.0.0.1-50", "10.0.0.1", "10.0.0.50")]
    [InlineData("10.0.0.7-7", "10.0.0.7", "10.0.0.7")]
    [InlineData("10.0.0.0-255", "10.0.0.0", "10.0.0.255")]
    [InlineData("fd00::1-fd00::20", "fd00::1", "fd00::20")]
    [InlineData("fd00::1-ff", "fd00::1", "fd00::ff")]
    [InlineData("fd00::1:1-10", "fd00::1:1", "fd00::1:10")]
    [InlineData("fd00::1-FFFF", "fd00::1", "fd00::ffff")]
    public void TryParse_Addresses_GiveOneRange(string text, string first, string last)
    {
        Assert.True(HostSpecParser.TryParse(text, out var spec, out var error), error);
        Assert.False(spec.IsHostName);
        Assert.Null(spec.HostName);
        var range = Assert.Single(spec.Ranges);
        Assert.Equal(IPAddress.Parse(first), range.FirstAddress);
        Assert.Equal(IPAddress.Parse(last), range.LastAddress);
        Assert.Equal(text.Trim(), spec.Text);
    }

    [Theory]
    [InlineData("db01")]
    [InlineData("db01.corp.local")]
    [InlineData("web-01")]
    [InlineData("web-01.example.")]
    [InlineData("10-0-0-1.example")]
    [InlineData("localhost")]
    public void TryParse_HostNames_AreKeptForLater(string text)
    {
        Assert.True(HostSpecParser.TryParse(text, out var spec, out var error), error);
        Assert.True(spec.IsHostName);
        Assert.Equal(text, spec.HostName);
        Assert.Empty(spec.Ranges);
        Assert.Equal(AddressFamily.Unspecified, spec.Family);
    }

    [Theory]
    [InlineData("10.0.0.0/33", "prefix length 33 is out of range for IPv4 (0-32)")]
    [InlineData("10.0.0.0/999", "prefix length 999 is out of range for IPv4 (0-32)")]
    [InlineData("10.0.0.0/99999999999", "prefix length 99999999999 is out of range for IPv4 (0-32)")]
    [InlineData("fd00::/129", "prefix length 129 is out of range for IPv6 (0-128)")]
    [InlineData("10.0.0.0/", "'' is not a prefix length (0-32)")]
    [InlineData("10.0.0.0/x", "'x' is not a prefix length (0-32)")]
    [InlineData("10.0.0.0/-1", "'-1' is not a prefix length")]
    [InlineData("db01/24", "a network needs an IP address before the '/'")]
    [InlineData("10.0.0.256/24", "'10.0.0.256' is not a valid IPv4 address (256 is over 255)")]
    [InlineData("fd00::/64", "fd00::/64 has 2^64 addresses; at most 2^32 can be scanned")]
    [InlineData("::/0", "::/0 has 2^128 addresses; at most 2^32 can be scanned")]
    [InlineData("fd00::/95", "has 2^33 addresses")]
    [InlineData("fd00::-fd00::1:0:0", "has 4294967297 addresses; at most 2^32")]
    [InlineData("10.0.0.50-10.0.0.1", "'10.0.0.50-10.0.0.1' is reversed: 10.0.0.50 comes after 10.0.0.1")]
    [InlineData("10.0.0.50-10", "is reversed: 10.0.0.50 comes after 10.0.0.10")]
    [InlineData("fd00::20-fd00::1", "is reversed: fd00::20 comes after fd00::1")]
    [InlineData("fd00::20-1", "is reversed: fd00::20 comes after fd00::1")]
    [InlineData("10.0.0.1-fd00::1", "'10.0.0.1-fd00::1' mixes IPv4 and IPv6")]
    [InlineData("fd00::1-10.0.0.1", "mixes IPv4 and IPv6")]
    [InlineData("10.0.0.1-", "the range has no end")]
    [InlineData("10.0.0.1-256", "'256' is neither an address nor a last octet (0-255)")]
    [InlineData("10.0.0.1-abc", "'abc' is neither an address nor a last octet")]
    [InlineData("10.0.0.1-10.0.0.5-9", "'10.0.0.5-9' is neither an address nor a last octet")]
    [InlineData("fd00::1-10000", "'10000' is neither an address nor a last group (hex, 0-ffff)")]
    [InlineData("fd00::1-xyz", "neither an address nor a last group")]
    [InlineData("10.0.0.300-5", "'10.0.0.300' is not a valid IPv4 address")]
    [InlineData("10.0.0.256", "'10.0.0.256' is not a valid IPv4 address")]
    [InlineData("10.0.0", "'10.0.0' is not a valid IPv4 address")]
    [InlineData("10.0.0.1.2", "'10.0.0.1.2' is not a valid IPv4 address")]
    [InlineData("10", "'10' is not a valid IPv4 address")]
    [InlineData("010.0.0.1", "without leading zeros (other tools would read it as 8.0.0.1)")]
    [InlineData("1::2::3", "'1::2::3' is not a valid IPv6 address")]
    [InlineData("fe80::1%eth0", "a scoped IPv6 address (%zone) cannot be scanned")]
    [InlineData("srv01:22", "ports are given separately")]
    [InlineData("bad_host!", "'bad_host!' is not a valid host name")]
    [InlineData("-web", "'-web' is not a valid host name")]
    [InlineData("", "empty host")]
    [InlineData("   ", "empty host")]
    public void TryParse_BadSpecs_NameTheProblem(string text, string expected)
    {
        Assert.False(HostSpecParser.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NullText_IsEmpty()
    {
        Assert.False(HostSpecParser.TryParse(null, out _, out var error));
        Assert.Equal("empty host", error);
    }

    [Theory]
    [InlineData("fd00::/96", true)]
    [InlineData("fd00::/95", false)]
    [InlineData("fd00::-fd00::ffff:ffff", true)]
    [InlineData("0.0.0.0/0", true)]
    public void TryParse_TargetsHoldAtMost2To32Addresses(string text, bool accepted)
    {
        Assert.Equal(accepted, HostSpecParser.TryParse(text, HostSpecRole.Target, out _, out _));
    }

    [Theory]
    [InlineData("fd00::/64", "fd00::", "fd00::ffff:ffff:ffff:ffff")]
    [InlineData("::/0", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void TryParse_ExclusionsMayBeAnySize(string text, string first, string last)
    {
        Assert.True(HostSpecParser.TryParse(text, HostSpecRole.Exclusion, out var spec, out var error), error);
        var range = Assert.Single(spec.Ranges);
        Assert.Equal(IPAddress.Parse(first), range.FirstAddress);
        Assert.Equal(IPAddress.Parse(last), range.LastAddress);
    }

    [Fact]
    public void TryParseList_ReadsCommaSeparatedItemsAndSkipsEmptyOnes()
    {
        Assert.True(HostSpecParser.TryParseList("10.0.0.5, 10.0.0.128/25,,db01,", HostSpecRole.Exclusion, out var specs, out var error), error);
        Assert.Equal(["10.0.0.5", "10.0.0.128/25", "db01"], specs.Select(s => s.Text));
    }

    [Theory]
    [InlineData("", "empty host list")]
    [InlineData(" , ", "empty host list")]
    [InlineData("10.0.0.5,10.0.0.0/33", "prefix length 33")]
    public void TryParseList_Errors(string text, string expected)
    {
        Assert.False(HostSpecParser.TryParseList(text, HostSpecRole.Target, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [FsCheck.Xunit.Property]
    public Property Cidr_CoversExactlyTheAddressesSharingThePrefix() => Prop.ForAll(
        Arb.From(AnyUInt),
        Arb.From(Gen.Choose(0, 32)),
        (value, prefix) =>
        {
            var text = $"{V4(value)}/{prefix}";
            Assert.True(HostSpecParser.TryParse(text, out var spec, out var error), error);
            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            return spec.Ranges[0].First == (value & mask) && spec.Ranges[0].Last == ((value & mask) | ~mask);
        });

    [FsCheck.Xunit.Property]
    public Property FullRanges_ParseBackToTheirBounds() => Prop.ForAll(
        Arb.From(AnyUInt),
        Arb.From(Gen.Choose(0, 5000)),
        (first, length) =>
        {
            var last = (uint)Math.Min((ulong)first + (ulong)length, uint.MaxValue);
            Assert.True(HostSpecParser.TryParse($"{V4(first)}-{V4(last)}", out var spec, out var error), error);
            return spec.Ranges[0].First == first && spec.Ranges[0].Last == last;
        });

    [FsCheck.Xunit.Property]
    public Property ArbitraryText_NeverThrows() => Prop.ForAll(
        ArbMap.Default.ArbFor<string>(),
        text =>
        {
            var ok = HostSpecParser.TryParse(text, out var spec, out var error);
            return ok ? spec is not null && error is null : spec is null && !string.IsNullOrEmpty(error);
        });

    private static IPAddress V4(uint value) => new AddressRange(AddressFamily.InterNetwork, value, value).FirstAddress;
}
