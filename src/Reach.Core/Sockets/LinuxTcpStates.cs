namespace Reach.Sockets;

/// <summary>Linux's TCP_* state numbers (include/net/tcp_states.h), shared by sock_diag and /proc/net.</summary>
internal static class LinuxTcpStates
{
    /// <summary>Maps a kernel state number; numbers this version does not know become <see cref="TcpSocketState.Unknown"/>.</summary>
    public static TcpSocketState ToState(int linuxState) => linuxState switch
    {
        1 => TcpSocketState.Established,
        2 => TcpSocketState.SynSent,
        3 => TcpSocketState.SynReceived,
        4 => TcpSocketState.FinWait1,
        5 => TcpSocketState.FinWait2,
        6 => TcpSocketState.TimeWait,
        7 => TcpSocketState.Closed,
        8 => TcpSocketState.CloseWait,
        9 => TcpSocketState.LastAck,
        10 => TcpSocketState.Listen,
        11 => TcpSocketState.Closing,
        // A request socket (half-open connection waiting for the final ACK): SYN_RECV as ss shows it.
        12 => TcpSocketState.SynReceived,
        _ => TcpSocketState.Unknown,
    };
}
