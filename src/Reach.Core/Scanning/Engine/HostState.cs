using System.Net;

namespace Reach.Scanning.Engine;

/// <summary>What the engine knows of one host while it is being scanned.</summary>
internal sealed class HostState(IPAddress address, TimeSpan floor, TimeSpan ceiling, int initialWindow, int maximumWindow)
{
    public IPAddress Address { get; } = address;

    public RttEstimator Rtt { get; } = new(floor, ceiling);

    /// <summary>The host's own window: a drop on this host halves it without slowing the others.</summary>
    public CongestionWindow Window { get; } = new(initialWindow, 1, maximumWindow);

    public SendDelay Delay { get; } = new();

    /// <summary>Probes of this host in flight (timing and discovery probes included).</summary>
    public int Inflight { get; set; }

    /// <summary>Retries of this host waiting in the scan's retry queue.</summary>
    public int Retrying { get; set; }

    /// <summary>The host has answered something: its timeouts may be retried.</summary>
    public bool Answered { get; set; }

    /// <summary>The highest attempt number that drew an open or closed answer: retries follow it (nmap's rule).</summary>
    public int MaxAnsweredAttempt { get; set; }

    /// <summary>Probes parked until this host may take them (its window is full, or its send delay has not passed).</summary>
    public Queue<PendingProbe>? Waiting { get; set; }

    public bool DiscoverySent { get; set; }

    /// <summary>A port that answered with RST (preferred) or SYN-ACK, for timing probes; 0 while none is known.</summary>
    public int TimingPort { get; set; }

    public bool TimingPortIsClosed { get; set; }

    public bool TimingInFlight { get; set; }

    /// <summary>When the next timing check is due (Stopwatch ticks), 0 when none is scheduled.</summary>
    public long TimingDue { get; set; }

    /// <summary>Port probes sent to this host.</summary>
    public long ProbesSent { get; set; }

    /// <summary>A timing probe is due once <see cref="ProbesSent"/> reaches this (0: none armed).</summary>
    public long TimingArmedAt { get; set; }

    /// <summary>Ports of this host that timed out since its last timing probe.</summary>
    public int SilentSinceTiming { get; set; }

    /// <summary>How many silent ports make a timing probe due before its interval (doubles while the path holds).</summary>
    public int TimingSilenceRun { get; set; } = 64;

    /// <summary>When the host last gave an open or closed answer (Stopwatch ticks).</summary>
    public long LastAnswerTicks { get; set; }

    /// <summary>The host is in the wake-up queue (its send delay will let a parked probe go).</summary>
    public bool WakeScheduled { get; set; }

    /// <summary>
    /// Silent ports out of attempts, waiting for a timing probe sent after their last attempt: its answer makes them
    /// filtered, its loss gives them another attempt (their silence may have been the path's, not a firewall's).
    /// </summary>
    public Queue<PendingProbe>? Unconfirmed { get; set; }

    /// <summary>The host still has work: probes in flight, parked, waiting to be retried or to be confirmed.</summary>
    public bool Active => Inflight > 0 || Retrying > 0 || Waiting is { Count: > 0 } || Unconfirmed is { Count: > 0 };

    /// <summary>Nothing of the host is in flight or queued to be sent (unconfirmed ports aside).</summary>
    public bool Idle => Inflight == 0 && Retrying == 0 && Waiting is not { Count: > 0 };
}
