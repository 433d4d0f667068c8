namespace Reach.Sockets;

/// <summary>
/// How this OS's own tools write socket addresses, and what its new sockets assume: one implementation per OS, picked
/// once by PlatformServices.
/// </summary>
internal interface ISocketConventions
{
    /// <summary>
    /// The name of the interface with this index, looked up now, for an IPv6 zone (scope id); null where zones are
    /// written as numbers, or when no interface has the index.
    /// </summary>
    string? InterfaceName(long index);

    /// <summary>The system's default IPV6_V6ONLY for new sockets (<see cref="SystemV6OnlyDefault"/>); null when unknown.</summary>
    bool? DefaultV6Only();
}
