using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class ExposureCalculatorTests
{
    private static string[] Covered(Exposure exposure) => [.. exposure.Covers.Select(c => c.Address.ToString())];

    [Fact]
    public void AnyV4_CoversEveryIPv4AddressOfThisHost_AndReachesTheWidest()
    {
        var exposure = SocketRowsBuilder.Exposures().Evaluate(IPAddress.Any, v6Only: null);

        Assert.True(exposure.IsWildcard);
        Assert.Equal(["10.0.0.5", "127.0.0.1", "203.0.113.7"], Covered(exposure));
        Assert.Equal(AddressScope.Public, exposure.Reach);
        Assert.Null(exposure.AcceptsIpv4);
        Assert.False(exposure.Ipv4Guessed);
    }

    [Fact]
    public void AnyV6_WithV6OnlyOn_CoversOnlyIPv6()
    {
        var exposure = SocketRowsBuilder.Exposures().Evaluate(IPAddress.IPv6Any, v6Only: true);

        Assert.Equal(["::1", "2001:db8::5", "fe80::1"], Covered(exposure));
        Assert.False(exposure.AcceptsIpv4);
        Assert.False(exposure.Ipv4Guessed);
    }

    [Fact]
    public void AnyV6_WithV6OnlyOff_CoversIPv4Too()
    {
        var exposure = SocketRowsBuilder.Exposures().Evaluate(IPAddress.IPv6Any, v6Only: false);

        Assert.Equal(["10.0.0.5", "127.0.0.1", "203.0.113.7", "::1", "2001:db8::5", "fe80::1"], Covered(exposure));
        Assert.True(exposure.AcceptsIpv4);
        Assert.False(exposure.Ipv4Guessed);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(null, true)]
    public void AnyV6_WhenTheTableCannotTell_UsesTheSystemDefault_MarkedAsAGuess(bool? systemDefaultV6Only, bool acceptsIpv4)
    {
        var exposure = SocketRowsBuilder.Exposures(systemDefaultV6Only).Evaluate(IPAddress.IPv6Any, v6Only: null);

        Assert.Equal(acceptsIpv4, exposure.AcceptsIpv4);
        Assert.True(exposure.Ipv4Guessed);
    }

    [Fact]
    public void AnyV6_OnAHostWithOnlyPrivateIPv6_ReachesPrivate_ButDualStackReachesThePublicIPv4Address()
    {
        var calculator = new ExposureCalculator([IPAddress.Parse("203.0.113.7"), IPAddress.IPv6Loopback, IPAddress.Parse("fd00::2")], defaultV6Only: false);

        Assert.Equal(AddressScope.Private, calculator.Evaluate(IPAddress.IPv6Any, v6Only: true).Reach);
        Assert.Equal(AddressScope.Public, calculator.Evaluate(IPAddress.IPv6Any, v6Only: false).Reach);
    }

    [Theory]
    [InlineData("127.0.0.1", AddressScope.Loopback)]
    [InlineData("::1", AddressScope.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressScope.Loopback)]
    [InlineData("10.0.0.5", AddressScope.Private)]
    [InlineData("fe80::1", AddressScope.LinkLocal)]
    [InlineData("203.0.113.7", AddressScope.Public)]
    public void SpecificAddress_IsItsOwnClass_AndCoversNothingElse(string address, AddressScope expected)
    {
        var exposure = SocketRowsBuilder.Exposures().Evaluate(IPAddress.Parse(address), v6Only: true);

        Assert.False(exposure.IsWildcard);
        Assert.Equal(expected, exposure.Reach);
        Assert.Empty(exposure.Covers);
        Assert.Null(exposure.AcceptsIpv4);
    }

    [Fact]
    public void Ipv4MappedWildcard_IsTheIPv4Wildcard() =>
        Assert.Null(SocketRowsBuilder.Exposures().Evaluate(IPAddress.Parse("::ffff:0.0.0.0"), v6Only: false).AcceptsIpv4);

    [Fact]
    public void Wildcard_WithNoKnownAddress_IsNotCalledNarrow()
    {
        var exposure = new ExposureCalculator([], defaultV6Only: false).Evaluate(IPAddress.Any, v6Only: null);

        Assert.Empty(exposure.Covers);
        Assert.Equal(AddressScope.Public, exposure.Reach);
    }

    [Fact]
    public void Width_GrowsWithReach_ThenWildcard_ThenIPv4OnTopOfIPv6()
    {
        var calculator = SocketRowsBuilder.Exposures();
        var loopback = calculator.Evaluate(IPAddress.Loopback, null);
        var privateAddress = calculator.Evaluate(IPAddress.Parse("10.0.0.5"), null);
        var publicAddress = calculator.Evaluate(IPAddress.Parse("203.0.113.7"), null);
        var anyV6 = calculator.Evaluate(IPAddress.IPv6Any, true);
        var dual = calculator.Evaluate(IPAddress.IPv6Any, false);

        Assert.True(loopback.Width < privateAddress.Width);
        Assert.True(privateAddress.Width < publicAddress.Width);
        Assert.True(publicAddress.Width < anyV6.Width);
        Assert.True(anyV6.Width < dual.Width);
    }
}
