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

    /// <summary>When the host last gave an open or closed answer (Stopwatch ticks).</summary>
    public long LastAnswerTicks { get; set; }

    /// <summary>The host is in the wake-up queue (its send delay will let a parked probe go).</summary>
    public bool WakeScheduled { get; set; }

    /// <summary>The host still has work: probes in flight, parked or waiting to be retried.</summary>
    public bool Active => Inflight > 0 || Retrying > 0 || Waiting is { Count: > 0 };
}
