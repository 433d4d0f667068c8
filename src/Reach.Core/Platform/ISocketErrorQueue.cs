using System.Net.Sockets;

namespace Reach.Platform;

/// <summary>
/// Reads which ICMP error made a connect fail. On Linux, host-unreachable and admin-prohibited both surface as
/// EHOSTUNREACH; only the socket's error queue (IP_RECVERR / IPV6_RECVERR) tells them apart.
/// </summary>
internal interface ISocketErrorQueue
{
    /// <summary>Asks the kernel to queue ICMP errors for this socket; call before connecting.</summary>
    void Enable(Socket socket);

    /// <summary>The last ICMP error queued for the socket, or null.</summary>
    Probes.IcmpError? TryRead(Socket socket);
}
