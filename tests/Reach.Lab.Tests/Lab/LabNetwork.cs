using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// The lab's addresses. The client namespace reaches the target namespace over one veth link; it has no default
/// route, so any other address fails locally with ENETUNREACH and no packet leaves.
/// </summary>
public static class LabNetwork
{
    public const string ClientV4 = "10.231.0.1";
    public const string TargetV4 = "10.231.0.2";
    public const string ClientV6 = "fd00:5eac::1";
    public const string TargetV6 = "fd00:5eac::2";

    /// <summary>The target answers for every address of this range (AnyIP), routed from the client via the target.</summary>
    public const string AnyIpV4Prefix = "10.231.1.0/24";

    /// <summary>The IPv6 AnyIP range of the target.</summary>
    public const string AnyIpV6Prefix = "fd00:5eac:1::/64";

    /// <summary>An IPv4 address the client has no route to: a connect fails at once with ENETUNREACH.</summary>
    public const string NoRouteV4 = "10.232.0.9";

    /// <summary>An IPv6 address the client has no route to.</summary>
    public const string NoRouteV6 = "fd00:5eac:99::9";

    /// <summary>Resolves (from the client's hosts file) to <see cref="TargetV4"/> and <see cref="TargetV6"/>.</summary>
    public const string TargetName = "target.lab";

    /// <summary>Resolves to <see cref="TargetV4"/> only.</summary>
    public const string V4OnlyName = "v4only.lab";

    /// <summary>Resolves nowhere: the client's resolver asks its own loopback, where nothing listens.</summary>
    public const string UnresolvableName = "nosuch.invalid";

    public static string Client(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? ClientV6 : ClientV4;

    public static string Target(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? TargetV6 : TargetV4;

    public static string NoRoute(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? NoRouteV6 : NoRouteV4;

    /// <summary>The n-th address (1..254) of the AnyIP range of the family: all of them are the target.</summary>
    public static string AnyIp(AddressFamily family, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 254);
        return family == AddressFamily.InterNetworkV6
            ? "fd00:5eac:1::" + n.ToString("x", CultureInfo.InvariantCulture)
            : "10.231.1." + n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>host:port</c>, with brackets around an IPv6 literal.</summary>
    public static string EndPoint(string address, int port) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
}
