namespace Reach.Sockets;

/// <summary>The processes listening on one port, each with every socket it holds there: "who listens on 80?".</summary>
public static class PortListeners
{
    public static IReadOnlyList<ListenerOwner> Find(IReadOnlyList<SocketView> sockets, int port)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        return [.. sockets
            .Where(s => s.Row.Local.Port == port && s.Row.IsListening())
            .GroupBy(s => s.Entry.Owner?.Pid ?? s.Row.Pid)
            .Select(g => new ListenerOwner(g.First().Entry.Owner, g.Key, g.First().User, [.. g.OrderBy(s => s, SocketViewOrder.Instance)]))
            .OrderBy(o => o.Pid ?? int.MaxValue)];
    }
}

/// <summary>One process (or an unseen owner) and its listening sockets on a port.</summary>
/// <param name="Owner">The process, when it can be seen.</param>
/// <param name="Pid">Its PID, also when only the table knows it.</param>
/// <param name="User">The owning user, when known.</param>
/// <param name="Sockets">Its listeners on the port, in the usual order.</param>
public sealed record ListenerOwner(ProcessOwner? Owner, int? Pid, string? User, IReadOnlyList<SocketView> Sockets);
