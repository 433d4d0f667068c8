using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// The order of the table's rows, as nmap prints them: by host (the address space's numbering: IPv4 before IPv6,
/// addresses numerically), then by port.
/// </summary>
internal static class ScanRowOrder
{
    /// <summary>What rows are sorted by (kept instead of the target, which holds an address object).</summary>
    public static (long Host, int Port) Key(ScanProbeTarget target) => (target.HostIndex, target.Port);

    public static int Compare(ScanProbeTarget x, ScanProbeTarget y) => Key(x).CompareTo(Key(y));
}
