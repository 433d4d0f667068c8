using System.Diagnostics;
using System.Net.Sockets;

namespace Reach.Tracing;

/// <summary>
/// Waits for one probe's socket on the probe's own thread (<see cref="BlockingHopProber"/>): round trips run from a
/// timestamp just before the send to poll() returning.
/// </summary>
internal static class HopWait
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Polls until the socket is ready for <paramref name="mode"/>, has a pending error (SO_ERROR, e.g. an ICMP error
    /// on a socket with IP_RECVERR) or the deadline passes; checks for cancellation between slices.
    /// </summary>
    /// <returns>Whether it became ready, the pending error, and the time since <paramref name="started"/> when it woke.</returns>
    public static (bool Ready, SocketError Error, TimeSpan Elapsed) Until(Socket socket, SelectMode mode, long started, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            var slice = remaining < Slice ? remaining : Slice;
            var ready = slice > TimeSpan.Zero && socket.Poll(slice, mode);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (ready || error != SocketError.Success || elapsed >= timeout)
            {
                return (ready, error, elapsed);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
