using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>
/// Windows: tools write an IPv6 zone as its number (<c>fe80::50%3</c>, as netstat and ping do), and so does reach;
/// sockets are IPv6-only unless the program turns IPV6_V6ONLY off.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsSocketConventions : ISocketConventions
{
    public string? InterfaceName(long index) => null;

    public bool? DefaultV6Only() => true;
}
