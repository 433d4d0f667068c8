namespace Reach.Scanning;

/// <summary>The closing numbers of a scan: hosts up and down, ports by state, time and achieved rate.</summary>
public sealed record ScanSummary(long Hosts, long HostsUp, long PortsScanned, long Open, long Closed, long Filtered, int Unresolved, TimeSpan Duration, double Rate)
{
    /// <summary>Ports this host could not probe at all (a local failure that did not go away): no verdict, not scanned.</summary>
    public long Errors { get; init; }

    /// <summary>Probes sent again because this host ran out of something (descriptors, ports, buffers).</summary>
    public long LocalRetries { get; init; }

    public long HostsDown => Hosts - HostsUp;
}
