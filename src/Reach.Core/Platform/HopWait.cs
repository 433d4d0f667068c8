using System.Diagnostics;
using System.Net.Sockets;

namespace Reach.Platform;

/// <summary>
/// Waits for one probe's socket on a thread of its own. Round trips are then the kernel's time, from a timestamp just
/// before the send to poll() returning, not the async socket engine's scheduling (tens of milliseconds with 16
/// probes in flight on a small machine).
/// </summary>
internal static class HopWait
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs a blocking probe on a dedicated thread (at most <see cref="Tracing.TraceOptions.Parallel"/> at once).</summary>
    public static Task<T> OnOwnThread<T>(Func<T> probe, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(probe, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

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
