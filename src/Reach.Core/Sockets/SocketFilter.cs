namespace Reach.Sockets;

/// <summary>Which sockets <c>reach sockets</c> shows; every criterion left at its default matches everything.</summary>
public sealed record SocketFilter
{
    /// <summary>Only listeners: TCP LISTEN and bound, unconnected UDP (see <see cref="SocketRows.IsListening"/>).</summary>
    public bool Listening { get; init; }

    /// <summary>
    /// Only TCP connections this host opened: ESTABLISHED or SYN_SENT whose local port is no local listener's port.
    /// </summary>
    public bool Outbound { get; init; }

    public SocketProtocols Protocols { get; init; } = SocketProtocols.All;

    /// <summary>The local port; with <see cref="Outbound"/> the remote port.</summary>
    public int? Port { get; init; }

    /// <summary>Sockets this process holds, also those it shares with others (a parent, a pre-fork server's workers).</summary>
    public int? Pid { get; init; }

    /// <summary>The name of any process holding the socket, compared ignoring case.</summary>
    public string? Process { get; init; }

    /// <summary>TCP states to keep (UDP sockets, which have none, never match).</summary>
    public IReadOnlySet<TcpSocketState>? States { get; init; }

    public SocketFamilyFilter Family { get; init; }
}
