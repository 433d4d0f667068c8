namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// What each TCP port of the port-rich host (<see cref="ScanLabNetwork.HostV4"/>, <see cref="ScanLabNetwork.HostV6"/>)
/// does. Every other port is closed (RST). bench/scan-lab/lab.sh builds the same lab for the benchmark: keep the lists
/// there in step (ScanLabConfigurationTests checks it).
/// </summary>
public static class ScanLabPorts
{
    /// <summary>Listeners on the wildcard address (0.0.0.0 and [::]): open on the host and on every AnyIP address.</summary>
    public static IReadOnlyList<int> Wildcard { get; } = [22, 443];

    /// <summary>Listeners bound to the host's own addresses (so not open on the AnyIP ranges).</summary>
    public static IReadOnlyList<int> Host { get; } =
    [
        1, 7, 21, 25, 53, 80, 110, 135, 139, 445, 1023, 1024, 2718, 3306, 3389, 5432, 8080, 8443, 11211, 27017, 31415,
        32768, 40000, 49152, 50000, 57005, 60999, 65535,
    ];

    /// <summary>
    /// Listeners that reset each connection right after accepting it (as tcpwrappers-style services and some load
    /// balancers do). Still open: the SYN-ACK came. But the RST can reach the client before it reads its connect()
    /// completion, which then fails with ECONNRESET: a scanner must not call that closed.
    /// </summary>
    public static IReadOnlyList<int> ResetAfterAccept { get; } = [2222];

    /// <summary>iptables DROP: no answer (filtered, no-response).</summary>
    public static IReadOnlyList<int> Drop { get; } = [23, 111, 161, 1433, 2049, 5900, 6379, 9200, 31337, 54321];

    /// <summary>REJECT icmp-port-unreachable / icmp6-port-unreachable (filtered, port-unreach).</summary>
    public static IReadOnlyList<int> PortUnreachable { get; } = [113, 6000];

    /// <summary>REJECT icmp-admin-prohibited / icmp6-adm-prohibited (filtered, admin-prohibited).</summary>
    public static IReadOnlyList<int> AdminProhibited { get; } = [137, 5060];

    /// <summary>REJECT icmp-host-unreachable / icmp6-addr-unreachable (filtered, host-unreach).</summary>
    public static IReadOnlyList<int> HostUnreachable { get; } = [515];

    /// <summary>REJECT icmp-net-unreachable / icmp6-no-route (filtered, net-unreach).</summary>
    public static IReadOnlyList<int> NetUnreachable { get; } = [1521];

    /// <summary>REJECT tcp-reset: an RST sent by the firewall, as good as no listener (closed, conn-refused).</summary>
    public static IReadOnlyList<int> TcpReset { get; } = [1080, 8000];

    /// <summary>Every port with a listener on the host: <see cref="Wildcard"/>, <see cref="Host"/>, <see cref="ResetAfterAccept"/>.</summary>
    public static IReadOnlyList<int> Open { get; } = [.. Wildcard.Concat(Host).Concat(ResetAfterAccept).Order()];
}
