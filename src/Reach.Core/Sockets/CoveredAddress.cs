using System.Net;

namespace Reach.Sockets;

/// <summary>One of this machine's addresses that a wildcard bind accepts connections on, with its class.</summary>
public sealed record CoveredAddress(IPAddress Address, AddressScope Scope);
