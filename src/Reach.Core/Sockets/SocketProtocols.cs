namespace Reach.Sockets;

/// <summary>Which protocols a socket-table read covers.</summary>
[Flags]
public enum SocketProtocols
{
    None = 0,
    Tcp = 1,
    Udp = 2,
    All = Tcp | Udp,
}
