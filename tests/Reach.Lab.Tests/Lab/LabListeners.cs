using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// TCP listeners living in the target namespace: the sockets are created there by a thread that entered it, then
/// served from the thread pool. Every accepted connection is closed at once.
/// </summary>
public sealed class LabListeners : IAsyncDisposable
{
    private readonly List<Socket> _sockets;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _acceptLoops = [];

    private LabListeners(List<Socket> sockets)
    {
        _sockets = sockets;
        foreach (var socket in sockets)
        {
            _acceptLoops.Add(AcceptLoopAsync(socket, _stop.Token));
        }
    }

    /// <summary>How many connections have been accepted so far, on all listeners.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private int _accepted;

    /// <summary>Listens on every (address, port) pair inside the namespace.</summary>
    public static LabListeners Start(string namespaceName, IEnumerable<string> addresses, IEnumerable<int> ports)
    {
        var endPoints = addresses
            .SelectMany(address => ports.Select(port => new IPEndPoint(IPAddress.Parse(address), port)))
            .ToList();

        var sockets = NetworkNamespace.Run(namespaceName, () =>
        {
            var created = new List<Socket>();
            try
            {
                foreach (var endPoint in endPoints)
                {
                    var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    created.Add(socket);
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    socket.Bind(endPoint);
                    socket.Listen(1024);
                }

                return created;
            }
            catch
            {
                created.ForEach(s => s.Dispose());
                throw;
            }
        });

        return new LabListeners(sockets);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        // The loops end on cancellation or on the disposed socket; do not wait for them forever.
        await Task.WhenAny(Task.WhenAll(_acceptLoops), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stop)
    {
        // Bounded by the fixture's lifetime (it ends when the lab is torn down) and by a cap on errors in a row.
        var errorsInARow = 0;
        while (!stop.IsCancellationRequested && errorsInARow < 100)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before accept: keep serving, without spinning.
                errorsInARow++;
                await Task.Delay(10, CancellationToken.None);
                continue;
            }

            errorsInARow = 0;
            Interlocked.Increment(ref _accepted);
            accepted.Dispose();
        }
    }
}
