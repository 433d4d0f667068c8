using System.Net;

namespace Reach.Routing;

/// <summary>One row of a routing table: destination prefix, gateway (null when on-link), interface and metric.</summary>
public sealed record RouteEntry(IPNetwork Destination, IPAddress? Gateway, string InterfaceName, int Metric)
{
    /// <summary>The most specific route containing <paramref name="address"/>, lowest metric first among equals.</summary>
    public static RouteEntry? BestMatch(IEnumerable<RouteEntry> routes, IPAddress address) => routes
        .Where(r => r.Destination.BaseAddress.AddressFamily == address.AddressFamily && r.Destination.Contains(address))
        .OrderByDescending(r => r.Destination.PrefixLength)
        .ThenBy(r => r.Metric)
        .FirstOrDefault();
}
