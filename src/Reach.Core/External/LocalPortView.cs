using System.Net;
using Reach.Sockets;

namespace Reach.External;

/// <summary>One listening TCP socket on the port, with its owner as far as it can be seen.</summary>
/// <param name="Process">The program's short name; <see langword="null"/> when the owner is hidden.</param>
/// <param name="Pid">Its PID, when known.</param>
/// <param name="Bind">The bind address and port.</param>
/// <param name="Exposure">Who can reach the bind address (as in <c>reach sockets</c>).</param>
public sealed record LocalListener(string? Process, int? Pid, IPEndPoint Bind, Exposure Exposure);

/// <summary>Who listens on one TCP port of this host, from the socket table.</summary>
/// <param name="Known">False when the socket table could not be read: the verdict then rests on the outside view alone.</param>
/// <param name="Listeners">The listening TCP sockets on the port.</param>
public sealed record LocalPortView(bool Known, IReadOnlyList<LocalListener> Listeners)
{
    /// <summary>The socket table could not be read: nothing is known about local listeners.</summary>
    public static LocalPortView Unknown { get; } = new(false, []);

    /// <summary>The TCP listeners on <paramref name="port"/> among <paramref name="sockets"/> (the rows of <c>reach sockets</c>).</summary>
    public static LocalPortView From(IReadOnlyList<SocketView> sockets, int port)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        var tcp = sockets.Where(s => s.Row.Protocol == SocketProtocol.Tcp).ToList();
        var listeners = PortListeners.Find(tcp, port)
            .SelectMany(owner => owner.Sockets.Select(s => new LocalListener(owner.Owner?.Name, owner.Pid, s.Row.Local, s.Exposure)))
            .ToList();
        return new LocalPortView(true, listeners);
    }
}
