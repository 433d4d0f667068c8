using System.Net;
using System.Net.Sockets;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>A TCP port on 127.0.0.1 that the test opens, closes (connects are then refused) and opens again.</summary>
public sealed class TcpTarget : IDisposable
{
    private Socket? socket;
    private CancellationTokenSource? stop;

    public TcpTarget()
    {
        Open(0);
        Port = ((IPEndPoint)socket!.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public bool IsOpen => socket is not null;

    public void Open() => Open(Port);

    public void Close()
    {
        stop?.Cancel();
        socket?.Dispose();
        socket = null;
    }

    public void Dispose() => Close();

    private void Open(int port)
    {
        var listening = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listening.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listening.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listening.Listen(64);
        socket = listening;
        stop = new CancellationTokenSource();
        _ = AcceptLoopAsync(listening, stop.Token);
    }

    private static async Task AcceptLoopAsync(Socket listening, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var accepted = await listening.AcceptAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
