using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Platform;

namespace Reach.Sockets;

/// <summary>
/// How Reach writes socket endpoints: the local side exactly as bound (<c>0.0.0.0:80</c>, <c>[::]:80</c>,
/// <c>127.0.0.1:9050</c>), IPv6 in brackets, and the remote side of an unconnected socket as ss does, <c>*:*</c>
/// (a wildcard address is <c>*</c>, port 0 is <c>*</c>). A link-local IPv6 address carries its zone as the
/// interface's name on Linux, as ss and ip write it: <c>[fe80::50%eth0]:22</c>.
/// </summary>
public static class EndpointNotation
{
    public static string Local(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return Join(Address(endPoint.Address), endPoint.Port);
    }

    public static string Remote(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = SocketRows.IsUnspecified(endPoint.Address) ? "*" : Address(endPoint.Address);
        return Join(address, endPoint.Port);
    }

    /// <summary>The address alone, IPv6 in brackets: <c>10.0.0.5</c>, <c>[::1]</c>, <c>[fe80::50%eth0]</c>.</summary>
    public static string Address(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Plain(address)}]" : address.ToString();
    }

    /// <summary>The address without brackets (JSON, CSV, baselines): <c>::1</c>, <c>fe80::50%eth0</c>.</summary>
    public static string Plain(IPAddress address) => Plain(address, SystemInterfaceName);

    /// <summary>
    /// The address without brackets, an IPv6 zone written as <paramref name="interfaceName"/> names it; as a number
    /// when it names none (Windows, or an interface gone meanwhile).
    /// </summary>
    internal static string Plain(IPAddress address, Func<long, string?> interfaceName)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(interfaceName);
        var text = address.ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId == 0 || interfaceName(address.ScopeId) is not { Length: > 0 } name)
        {
            return text;
        }

        var percent = text.IndexOf('%', StringComparison.Ordinal);
        return (percent < 0 ? text : text[..percent]) + "%" + name;
    }

    /// <summary>As this OS's tools name a zone's interface (<see cref="ISocketConventions"/>).</summary>
    private static string? SystemInterfaceName(long index) => PlatformServices.SocketConventions.InterfaceName(index);

    private static string Join(string address, int port) =>
        port == 0 ? address + ":*" : address + ":" + port.ToString(CultureInfo.InvariantCulture);
}
