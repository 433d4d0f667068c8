using System.Net;

namespace Reach.Routing;

/// <summary>The OS routing table, asked for the route a destination takes.</summary>
internal interface IRouteTable
{
    /// <summary>The best route to <paramref name="destination"/>, or null when the OS does not tell.</summary>
    Routing.RouteEntry? Lookup(IPAddress destination);
}
