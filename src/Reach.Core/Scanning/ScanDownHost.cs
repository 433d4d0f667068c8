using System.Net;

namespace Reach.Scanning;

/// <summary>
/// A host that <c>--down</c> reports: it misses at least one of the ports scanned on it (not open: closed, filtered
/// or a local error).
/// </summary>
/// <param name="HostIndex">The host's number in the scan's address space (IPv4 before IPv6, ascending).</param>
/// <param name="Address">The host's address.</param>
/// <param name="HostName">The name the address was resolved from, or null when it was given as an address.</param>
/// <param name="Answered">False when nothing answered at all (no SYN-ACK, RST or ICMP error): the host is down, and
/// every scanned port is missing.</param>
/// <param name="PortsScanned">How many ports were scanned on this host (fewer than the port list with <c>--shard</c>).</param>
/// <param name="Missing">The ports that were not open, in ascending order.</param>
public sealed record ScanDownHost(
    long HostIndex,
    IPAddress Address,
    string? HostName,
    bool Answered,
    int PortsScanned,
    IReadOnlyList<ScanMissingPort> Missing);
