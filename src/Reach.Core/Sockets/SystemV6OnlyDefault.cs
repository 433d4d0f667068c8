using Reach.Platform;

namespace Reach.Sockets;

/// <summary>
/// The system's default IPV6_V6ONLY for new sockets: a guess for tables that do not carry each socket's own flag.
/// Linux: <c>/proc/sys/net/ipv6/bindv6only</c> (0 = dual-stack); Windows: on (its sockets are IPv6-only unless the
/// program turns it off); elsewhere unknown (<see cref="ISocketConventions"/>).
/// </summary>
public static class SystemV6OnlyDefault
{
    public static bool? Read() => PlatformServices.SocketConventions.DefaultV6Only();
}
