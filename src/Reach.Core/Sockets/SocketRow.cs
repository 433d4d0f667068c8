using System.Net;

namespace Reach.Sockets;

/// <summary>
/// One socket as the kernel's table reports it, before its owner is looked up.
/// </summary>
/// <param name="Protocol">TCP or UDP.</param>
/// <param name="Local">Bound address and port; <c>0.0.0.0</c> / <c>::</c> for a wildcard bind.</param>
/// <param name="Remote">Peer address and port; <c>0.0.0.0:0</c> / <c>[::]:0</c> when not connected.</param>
/// <param name="State">The TCP state; <see langword="null"/> for UDP, which has none.</param>
/// <param name="Inode">Linux socket inode (joins the row to <c>/proc/PID/fd</c>); 0 elsewhere or when unknown.</param>
/// <param name="Pid">Owner process id when the table itself carries it (Windows); otherwise <see langword="null"/>.</param>
/// <param name="Uid">Owner user id when the table carries it (Linux); otherwise <see langword="null"/>.</param>
/// <param name="V6Only">
/// For IPv6 sockets, the socket's own IPV6_V6ONLY flag as the kernel reports it (Linux: sock_diag's INET_DIAG_SKV6ONLY);
/// <see langword="null"/> for IPv4 sockets or when the source cannot tell (Linux /proc fallback).
/// </param>
public sealed record SocketRow(
    SocketProtocol Protocol,
    IPEndPoint Local,
    IPEndPoint Remote,
    TcpSocketState? State,
    ulong Inode = 0,
    int? Pid = null,
    int? Uid = null,
    bool? V6Only = null);
