using System.Net;
using System.Net.Sockets;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// A server on 127.0.0.1 that the test opens itself: a free port, an accept loop that hands each client to
/// <see cref="ServeAsync"/> (which owns it), and a stop that ends both.
/// </summary>
public abstract class LoopbackServer : IDisposable
{
    private readonly Socket listening = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    protected LoopbackServer()
    {
        listening.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listening.Listen(64);
        Port = ((IPEndPoint)listening.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Cancelled at <see cref="Dispose()"/>.</summary>
    protected CancellationTokenSource Stop { get; } = new();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts accepting: called by the subclass once its own fields are set.</summary>
    protected void Start() => _ = AcceptLoopAsync();

    /// <summary>Serves one client; the client's socket is the callee's to dispose.</summary>
    protected abstract Task ServeAsync(Socket client);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stop.Cancel();
            listening.Dispose();
            Stop.Dispose();
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await listening.AcceptAsync(Stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
