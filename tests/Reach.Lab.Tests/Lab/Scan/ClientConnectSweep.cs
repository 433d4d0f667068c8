using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// Plain connect() probes from the client namespace, many at a time: the independent reference that proves the scan
/// lab's ground truth (no reach involved). Each socket sets IP_RECVERR / IPV6_RECVERR, so ICMP errors fail the
/// connect at once, and closes with RST, so nothing lingers. Bounded: one probe per endpoint, each at most
/// <c>timeout</c>, at most <c>concurrency</c> at a time.
/// </summary>
public static class ClientConnectSweep
{
    private const int SocketBatch = 256;

    /// <param name="lab">The lab whose client namespace the probes leave from.</param>
    /// <param name="endPoints">One probe each.</param>
    /// <param name="concurrency">Probes in flight at most.</param>
    /// <param name="timeout">How long one probe waits for an answer.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    /// <param name="spacing">A pause after each probe (per worker): with concurrency 1, a slow, paced sequence.</param>
    public static async Task<IReadOnlyDictionary<ScanEndPoint, SocketError>> RunAsync(
        LabFixture lab,
        IReadOnlyList<ScanEndPoint> endPoints,
        int concurrency,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        TimeSpan? spacing = null)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(endPoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);

        var results = new ConcurrentDictionary<ScanEndPoint, SocketError>(concurrency, endPoints.Count);
        var pools = new Dictionary<AddressFamily, SocketPool>
        {
            [AddressFamily.InterNetwork] = new(lab, AddressFamily.InterNetwork),
            [AddressFamily.InterNetworkV6] = new(lab, AddressFamily.InterNetworkV6),
        };
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, endPoints.Count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < endPoints.Count)
            {
                var endPoint = endPoints[i];
                using var socket = pools[endPoint.Address.AddressFamily].Rent();
                results[endPoint] = await ProbeAsync(socket, endPoint, timeout, cancellationToken);
                if (spacing is { } pause)
                {
                    await Task.Delay(pause, cancellationToken);
                }
            }
        });

        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            foreach (var pool in pools.Values)
            {
                pool.Dispose();
            }
        }

        return results;
    }

    private static async Task<SocketError> ProbeAsync(Socket socket, ScanEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(endPoint.Address, endPoint.Port), deadline.Token);
            return SocketError.Success;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SocketError.TimedOut;
        }
    }

    /// <summary>Sockets of one family made in the client namespace in batches (one namespace thread per batch).</summary>
    private sealed class SocketPool(LabFixture lab, AddressFamily family) : IDisposable
    {
        private readonly ConcurrentQueue<Socket> _ready = new();
        private readonly Lock _refill = new();

        public Socket Rent()
        {
            while (true)
            {
                if (_ready.TryDequeue(out var socket))
                {
                    return socket;
                }

                lock (_refill)
                {
                    if (_ready.IsEmpty)
                    {
                        foreach (var created in lab.CreateClientSockets(family, SocketBatch))
                        {
                            Prepare(created);
                            _ready.Enqueue(created);
                        }
                    }
                }
            }
        }

        public void Dispose()
        {
            while (_ready.TryDequeue(out var socket))
            {
                socket.Dispose();
            }
        }

        private void Prepare(Socket socket)
        {
            // IP_RECVERR (SOL_IP 0, 11) / IPV6_RECVERR (SOL_IPV6 41, 25): ICMP errors fail the connect at once.
            var (level, name) = family == AddressFamily.InterNetworkV6 ? (41, 25) : (0, 11);
            socket.SetRawSocketOption(level, name, BitConverter.GetBytes(1));
            socket.LingerState = new LingerOption(true, 0);
        }
    }
}
