using System.Net.Sockets;

namespace Reach.Scanning.Engine;

/// <summary>
/// One probe in flight. The <see cref="SocketAsyncEventArgs"/> is reused from probe to probe (the socket cannot
/// be: a connect needs a fresh one), so a scan allocates little per probe.
/// </summary>
internal sealed class ProbeSlot : IDisposable
{
    public const int Idle = 0;
    public const int InFlight = 1;
    public const int TimedOut = 2;

    /// <summary>The scan stopped with the probe in flight: its completion only frees the slot.</summary>
    public const int Abandoned = 3;

    public ProbeSlot(EventHandler<SocketAsyncEventArgs> completed)
    {
        Args = new SocketAsyncEventArgs { UserToken = this };
        Args.Completed += completed;
    }

    public SocketAsyncEventArgs Args { get; }

    public Socket? Socket { get; set; }

    public PendingProbe Probe { get; set; }

    public TimeSpan Timeout { get; set; }

    public long StartTicks { get; set; }

    public long DeadlineTicks { get; set; }

    public int State { get; set; }

    public void Dispose()
    {
        Socket?.Dispose();
        Args.Dispose();
    }
}
