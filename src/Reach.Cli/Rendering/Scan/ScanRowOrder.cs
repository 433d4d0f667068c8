using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// The order of the table's rows, as nmap prints them: by host (the address space's numbering: IPv4 before IPv6,
/// addresses numerically), then by port.
/// </summary>
internal static class ScanRowOrder
{
    public static int Compare(ScanProbeTarget x, ScanProbeTarget y)
    {
        var byHost = x.HostIndex.CompareTo(y.HostIndex);
        return byHost != 0 ? byHost : x.Port.CompareTo(y.Port);
    }
}
