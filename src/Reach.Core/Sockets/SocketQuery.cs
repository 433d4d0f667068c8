namespace Reach.Sockets;

/// <summary>Applies a <see cref="SocketFilter"/> to a snapshot and sorts the result the same way every time.</summary>
public static class SocketQuery
{
    public static IReadOnlyList<SocketView> Run(SocketSnapshot snapshot, SocketFilter filter, ExposureCalculator exposures)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(exposures);

        var listenerPorts = filter.Outbound ? ListenerPorts(snapshot) : null;
        var views = new List<SocketView>();
        foreach (var entry in snapshot.Entries)
        {
            if (!MatchesRow(entry, filter, listenerPorts))
            {
                continue;
            }

            var view = new SocketView(entry, exposures.Evaluate(entry.Row));
            if (MatchesFamily(view, filter.Family))
            {
                views.Add(view);
            }
        }

        // The same order as SocketViewOrder, from keys computed once per socket.
        var keys = views.Select(SocketSortKey.For).ToArray();
        var sorted = views.ToArray();
        Array.Sort(keys, sorted);
        return sorted;
    }

    /// <summary>The local ports of TCP listeners: a connection on one of them was accepted, not opened, here.</summary>
    public static HashSet<int> ListenerPorts(SocketSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Entries
            .Where(e => e.Row.Protocol == SocketProtocol.Tcp && e.Row.State == TcpSocketState.Listen)
            .Select(e => e.Row.Local.Port)];
    }

    private static bool MatchesRow(SocketEntry entry, SocketFilter filter, HashSet<int>? listenerPorts)
    {
        var row = entry.Row;
        var protocol = row.Protocol == SocketProtocol.Tcp ? SocketProtocols.Tcp : SocketProtocols.Udp;
        if ((filter.Protocols & protocol) == 0)
        {
            return false;
        }

        if (filter.Listening && !row.IsListening())
        {
            return false;
        }

        if (listenerPorts is not null && !IsOutbound(row, listenerPorts))
        {
            return false;
        }

        if (filter.Port is { } port && (filter.Outbound ? row.Remote.Port : row.Local.Port) != port)
        {
            return false;
        }

        if (filter.Pid is { } pid && !entry.IsHeldBy(pid))
        {
            return false;
        }

        if (filter.Process is { } name && !entry.Owners.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return filter.States is null || (row.State is { } state && filter.States.Contains(state));
    }

    private static bool IsOutbound(SocketRow row, HashSet<int> listenerPorts) =>
        row.Protocol == SocketProtocol.Tcp
        && row.State is TcpSocketState.Established or TcpSocketState.SynSent
        && !listenerPorts.Contains(row.Local.Port);

    private static bool MatchesFamily(SocketView view, SocketFamilyFilter family)
    {
        if (family == SocketFamilyFilter.Any)
        {
            return true;
        }

        var local = view.Row.Local.Address;
        var ipv4 = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork || local.IsIPv4MappedToIPv6;
        return family == SocketFamilyFilter.IPv4
            ? ipv4 || view.Exposure.AcceptsIpv4 == true
            : !ipv4;
    }
}
