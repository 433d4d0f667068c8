using System.Net;

namespace Reach.Routing;

/// <summary>How this host would send to a destination: from which address, out of which interface, through whom.</summary>
/// <param name="Source">The source address the OS picks, or null when it has no route.</param>
/// <param name="InterfaceName">The outgoing interface, when known.</param>
/// <param name="NextHop">The gateway; null when the destination is on-link or the OS does not tell.</param>
/// <param name="OnLink">True when the table says the destination is directly reachable (no gateway).</param>
/// <param name="Error">Why there is no route, when there is none.</param>
public sealed record RouteInfo(IPAddress? Source, string? InterfaceName, IPAddress? NextHop, bool? OnLink, string? Error = null);
