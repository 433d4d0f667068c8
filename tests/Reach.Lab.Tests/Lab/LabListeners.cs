using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// TCP listeners living in a lab namespace: the sockets are created there by a thread that entered it, then
/// served from the thread pool. Every accepted connection is closed at once.
/// </summary>
public sealed class LabListeners : IAsyncDisposable
{
    private readonly List<Socket> _sockets;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _acceptLoops = [];

    private LabListeners(List<Socket> sockets, int acceptorsPerSocket, HashSet<IPEndPoint> resetting)
    {
        _sockets = sockets;
        foreach (var socket in sockets)
        {
            var reset = resetting.Contains((IPEndPoint)socket.LocalEndPoint!);
            for (var i = 0; i < acceptorsPerSocket; i++)
            {
                _acceptLoops.Add(AcceptLoop.RunAsync(socket, accepted => OnAccepted(accepted, reset), _stop.Token));
            }
        }
    }

    /// <summary>How many connections have been accepted so far, on all listeners.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private int _accepted;
    private int _disposed;

    /// <summary>Listens on every (address, port) pair inside the namespace.</summary>
    public static LabListeners Start(string namespaceName, IEnumerable<string> addresses, IEnumerable<int> ports) =>
        Start(namespaceName, addresses.SelectMany(address => ports.Select(port => new IPEndPoint(IPAddress.Parse(address), port))));

    /// <summary>
    /// Listens on every endpoint inside the namespace. A wildcard endpoint (0.0.0.0, [::]) accepts for every local
    /// address of its family, AnyIP ranges included; IPv6 sockets are IPv6-only, so 0.0.0.0 and [::] can both listen.
    /// </summary>
    /// <param name="namespaceName">The network namespace the sockets belong to.</param>
    /// <param name="endPoints">Where to listen.</param>
    /// <param name="backlog">The accept queue length (capped by the namespace's net.core.somaxconn).</param>
    /// <param name="acceptorsPerSocket">Concurrent accept loops per socket, for listeners a scan floods.</param>
    /// <param name="resetAfterAccept">Endpoints (among <paramref name="endPoints"/>) that close each accepted
    /// connection with RST instead of FIN.</param>
    /// <remarks>
    /// Accepted connections are closed normally (FIN). An RST sent right after accept can reach the client before it
    /// reads its connect() completion, which then fails with ECONNRESET: only the resetAfterAccept endpoints do that,
    /// on purpose.
    /// </remarks>
    public static LabListeners Start(
        string namespaceName,
        IEnumerable<IPEndPoint> endPoints,
        int backlog = 1024,
        int acceptorsPerSocket = 1,
        IEnumerable<IPEndPoint>? resetAfterAccept = null)
    {
        var list = endPoints.ToList();
        var sockets = NetworkNamespace.Run(namespaceName, () =>
        {
            var created = new List<Socket>();
            try
            {
                foreach (var endPoint in list)
                {
                    var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    created.Add(socket);
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
                    {
                        socket.DualMode = false;
                    }

                    socket.Bind(endPoint);
                    socket.Listen(backlog);
                }

                return created;
            }
            catch
            {
                created.ForEach(s => s.Dispose());
                throw;
            }
        });

        return new LabListeners(sockets, acceptorsPerSocket, [.. resetAfterAccept ?? []]);
    }

    /// <summary>Stops listening (a later connect gets RST). Safe to call again: tests stop a listener mid-run, then clean up.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        // The loops end on cancellation or on the disposed socket; do not wait for them forever.
        await Task.WhenAny(Task.WhenAll(_acceptLoops), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private void OnAccepted(Socket accepted, bool reset)
    {
        Interlocked.Increment(ref _accepted);
        if (reset)
        {
            try
            {
                accepted.LingerState = new LingerOption(true, 0);
            }
            catch (SocketException)
            {
                // Already reset by the peer.
            }
        }

        accepted.Dispose();
    }
}
