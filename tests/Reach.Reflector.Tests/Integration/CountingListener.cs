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

    /// <summary>
    /// The count once it reaches <paramref name="expected"/> (the accept loop may run a moment after the prober saw the
    /// handshake), or whatever it is after a generous deadline.
    /// </summary>
    public async Task<int> AcceptedAsync(int expected)
    {
        for (var i = 0; i < 500 && Accepted < expected; i++)
        {
            await Task.Delay(10);
        }

        return Accepted;
    }

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
