namespace Reach.Sockets;

/// <summary>Every TCP and UDP socket of this host (its network namespace) at one moment.</summary>
/// <param name="Entries">The sockets with their owners.</param>
/// <param name="Source">Where the rows came from, for humans: <c>netlink sock_diag</c>, <c>/proc/net</c>, <c>GetExtendedTcpTable</c>.</param>
/// <param name="OwnersIncomplete">True when some owners were hidden (not running with privileges).</param>
public sealed record SocketSnapshot(IReadOnlyList<SocketEntry> Entries, string Source, bool OwnersIncomplete);
