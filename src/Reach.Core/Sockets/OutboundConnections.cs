using System.Globalization;
using System.Net;

namespace Reach.Sockets;

/// <summary>Outbound connections grouped by remote endpoint and process: "what does this host call, and who calls?".</summary>
public static class OutboundConnections
{
    /// <summary>Groups by remote endpoint and by the processes holding the connections (all of them, when shared).</summary>
    public static IReadOnlyList<OutboundGroup> Group(IReadOnlyList<SocketView> outbound)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        return [.. outbound
            .GroupBy(s => (Remote: s.Row.Remote, Pids: OwnerKey(s.Entry)))
            .Select(g => new OutboundGroup(g.Key.Remote, g.First().Entry.Pid, g.First().Entry.Owner?.Name, g.First().User, [.. g]))
            .OrderBy(g => g.Remote.Address, AddressOrder.Instance)
            .ThenBy(g => g.Remote.Port)
            .ThenBy(g => g.Pid ?? -1)
            .ThenBy(g => OwnerKey(g.Connections[0].Entry), StringComparer.Ordinal)];
    }

    private static string OwnerKey(SocketEntry entry) => entry.Owners.Count > 1
        ? string.Join(',', entry.Owners.Select(o => o.Pid.ToString(CultureInfo.InvariantCulture)))
        : entry.Pid?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>The connections of one process (or of the same processes sharing them) to one remote endpoint.</summary>
/// <param name="Remote">The remote endpoint.</param>
/// <param name="Pid">The (lowest) owner PID; every connection of the group has the same owners.</param>
/// <param name="Process">That owner's name.</param>
/// <param name="User">That owner's user.</param>
/// <param name="Connections">The connections.</param>
public sealed record OutboundGroup(IPEndPoint Remote, int? Pid, string? Process, string? User, IReadOnlyList<SocketView> Connections);
