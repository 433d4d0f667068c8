using System.Buffers.Binary;
using System.Net;
using Reach.Routing;

namespace Reach.Core.Tests.Routing;

/// <summary>Fixtures built from the documented MIB_IPFORWARD_ROW2 and SOCKADDR_INET layouts (netioapi.h, ws2ipdef.h).</summary>
public class WindowsRouteDecoderTests
{
    private static byte[] Row(IPAddress destination, int prefixLength, IPAddress nextHop, uint interfaceIndex, uint metric)
    {
        var row = new byte[WindowsRouteDecoder.RowSize];
        BinaryPrimitives.WriteUInt64LittleEndian(row, 0x0006_0000_0100_0000); // InterfaceLuid: opaque
        BinaryPrimitives.WriteUInt32LittleEndian(row.AsSpan(WindowsRouteDecoder.InterfaceIndexOffset), interfaceIndex);
        WriteSockaddr(row.AsSpan(WindowsRouteDecoder.DestinationOffset), destination);
        row[WindowsRouteDecoder.PrefixLengthOffset] = (byte)prefixLength;
        WriteSockaddr(row.AsSpan(WindowsRouteDecoder.NextHopOffset), nextHop);
        BinaryPrimitives.WriteUInt32LittleEndian(row.AsSpan(WindowsRouteDecoder.MetricOffset), metric);
        return row;
    }

    private static void WriteSockaddr(Span<byte> target, IPAddress address)
    {
        var v4 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        BinaryPrimitives.WriteUInt16LittleEndian(target, v4 ? WindowsRouteDecoder.AfInet : WindowsRouteDecoder.AfInet6);
        address.GetAddressBytes().CopyTo(target[(v4 ? 4 : 8)..]);
    }

    [Fact]
    public void DefaultRoute_ThroughAGateway()
    {
        var row = Row(IPAddress.Any, 0, IPAddress.Parse("192.168.1.1"), 12, 35);

        var (route, index) = WindowsRouteDecoder.Decode(row, i => i == 12 ? "Ethernet" : null)!.Value;

        Assert.Equal(12u, index);
        Assert.Equal(new IPNetwork(IPAddress.Any, 0), route.Destination);
        Assert.Equal(IPAddress.Parse("192.168.1.1"), route.Gateway);
        Assert.Equal("Ethernet", route.InterfaceName);
        Assert.Equal(35, route.Metric);
    }

    [Fact]
    public void OnLinkRoute_HasNoGateway()
    {
        var row = Row(IPAddress.Parse("192.168.1.0"), 24, IPAddress.Any, 12, 291);

        var route = WindowsRouteDecoder.Decode(row, _ => "Ethernet")!.Value.Route;

        Assert.Null(route.Gateway);
        Assert.Equal(new IPNetwork(IPAddress.Parse("192.168.1.0"), 24), route.Destination);
    }

    [Fact]
    public void Ipv6Route_AndAnUnknownInterfaceIndex()
    {
        var row = Row(IPAddress.Parse("2001:db8::"), 32, IPAddress.Parse("fe80::1"), 7, 10);

        var route = WindowsRouteDecoder.Decode(row, _ => null)!.Value.Route;

        Assert.Equal(new IPNetwork(IPAddress.Parse("2001:db8::"), 32), route.Destination);
        Assert.Equal(IPAddress.Parse("fe80::1"), route.Gateway);
        Assert.Equal("interface 7", route.InterfaceName);
    }

    [Fact]
    public void HostBitsInThePrefix_AreCleared()
    {
        var row = Row(IPAddress.Parse("10.1.2.3"), 16, IPAddress.Any, 1, 1);
        Assert.Equal(new IPNetwork(IPAddress.Parse("10.1.0.0"), 16), WindowsRouteDecoder.Decode(row, _ => "x")!.Value.Route.Destination);
    }

    [Fact]
    public void ShortRowOrUnknownFamily_GivesNothing()
    {
        Assert.Null(WindowsRouteDecoder.Decode(new byte[50], _ => "x"));
        Assert.Null(WindowsRouteDecoder.Decode(new byte[WindowsRouteDecoder.RowSize], _ => "x"));
    }
}
