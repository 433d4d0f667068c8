using System.Net;

namespace Reach.Routing;

/// <summary>Used where Reach does not read the routing table yet (macOS): the next hop is not reported.</summary>
internal sealed class NoRouteTable : IRouteTable
{
    public RouteEntry? Lookup(IPAddress destination) => null;
}
