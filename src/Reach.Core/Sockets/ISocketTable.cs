namespace Reach.Sockets;

/// <summary>The OS's table of TCP and UDP sockets with owning processes; one implementation per platform.</summary>
public interface ISocketTable
{
    /// <summary>Reads the table once.</summary>
    /// <param name="protocols">Which protocols to read (readers may skip the others entirely).</param>
    /// <exception cref="PlatformNotSupportedException">This OS has no reader yet; the message says so in plain words.</exception>
    /// <exception cref="SocketTableException">The table could not be read or decoded; the message names what failed.</exception>
    SocketSnapshot Read(SocketProtocols protocols);
}
