using System.Net;
using System.Net.Sockets;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>Ports for servers the tests start.</summary>
internal static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (the kernel picked it).</summary>
    public static int OnLoopback()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
