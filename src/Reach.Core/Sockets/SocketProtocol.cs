namespace Reach.Sockets;

/// <summary>The transport of a socket-table row.</summary>
public enum SocketProtocol
{
    Tcp,
    Udp,
}
