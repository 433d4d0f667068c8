using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Trace;

/// <summary>
/// The addresses of the trace chain: client → router1 → router2 → target, one /24 (IPv4) and one /64 (IPv6) per link.
/// Routers answer from the address facing the client.
/// </summary>
public static class TraceChainNetwork
{
    public const string ClientV4 = "10.240.1.1";
    public const string Router1V4 = "10.240.1.2";
    public const string Router2V4 = "10.240.2.2";
    public const string TargetV4 = "10.240.3.2";
    public const string ClientV6 = "fd00:5eac:f1::1";
    public const string Router1V6 = "fd00:5eac:f1::2";
    public const string Router2V6 = "fd00:5eac:f2::2";
    public const string TargetV6 = "fd00:5eac:f3::2";

    public const string Router1Name = "router1.trace.lab";
    public const string Router2Name = "router2.trace.lab";
    public const string TargetName = "target.trace.lab";

    /// <summary>A listener in the target: open / syn-ack.</summary>
    public const int OpenPort = 80;

    /// <summary>Nothing listens in the target: closed / conn-refused.</summary>
    public const int ClosedPort = 8080;

    /// <summary>Router2 drops it in its FORWARD chain: the last hop that answers is router2.</summary>
    public const int DroppedPort = 9001;

    /// <summary>Router1 rejects it in its FORWARD chain (admin-prohibited): TTL 1 expires there, TTL 2 is rejected there.</summary>
    public const int RejectedPort = 9002;

    public static string Router1(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? Router1V6 : Router1V4;

    public static string Router2(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? Router2V6 : Router2V4;

    public static string Target(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? TargetV6 : TargetV4;
}
