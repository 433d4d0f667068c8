using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// Listeners that never close a connection first: each accepted connection waits until the peer closes it, then
/// closes too. A peer that closes with FIN is then the active closer and keeps a TIME_WAIT socket on its side; one
/// that closes with RST leaves nothing behind. Counts how the connections ended: with the peer's FIN (a read of 0
/// bytes) or its RST (ECONNRESET).
/// </summary>
public sealed class PeerClosesFirstListeners : IAsyncDisposable
{
    private readonly List<Socket> _sockets;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _acceptLoops = [];
    private int _accepted;
    private int _endedByFin;
    private int _endedByReset;
    private int _endedOtherwise;

    private PeerClosesFirstListeners(List<Socket> sockets)
    {
        _sockets = sockets;
        _acceptLoops.AddRange(sockets.Select(socket => AcceptLoop.RunAsync(socket, accepted => OnAccepted(accepted, _stop.Token), _stop.Token)));
    }

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections the peer closed with FIN.</summary>
    public int EndedByFin => Volatile.Read(ref _endedByFin);

    /// <summary>Connections the peer reset.</summary>
    public int EndedByReset => Volatile.Read(ref _endedByReset);

    /// <summary>Connections that ended some other way (data arrived, another error).</summary>
    public int EndedOtherwise => Volatile.Read(ref _endedOtherwise);

    public int Ended => EndedByFin + EndedByReset + EndedOtherwise;

    /// <summary>Listens on every endpoint (sockets made inside the namespace) with an accept queue larger than any test's load.</summary>
    public static PeerClosesFirstListeners Start(ScanScratchNamespace ns, IEnumerable<IPEndPoint> endPoints)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var sockets = new List<Socket>();
        try
        {
            foreach (var endPoint in endPoints)
            {
                var socket = ns.CreateSocket(endPoint.AddressFamily);
                sockets.Add(socket);
                socket.Bind(endPoint);
                socket.Listen(4096);
            }
        }
        catch
        {
            sockets.ForEach(s => s.Dispose());
            throw;
        }

        return new PeerClosesFirstListeners(sockets);
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until <paramref name="connections"/> were accepted and all of them ended.</summary>
    public async Task WaitUntilEndedAsync(int connections, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while ((Accepted < connections || Ended < Accepted) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public override string ToString() =>
        $"accepted {Accepted}: ended by FIN {EndedByFin}, by RST {EndedByReset}, otherwise {EndedOtherwise}, still open {Accepted - Ended}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _sockets.ForEach(s => s.Dispose());
        await Task.WhenAny(Task.WhenAll(_acceptLoops), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private void OnAccepted(Socket accepted, CancellationToken stop)
    {
        Interlocked.Increment(ref _accepted);
        _ = WaitForThePeerToCloseAsync(accepted, stop);
    }

    private async Task WaitForThePeerToCloseAsync(Socket connection, CancellationToken stop)
    {
        using (connection)
        {
            try
            {
                var read = await connection.ReceiveAsync(new byte[1], SocketFlags.None, stop);
                if (read == 0)
                {
                    Interlocked.Increment(ref _endedByFin);
                }
                else
                {
                    Interlocked.Increment(ref _endedOtherwise);
                }
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                Interlocked.Increment(ref _endedByReset);
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _endedOtherwise);
            }
        }
    }
}
