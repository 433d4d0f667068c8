namespace Reach.Sockets;

/// <summary>
/// TCP connection states (RFC 793), in one vocabulary for every OS; each platform decoder maps its own numbering
/// (Linux TCP_* from include/net/tcp_states.h, Windows MIB_TCP_STATE) onto it.
/// </summary>
public enum TcpSocketState
{
    Unknown,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
    Closed,
    /// <summary>Windows DELETE_TCB: the control block is being removed.</summary>
    DeleteTcb,
}
