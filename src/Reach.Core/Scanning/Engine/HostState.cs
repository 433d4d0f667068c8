namespace Reach.Scanning.Engine;

/// <summary>What the engine knows of one host while it is being scanned.</summary>
internal sealed class HostState(TimeSpan floor, TimeSpan ceiling)
{
    public RttEstimator Rtt { get; } = new(floor, ceiling);

    public int Inflight { get; set; }

    /// <summary>The host has answered something: its timeouts are losses, not just a silent host.</summary>
    public bool Answered { get; set; }

    /// <summary>Probes parked until this host may take them (its discovery is out, or it is at its cap).</summary>
    public Queue<PendingProbe>? Waiting { get; set; }

    /// <summary>Whether the round-trip discovery probe was sent and has come back (or timed out).</summary>
    public DiscoveryState Discovery { get; set; }
}
