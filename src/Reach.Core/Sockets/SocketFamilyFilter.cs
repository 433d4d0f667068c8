namespace Reach.Sockets;

/// <summary><c>-4</c> / <c>-6</c>: which address family a socket must serve.</summary>
public enum SocketFamilyFilter
{
    Any,
    /// <summary>Sockets that take IPv4: IPv4 sockets, IPv4-mapped binds, and dual-stack <c>::</c> listeners.</summary>
    IPv4,
    /// <summary>IPv6 sockets that take IPv6 (not those bound to an IPv4-mapped address).</summary>
    IPv6,
}
