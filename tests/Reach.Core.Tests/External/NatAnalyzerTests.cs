using System.Net;
using Reach.External;

namespace Reach.Core.Tests.External;

public class NatAnalyzerTests
{
    [Theory]
    // public address      outgoing (connection's local side)  interface addresses                  kind     local address    reflector private
    [InlineData("203.0.113.7", "203.0.113.7", "127.0.0.1,203.0.113.7", NatKind.None, "203.0.113.7", false)]
    [InlineData("203.0.113.7", null, "127.0.0.1,203.0.113.7", NatKind.None, "203.0.113.7", false)]
    [InlineData("::ffff:203.0.113.7", null, "203.0.113.7", NatKind.None, "203.0.113.7", false)]
    [InlineData("2001:db8::5", "2001:db8::5", "127.0.0.1,192.168.1.10,2001:db8::5", NatKind.None, "2001:db8::5", false)]
    [InlineData("203.0.113.7", "192.168.1.10", "127.0.0.1,192.168.1.10", NatKind.Nat, "192.168.1.10", false)]
    [InlineData("203.0.113.7", "::ffff:192.168.1.10", "127.0.0.1,192.168.1.10", NatKind.Nat, "192.168.1.10", false)]
    [InlineData("203.0.113.7", null, "127.0.0.1,169.254.0.9,192.168.1.10", NatKind.Nat, "192.168.1.10", false)]
    [InlineData("203.0.113.7", "100.64.3.4", "127.0.0.1,100.64.3.4", NatKind.CarrierGradeNat, "100.64.3.4", false)]
    [InlineData("203.0.113.7", null, "127.0.0.1,100.127.255.254", NatKind.CarrierGradeNat, "100.127.255.254", false)]
    [InlineData("203.0.113.7", "192.168.1.10", "192.168.1.10,100.64.0.1", NatKind.Nat, "192.168.1.10", false)] // traffic leaves from the LAN side
    [InlineData("203.0.113.7", "fd00::5", "192.168.1.10,fd00::5", NatKind.Nat, "192.168.1.10", false)] // other family: the local address of the same family
    [InlineData("10.1.2.3", "192.168.1.10", "192.168.1.10", NatKind.Nat, "192.168.1.10", true)] // a reflector inside a private network
    [InlineData("2001:db8::7", "2001:db8::5", "2001:db8::5", NatKind.Nat, "2001:db8::5", false)] // NPTv6 / NAT66
    [InlineData("203.0.113.7", null, "127.0.0.1", NatKind.Nat, null, false)]
    [InlineData("203.0.113.7", "127.0.0.1", "127.0.0.1,192.168.1.10", NatKind.Nat, "192.168.1.10", false)] // a reflector on this host: loopback is no LAN address
    public void Analyze(string seen, string? outgoing, string interfaces, NatKind kind, string? local, bool reflectorPrivate)
    {
        var analysis = NatAnalyzer.Analyze(
            IPAddress.Parse(seen),
            outgoing is null ? null : IPAddress.Parse(outgoing),
            [.. interfaces.Split(',').Select(IPAddress.Parse)]);

        Assert.Equal(kind, analysis.Kind);
        Assert.Equal(local, analysis.LocalAddress?.ToString());
        Assert.Equal(reflectorPrivate, analysis.ReflectorIsPrivate);
        Assert.False(analysis.PublicAddress.IsIPv4MappedToIPv6);
    }

    [Theory]
    [InlineData("100.63.255.255", false)]
    [InlineData("100.64.0.0", true)]
    [InlineData("100.100.100.100", true)]
    [InlineData("100.127.255.255", true)]
    [InlineData("100.128.0.0", false)]
    [InlineData("::ffff:100.64.0.1", true)]
    [InlineData("192.168.1.10", false)]
    [InlineData("fd00::5", false)]
    public void IsSharedAddressSpace_Is100_64_0_0_10(string address, bool expected) =>
        Assert.Equal(expected, NatAnalyzer.IsSharedAddressSpace(IPAddress.Parse(address)));

    [Fact]
    public void Sentence_NamesBothSides()
    {
        Assert.Equal("this host is behind NAT (192.168.1.10 → 203.0.113.7)",
            NatAnalyzer.Analyze(IPAddress.Parse("203.0.113.7"), IPAddress.Parse("192.168.1.10"), []).Sentence);
        Assert.Equal("this host has the public address 203.0.113.7 itself (no NAT)",
            NatAnalyzer.Analyze(IPAddress.Parse("203.0.113.7"), null, [IPAddress.Parse("203.0.113.7")]).Sentence);
        Assert.Equal("this host is behind carrier-grade NAT (100.64.3.4 → 203.0.113.7)",
            NatAnalyzer.Analyze(IPAddress.Parse("203.0.113.7"), IPAddress.Parse("100.64.3.4"), []).Sentence);
    }
}
