using System.Net;
using Reach.Routing;

namespace Reach.Core.Tests.Routing;

public class ProcRouteParserTests
{
    private const string Ipv4Table = """
        Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
        eth0	00000000	0100A8C0	0003	0	0	100	00000000	0	0	0
        eth0	0000A8C0	00000000	0001	0	0	100	00FFFFFF	0	0	0
        wg0	00000A0A	00000000	0001	0	0	0	0000FFFF	0	0	0
        bad0	00000B0A	00000000	0201	0	0	0	0000FFFF	0	0	0
        """;

    private const string Ipv6Table = """
        fd005eac000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001  veth0
        00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0
        00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo
        """;

    [Fact]
    public void ParseIpv4_ReadsHostOrderHexAndSkipsRejectRoutes()
    {
        var routes = ProcRouteParser.ParseIpv4(Ipv4Table);

        Assert.Equal(3, routes.Count);
        Assert.Equal(new IPNetwork(IPAddress.Any, 0), routes[0].Destination);
        Assert.Equal(IPAddress.Parse("192.168.0.1"), routes[0].Gateway);
        Assert.Equal(new IPNetwork(IPAddress.Parse("192.168.0.0"), 24), routes[1].Destination);
        Assert.Null(routes[1].Gateway);
    }

    [Theory]
    [InlineData("192.168.0.77", "eth0", null)]
    [InlineData("10.10.3.4", "wg0", null)]
    [InlineData("203.0.113.9", "eth0", "192.168.0.1")]
    [InlineData("10.11.0.1", "eth0", "192.168.0.1")]
    public void BestMatch_PicksTheLongestPrefix(string destination, string expectedInterface, string? expectedGateway)
    {
        var route = RouteEntry.BestMatch(ProcRouteParser.ParseIpv4(Ipv4Table), IPAddress.Parse(destination));

        Assert.NotNull(route);
        Assert.Equal(expectedInterface, route.InterfaceName);
        Assert.Equal(expectedGateway, route.Gateway?.ToString());
    }

    [Theory]
    [InlineData("fd00:5eac::2", "veth0", null)]
    [InlineData("2001:db8::1", "eth0", "fe80::1")]
    [InlineData("::1", "lo", null)]
    public void ParseIpv6_AndBestMatch(string destination, string expectedInterface, string? expectedGateway)
    {
        var route = RouteEntry.BestMatch(ProcRouteParser.ParseIpv6(Ipv6Table), IPAddress.Parse(destination));

        Assert.NotNull(route);
        Assert.Equal(expectedInterface, route.InterfaceName);
        Assert.Equal(expectedGateway, route.Gateway?.ToString());
    }

    [Fact]
    public void BestMatch_NoRoute_IsNull()
    {
        var routes = ProcRouteParser.ParseIpv4(Ipv4Table).Where(r => r.Destination.PrefixLength > 0);
        Assert.Null(RouteEntry.BestMatch(routes, IPAddress.Parse("203.0.113.9")));
    }
}
