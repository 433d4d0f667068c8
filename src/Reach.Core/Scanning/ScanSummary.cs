namespace Reach.Scanning;

/// <summary>The closing numbers of a scan: hosts up and down, ports by state, time and achieved rate.</summary>
public sealed record ScanSummary(long Hosts, long HostsUp, long PortsScanned, long Open, long Closed, long Filtered, int Unresolved, TimeSpan Duration, double Rate)
{
    public long HostsDown => Hosts - HostsUp;
}
