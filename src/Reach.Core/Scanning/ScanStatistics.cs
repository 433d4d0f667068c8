namespace Reach.Scanning;

/// <summary>What a finished scan counted: ports by state, probes sent, and how long it took.</summary>
public sealed record ScanStatistics(long Open, long Closed, long Filtered, long Attempts, long LocalRetries, TimeSpan Duration)
{
    /// <summary>Ports this host could not probe at all (a local failure that did not go away): no verdict.</summary>
    public long Errors { get; init; }

    /// <summary>How the scan paced itself (drops, send delays, timing probes); null when not measured.</summary>
    public ScanPacing? Pacing { get; init; }

    public long PortsScanned => Open + Closed + Filtered;

    /// <summary>Connection attempts per second.</summary>
    public double Rate => Duration > TimeSpan.Zero ? Attempts / Duration.TotalSeconds : 0;
}
