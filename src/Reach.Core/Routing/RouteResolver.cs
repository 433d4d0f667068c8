using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reach.Platform;

namespace Reach.Routing;

/// <summary>
/// Asks the OS which way it would route to a destination. The source address comes from connecting a UDP socket
/// (which sends nothing); the interface and next hop from the routing table where the OS exposes one.
/// </summary>
public static class RouteResolver
{
    public static RouteInfo Resolve(IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        IPAddress? source;
        try
        {
            source = QuerySourceAddress(destination);
        }
        catch (SocketException ex)
        {
            return new RouteInfo(null, null, null, null, ex.Message);
        }

        // This host's own addresses are delivered locally (Linux keeps them in the "local" table, which
        // /proc/net/route does not show): on-link, no gateway.
        var owner = FindInterfaceOf(destination);
        if (IPAddress.IsLoopback(destination) || owner is not null)
        {
            return new RouteInfo(source, owner ?? FindInterfaceOf(source), null, true);
        }

        var route = PlatformServices.RouteTable.Lookup(destination);
        var interfaceName = route?.InterfaceName ?? FindInterfaceOf(source);
        return new RouteInfo(source, interfaceName, route?.Gateway, route is null ? null : route.Gateway is null);
    }

    /// <summary>The source address the OS would use towards <paramref name="destination"/>, or null without a route.</summary>
    public static IPAddress? SourceAddressFor(IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        try
        {
            return QuerySourceAddress(destination);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>Connecting a UDP socket only asks the routing table; no packet is sent.</summary>
    private static IPAddress? QuerySourceAddress(IPAddress destination)
    {
        using var udp = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        udp.Connect(new IPEndPoint(destination, 9));
        return (udp.LocalEndPoint as IPEndPoint)?.Address;
    }

    private static string? FindInterfaceOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .FirstOrDefault(nic => nic.GetIPProperties().UnicastAddresses.Any(u => u.Address.Equals(address)))?.Name;
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }
}
