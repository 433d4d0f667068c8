namespace Reach.Sockets;

/// <summary>The processes listening on one port, each with every socket it holds there: "who listens on 80?".</summary>
public static class PortListeners
{
    /// <summary>
    /// One entry per owning process, by PID, then one for the sockets whose owner cannot be seen. A socket several
    /// processes hold (a pre-fork server's master and workers) is listed under each of them.
    /// </summary>
    public static IReadOnlyList<ListenerOwner> Find(IReadOnlyList<SocketView> sockets, int port)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        return [.. sockets
            .Where(s => s.Row.Local.Port == port && s.Row.IsListening())
            .SelectMany(s => s.Entry.Owners.Count == 0
                ? [(Owner: (ProcessOwner?)null, Pid: s.Row.Pid, User: s.User, Socket: s)]
                : s.Entry.Owners.Select(o => (Owner: (ProcessOwner?)o, Pid: (int?)o.Pid, User: o.User ?? s.Entry.OwnerUser, Socket: s)))
            .GroupBy(o => o.Pid)
            .Select(g => new ListenerOwner(g.First().Owner, g.Key, g.First().User, [.. g.Select(o => o.Socket).OrderBy(s => s, SocketViewOrder.Instance)]))
            .OrderBy(o => o.Pid ?? int.MaxValue)];
    }
}

/// <summary>One process (or an unseen owner) and its listening sockets on a port.</summary>
/// <param name="Owner">The process, when it can be seen.</param>
/// <param name="Pid">Its PID, also when only the table knows it.</param>
/// <param name="User">The owning user, when known.</param>
/// <param name="Sockets">Its listeners on the port, in the usual order; other processes may hold them too.</param>
public sealed record ListenerOwner(ProcessOwner? Owner, int? Pid, string? User, IReadOnlyList<SocketView> Sockets);
