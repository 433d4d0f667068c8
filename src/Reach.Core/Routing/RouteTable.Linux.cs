using System.Net;
using System.Runtime.Versioning;

namespace Reach.Routing;

/// <summary>Linux: the main routing table from /proc/net/route and /proc/net/ipv6_route.</summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxRouteTable : IRouteTable
{
    public RouteEntry? Lookup(IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        try
        {
            var routes = destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? ProcRouteParser.ParseIpv6(File.ReadAllText("/proc/net/ipv6_route"))
                : ProcRouteParser.ParseIpv4(File.ReadAllText("/proc/net/route"));
            return RouteEntry.BestMatch(routes, destination);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
