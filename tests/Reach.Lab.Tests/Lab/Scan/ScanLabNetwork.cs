using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// The addresses of the scan target: a third namespace (<c>rl-PID-s</c>) on its own veth link from the client.
/// Every range below is local to the scan namespace (AnyIP) and routed to it from the client; nothing else changes
/// in the client (still no default route). None of them overlaps <see cref="LabNetwork"/> (10.231.0.0/24,
/// 10.231.1.0/24, fd00:5eac::/64, fd00:5eac:1::/64, and the unrouted 10.232.0.9 / fd00:5eac:99::9).
/// </summary>
public static class ScanLabNetwork
{
    /// <summary>The client's address on the scan link.</summary>
    public const string ClientV4 = "10.231.8.1";

    /// <summary>The port-rich host: listeners, DROP and REJECT rules on many ports (<see cref="ScanLabPorts"/>).</summary>
    public const string HostV4 = "10.231.8.2";

    public const string ClientV6 = "fd00:5eac:8::1";

    /// <summary>The port-rich host over IPv6: the same ports as <see cref="HostV4"/>.</summary>
    public const string HostV6 = "fd00:5eac:8::2";

    /// <summary>Resolves (from the client's hosts file) to <see cref="HostV4"/> and <see cref="HostV6"/>.</summary>
    public const string HostName = "scan.lab";

    /// <summary>AnyIP /16: every address accepts on <see cref="ScanLabPorts.Wildcard"/> (22 and 443), RST elsewhere.</summary>
    public const string AnyIpV4 = "10.233.0.0/16";

    /// <summary>Blocks of <see cref="AnyIpV4"/> whose TCP is dropped: no answer on any port.</summary>
    public static IReadOnlyList<string> AnyIpV4DropBlocks { get; } = ["10.233.7.0/24", "10.233.200.0/22"];

    /// <summary>A block of <see cref="AnyIpV4"/> that answers every TCP SYN with RST (REJECT tcp-reset): all closed.</summary>
    public const string AnyIpV4ResetBlock = "10.233.9.0/24";

    /// <summary>AnyIP /120 (256 addresses): as <see cref="AnyIpV4"/>, over IPv6.</summary>
    public const string AnyIpV6 = "fd00:5eac:9::/120";

    /// <summary>A block of <see cref="AnyIpV6"/> whose TCP is dropped.</summary>
    public const string AnyIpV6DropBlock = "fd00:5eac:9::80/124";

    /// <summary>A block of <see cref="AnyIpV6"/> that answers RST on every port.</summary>
    public const string AnyIpV6ResetBlock = "fd00:5eac:9::c0/124";

    /// <summary>Routed to the scan namespace, where everything sent to it is dropped (TCP, ICMP, all): no answer ever.</summary>
    public const string DeadV4 = "10.234.0.0/24";

    /// <summary>The dead range over IPv6.</summary>
    public const string DeadV6 = "fd00:5eac:a::/120";

    public static string Host(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? HostV6 : HostV4;

    public static string Client(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? ClientV6 : ClientV4;

    public static string AnyIp(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? AnyIpV6 : AnyIpV4;

    public static string Dead(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? DeadV6 : DeadV4;

    /// <summary>The ranges local to the scan namespace (besides its link addresses), routed there from the client.</summary>
    public static IReadOnlyList<IPNetwork> RoutedRanges { get; } =
        [IPNetwork.Parse(AnyIpV4), IPNetwork.Parse(DeadV4), IPNetwork.Parse(AnyIpV6), IPNetwork.Parse(DeadV6)];
}
