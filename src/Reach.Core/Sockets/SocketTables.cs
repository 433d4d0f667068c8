namespace Reach.Sockets;

/// <summary>The socket table of the OS Reach runs on, for callers outside Reach.Core (the CLI, embedders).</summary>
public static class SocketTables
{
    /// <summary>This OS's reader; on an OS without one, its <c>Read</c> throws <see cref="PlatformNotSupportedException"/>.</summary>
    public static ISocketTable System => Platform.PlatformServices.SocketTable;
}
