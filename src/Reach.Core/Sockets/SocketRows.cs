using System.Net;

namespace Reach.Sockets;

/// <summary>Questions about one socket-table row.</summary>
public static class SocketRows
{
    /// <summary>
    /// A listener: TCP in LISTEN, or a bound, unconnected UDP socket (remote <c>0.0.0.0:0</c> / <c>[::]:0</c>),
    /// which receives datagrams from anyone.
    /// </summary>
    public static bool IsListening(this SocketRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Protocol == SocketProtocol.Tcp
            ? row.State == TcpSocketState.Listen
            : row.Remote.Port == 0 && IsUnspecified(row.Remote.Address);
    }

    /// <summary><c>0.0.0.0</c>, <c>::</c> (or <c>::ffff:0.0.0.0</c>).</summary>
    public static bool IsUnspecified(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
    }

    /// <summary>The protocol word: <c>tcp</c> or <c>udp</c>.</summary>
    public static string ToWord(this SocketProtocol protocol) => protocol == SocketProtocol.Tcp ? "tcp" : "udp";
}
