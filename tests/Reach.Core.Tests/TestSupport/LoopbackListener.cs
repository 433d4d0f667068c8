using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Tests.TestSupport;

/// <summary>A TCP listener this test owns, on a loopback port the kernel picks. The only kind of port tests connect to.</summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly Socket _socket;

    public LoopbackListener(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(address, 0));
        _socket.Listen(512);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _ = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    /// <summary>A loopback port that this test opened and closed again: nothing listens there now.</summary>
    public static IPEndPoint ClosedPort(IPAddress? address = null)
    {
        using var listener = new LoopbackListener(address);
        return listener.EndPoint;
    }

    public void Dispose() => _socket.Dispose();

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                using var accepted = await _socket.AcceptAsync();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Disposed: the test is over.
        }
    }
}
