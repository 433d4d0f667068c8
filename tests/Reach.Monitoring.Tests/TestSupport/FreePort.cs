using System.Net;
using System.Net.Sockets;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>Ports for servers the tests start.</summary>
internal static class FreePort
{
    // Below Linux's ephemeral range (ip_local_port_range, 32768-60999 by default): the kernel never hands these to an
    // outgoing connection, so a port found free stays free until the server binds it, and again after a kill -9 and a
    // restart. A port the kernel picked (bind to 0) was taken by the tests' own outgoing connections in between, and
    // Kestrel failed with "address already in use".
    private const int First = 20000;
    private const int Count = 12000;

    private static int _next = Random.Shared.Next(Count);

    /// <summary>A port on 127.0.0.1 that was free a moment ago and that no outgoing connection will take.</summary>
    public static int OnLoopback()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) % Count);
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Someone else's (a service of this machine, or another test's): try the next.
            }
        }

        throw new InvalidOperationException($"no free port from {First} to {First + Count - 1} on 127.0.0.1");
    }
}
