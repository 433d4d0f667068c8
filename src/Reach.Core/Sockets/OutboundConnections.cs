using System.Net;

namespace Reach.Sockets;

/// <summary>Outbound connections grouped by remote endpoint and process: "what does this host call, and who calls?".</summary>
public static class OutboundConnections
{
    public static IReadOnlyList<OutboundGroup> Group(IReadOnlyList<SocketView> outbound)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        return [.. outbound
            .GroupBy(s => (Remote: s.Row.Remote, Pid: s.Entry.Owner?.Pid ?? s.Row.Pid))
            .Select(g => new OutboundGroup(g.Key.Remote, g.Key.Pid, g.First().Entry.Owner?.Name, g.First().User, [.. g]))
            .OrderBy(g => g.Remote.Address, AddressOrder.Instance)
            .ThenBy(g => g.Remote.Port)
            .ThenBy(g => g.Pid ?? -1)];
    }
}

/// <summary>The connections of one process to one remote endpoint.</summary>
public sealed record OutboundGroup(IPEndPoint Remote, int? Pid, string? Process, string? User, IReadOnlyList<SocketView> Connections);
