using System.Net;
using System.Net.Sockets;

namespace Reach.Reflector.Tests.Integration;

/// <summary>A loopback listener the test opens itself, counting the connections it accepts.</summary>
internal sealed class CountingListener : IDisposable
{
    private readonly Socket socket;
    private readonly CancellationTokenSource stop = new();
    private int accepted;

    public CountingListener(IPAddress address, int port = 0)
    {
        socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, port));
        socket.Listen(64);
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref accepted);

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await socket.AcceptAsync(stop.Token);
                Interlocked.Increment(ref accepted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }
}
