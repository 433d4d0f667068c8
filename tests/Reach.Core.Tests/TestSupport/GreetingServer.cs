using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Tests.TestSupport;

/// <summary>
/// A loopback server that greets every connection its own way (a banner, nothing, one byte at a time, megabytes):
/// the hostile and slow servers a banner read must survive. Only loopback, only the port it opened.
/// </summary>
internal sealed class GreetingServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();

    public GreetingServer(Func<Socket, CancellationToken, Task> greet)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _ = AcceptAsync(greet);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Sends <paramref name="bytes"/> at once, then holds the connection open until the client goes.</summary>
    public static GreetingServer Sending(byte[] bytes) => new(async (client, ct) =>
    {
        await client.SendAsync(bytes, SocketFlags.None, ct);
        await HoldAsync(client, ct);
    });

    /// <summary>
    /// Reads the client's first request (what arrives in one read, at most 4 KiB) into <paramref name="requests"/>,
    /// answers <paramref name="reply"/>, then holds the connection open until the client goes.
    /// </summary>
    public static GreetingServer Answering(byte[] reply, System.Collections.Concurrent.ConcurrentQueue<byte[]> requests) => new(async (client, ct) =>
    {
        var request = new byte[4096];
        var n = await client.ReceiveAsync(request, SocketFlags.None, ct);
        requests.Enqueue(request[..n]);
        await client.SendAsync(reply, SocketFlags.None, ct);
        await HoldAsync(client, ct);
    });

    /// <summary>Waits for the client to go (or the server to stop), reading and dropping what it sends.</summary>
    public static async Task HoldAsync(Socket client, CancellationToken ct)
    {
        var sink = new byte[256];
        while (await client.ReceiveAsync(sink, SocketFlags.None, ct) > 0)
        {
        }
    }

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> greet)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            await greet(client, _stop.Token);
                        }
                        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
                        {
                            // The client went away or the test ended: nothing to report.
                        }
                    }
                });
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }
}
