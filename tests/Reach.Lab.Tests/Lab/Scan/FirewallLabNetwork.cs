using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// The addresses and settings of the firewalled target (issue 12: "silence is filtering, not congestion"): a fourth
/// namespace (<c>rl-PID-f</c>) on its own veth link from the client (<c>veth-cf</c> ↔ <c>veth-f</c>). Four hosts share
/// the link, each behind another kind of firewall, and a /24 (/120) of default-deny hosts is local to it (AnyIP),
/// routed there from the client via <see cref="DenyV4"/> / <see cref="DenyV6"/> (still no default route). What each
/// address does is stated once, in <see cref="FirewallLabLayout"/>. bench/scan-lab/lab.sh builds the same target for
/// the benchmark: keep its SCANLAB_FW_*, SCANLAB_DENY*, SCANLAB_REJECT_*, SCANLAB_LIMIT* and SCANLAB_LOSS* settings in
/// step (FirewallLabConfigurationTests checks them, and that both print the same rules).
/// </summary>
/// <remarks>
/// None of these overlaps <see cref="LabNetwork"/> or <see cref="ScanLabNetwork"/>; <see cref="LabNetwork.NoRouteV4"/>
/// (10.232.0.9) stays unrouted.
/// </remarks>
public static class FirewallLabNetwork
{
    /// <summary>The client's address on the firewalled link.</summary>
    public const string ClientV4 = "10.232.8.1";

    public const string ClientV6 = "fd00:5eac:18::1";

    /// <summary>Default-deny: <see cref="OpenPorts"/> accepted, every other TCP port DROPped (silence).</summary>
    public const string DenyV4 = "10.232.8.2";

    public const string DenyV6 = "fd00:5eac:18::2";

    /// <summary>
    /// Default-reject (firewalld style): <see cref="OpenPorts"/> accepted, every other TCP port REJECTed with ICMP
    /// admin-prohibited, at the kernel's default ICMP error rate limits, so most rejects of a burst come back as silence.
    /// </summary>
    public const string RejectV4 = "10.232.8.3";

    public const string RejectV6 = "fd00:5eac:18::3";

    /// <summary>Every <see cref="ListenPorts"/> open, RST elsewhere, SYNs above <see cref="LimitRate"/>/s dropped.</summary>
    public const string LimitedV4 = "10.232.8.4";

    public const string LimitedV6 = "fd00:5eac:18::4";

    /// <summary>Every <see cref="ListenPorts"/> open, RST elsewhere, <see cref="Loss"/> of the packets lost each way.</summary>
    public const string LossyV4 = "10.232.8.5";

    public const string LossyV6 = "fd00:5eac:18::5";

    /// <summary>
    /// 256 default-deny hosts with different open ports: the host with last byte i opens <see cref="ListenPorts"/>[k]
    /// when i is a multiple of <see cref="Deny24Moduli"/>[k] (see <see cref="Deny24OpenPorts"/>), and DROPs the rest.
    /// </summary>
    public const string Deny24V4 = "10.232.9.0/24";

    /// <summary>The default-deny range over IPv6 (the last byte is the last 8 bits).</summary>
    public const string Deny24V6 = "fd00:5eac:19::/120";

    /// <summary>SYN rate limit of the rate-limited host (per source address), in SYNs per second.</summary>
    public const int LimitRate = 200;

    /// <summary>SYNs the rate limiter lets through at once before <see cref="LimitRate"/> applies.</summary>
    public const int LimitBurst = 20;

    /// <summary>The share of packets the lossy host loses each way (the bench's lossy scenario uses 0.2).</summary>
    public const double Loss = 0.1;

    /// <summary>The ports the default-deny and default-reject hosts let through.</summary>
    public static IReadOnlyList<int> OpenPorts { get; } = [22, 80, 443];

    /// <summary>Wildcard listeners (0.0.0.0 and [::], IPv6-only) of the firewalled target: every address listens here.</summary>
    public static IReadOnlyList<int> ListenPorts { get; } = [22, 80, 443, 3389, 8080];

    /// <summary>Port <see cref="ListenPorts"/>[k] is open on a /24 host whose last byte is a multiple of this [k].</summary>
    public static IReadOnlyList<int> Deny24Moduli { get; } = [2, 3, 5, 7, 11];

    public static string Client(AddressFamily family) => Pick(family, ClientV4, ClientV6);

    public static string Deny(AddressFamily family) => Pick(family, DenyV4, DenyV6);

    public static string Reject(AddressFamily family) => Pick(family, RejectV4, RejectV6);

    public static string Limited(AddressFamily family) => Pick(family, LimitedV4, LimitedV6);

    public static string Lossy(AddressFamily family) => Pick(family, LossyV4, LossyV6);

    public static string Deny24(AddressFamily family) => Pick(family, Deny24V4, Deny24V6);

    /// <summary>The hashlimit table of the rate limiter (one per family: /proc/net/ipt_hashlimit, ip6t_hashlimit).</summary>
    public static string LimiterName(AddressFamily family) => Pick(family, "reach-limit4", "reach-limit6");

    /// <summary>The ports a host of the default-deny range opens, from the last byte of its address (0..255).</summary>
    public static IReadOnlyList<int> Deny24OpenPorts(int lastByte)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastByte);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastByte, 255);
        return [.. ListenPorts.Where((_, k) => lastByte % Deny24Moduli[k] == 0)];
    }

    private static string Pick(AddressFamily family, string v4, string v6) =>
        family == AddressFamily.InterNetworkV6 ? v6 : v4;
}
